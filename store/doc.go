// Package store keeps prepcord's state in SQLite, or in PostgreSQL when
// opened with a postgres:// URL, through sqlx: the
// question bank, members' history, daily schedules and posts, peer mock
// interview queues, pairings and feedback.
//
// A Store is opened once and split by aggregate: each of its fields below
// is a small type over the same connections and clock, with the methods of
// one part of the bot, so that a feature is handed the part it uses.
//
//   - Store: the lifecycle and what belongs to no one aggregate: Open,
//     Close, Path, Ping, Meta, SetMeta, Backup, IntegrityCheck, OpsCounts.
//   - Store.Questions (Questions): the question bank: syncing the bundled
//     bank, imports, lookups, exports, filter values and autocomplete,
//     counts and pages, and the discussion threads of questions.
//   - Store.History (History): what members saw and did: picking a question
//     they have not seen, marking questions seen, daily participation and
//     leaderboards, and the filters saved for buttons.
//   - Store.Daily (Daily): each server's daily questions: its feeds (up to
//     10 schedules) and the posts, claims, threads and reveals that carry
//     them out, and each feed's low-bank warning.
//   - Store.Interviews (Interviews): peer mock interviews (the /mock
//     command): settings, the queue, pairings, no-shows and weekly rounds.
//     Its tables keep their mock_ names.
//   - Store.Feedback (PeerFeedback): the feedback members of a pairing give
//     each other, and its drafts.
//   - Store.Suggestions (Suggestions): questions members propose for a
//     server's bank, their review, drafts and settings.
//   - Store.Reviews (Reviews): spaced review: each member's FSRS card, per
//     server, for the questions they rated, and what falls due.
//
// Public methods open their own transaction and call small private helpers
// that take the *sqlx.Tx; helpers that more than one aggregate uses are
// package-level functions. Writes go through a single connection with
// IMMEDIATE transactions (SQLite allows one writer at a time; queueing them
// in the pool is faster and never fails with "database is locked"), reads
// through a pool of read-only connections that WAL lets run beside it.
// On PostgreSQL writes share a pool and run SERIALIZABLE, a write that
// loses a race running again from the start (see shared.write). What is
// specific to each database is in dialect_sqlite.go and
// dialect_postgres.go, what differs between them in dialect.go.
package store
