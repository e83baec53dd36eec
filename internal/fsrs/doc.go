// Package fsrs schedules spaced review with FSRS, the Free Spaced
// Repetition Scheduler: the algorithm Anki uses since 23.10 and the
// open-spaced-repetition libraries implement.
//
// # What FSRS is
//
// FSRS models a member's memory of one item with two numbers. Stability S
// is the number of days after which the probability of recall has fallen
// to 90%; difficulty D, from 1 to 10, is how slowly stability grows. The
// probability of recall t days after a review, the retrievability, follows
// a power forgetting curve R(t) = (1 + factor·t/S)^(-w20). Each rating
// updates S and D by formulas whose 21 weights w0…w20 were fitted on
// a large collection of Anki review logs; the next review is scheduled for the day R
// falls to the desired retention (90% by default).
//
// # Version
//
// This is FSRS-6: 21 weights, with the forgetting curve's decay w20
// trainable (FSRS-5 had 19 weights and a fixed decay of 0.5; its weights
// run here unchanged with w19 = 0 and w20 = 0.5, and the tests do so).
//
// The scheduler is the reference's long-term scheduler (ts-fsrs and
// go-fsrs with short-term scheduling disabled), not the one with same-day
// learning steps: prepcord's reviews are days apart, and steps of 1 and 10
// minutes make no sense for a question answered in Discord. So a card is
// New, then Review; the first rating sets S to w0…w3 and D to its initial
// value; every later rating updates them from the retrievability at the
// elapsed whole days; and the intervals of the four ratings are kept in
// order (Again < Hard < Good < Easy). The weights w17…w19, which only
// model reviews on the same day, are therefore unused; a second review the
// same day finds R = 1 and leaves S as it was (or lowers it, for Again).
//
// # Sources
//
// The formulas, default weights, their bounds and the fuzz ranges were read
// in these reference implementations (read, not copied):
//
//   - open-spaced-repetition/py-fsrs, fsrs/scheduler.py (v6.3.1, commit
//     3abe686): DEFAULT_PARAMETERS, the parameter bounds, FUZZ_RANGES and
//     the formulas (_initial_difficulty, _next_difficulty,
//     _next_recall_stability, _next_forget_stability, _next_interval).
//   - open-spaced-repetition/fsrs-rs, src/model.rs and src/inference.rs
//     (commit 0cbb9d3): the same formulas and DEFAULT_PARAMETERS, and
//     test_memory_state and test_next_interval.
//   - open-spaced-repetition/ts-fsrs, packages/fsrs/src/impl/long_term_scheduler.ts
//     and src/algorithm.ts (commit cdec8d2f): the long-term scheduler (the
//     interval ordering, the lapse stability capped at S, elapsed time in
//     calendar days: UTC days there, days in the caller's time zone here) and its tests in
//     packages/fsrs/__tests__/impl/long-term_scheduler.test.ts.
//   - open-spaced-repetition/go-fsrs, fsrs_test.go (commit 81c1d8c):
//     TestLongTermScheduler, the long-term vectors with FSRS-6 defaults.
//
// The tests reproduce those vectors; see vectors_test.go.
//
// # Use in prepcord
//
// When a member rates a question they practised, prepcord loads the
// member's Card for that question (the zero Card if there is none), calls
// Review with the rating and the time, and stores the returned card; the
// review queue lists the cards whose Due has passed. The rating buttons
// are labelled with Preview's intervals ("Good · 3d", see FormatDays).
// The package is pure: no Discord, no SQL, nothing but the standard
// library, and no clock (the caller passes now).
package fsrs
