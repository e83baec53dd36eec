package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
)

// History is what members saw and did: the questions picked for them and
// marked seen, their daily participation and the leaderboards made of it,
// and the filters saved for their buttons.
type History struct{ *shared }

// Pick is a question chosen for a member.
type Pick struct {
	*Question
	// SeenBefore is true when the member had seen every match, so this is
	// the one they saw longest ago.
	SeenBefore bool
}

// PickQuestion returns a random question matching f that userID has not
// seen, or, when they have seen every match, the one they saw longest ago.
// It returns a NotFound error when nothing matches f.
//
// Without a search text the candidates come from the in-memory bank index
// and only the member's history is read (with what this process queued
// and has not committed, see MarkSeenBatched), with the chosen row when
// the index's row cache does not hold it yet: a pick that follows a
// history commit finds the readers' page caches emptied (WAL mode), so
// touching few pages is what keeps it fast. Like the index, a
// cached row may lag another process's change to the bank by up to
// indexRecheck.
func (s *History) PickQuestion(ctx context.Context, f Filter, userID string) (*Pick, error) {
	if f.Search != "" {
		return s.pickSQL(ctx, f, userID)
	}
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	cands := idx.candidates(f)
	if len(cands) == 0 {
		return nil, errNoMatch
	}
	seen, err := s.seenAmong(ctx, userID, cands)
	if err != nil {
		return nil, err
	}
	if s.seen != nil {
		// What this process showed the member and has not committed yet.
		for seq, at := range s.seen.pendingFor(userID) {
			if old, ok := seen[seq]; !ok || at > old {
				seen[seq] = at
			}
		}
	}
	unseen := make([]int64, 0, len(cands))
	for _, seq := range cands {
		if _, ok := seen[seq]; !ok {
			unseen = append(unseen, seq)
		}
	}
	var seq int64
	seenBefore := len(unseen) == 0
	if seenBefore {
		var oldest int64 = -1
		for _, c := range cands {
			if at := seen[c]; oldest < 0 || at < oldest || (at == oldest && c < seq) {
				seq, oldest = c, at
			}
		}
	} else {
		seq = unseen[rand.IntN(len(unseen))]
	}
	q, err := s.pickedRow(ctx, idx, seq)
	if err != nil {
		return nil, err
	}
	if q == nil {
		// Another process retired it a moment ago: ask the database.
		return s.pickSQL(ctx, f, userID)
	}
	return &Pick{Question: q, SeenBefore: seenBefore}, nil
}

// seenAmong returns when userID last saw each of cands that they have seen.
func (s *History) seenAmong(ctx context.Context, userID string, cands []int64) (map[int64]int64, error) {
	var rows []struct {
		Seq    int64 `db:"seq"`
		SeenAt int64 `db:"seen_at"`
	}
	var err error
	if len(cands) <= 64 {
		q, args, qerr := sqlx.In("SELECT seq, seen_at FROM seen WHERE user_id = ? AND seq IN (?)", userID, cands)
		if qerr != nil {
			return nil, qerr
		}
		err = s.r.SelectContext(ctx, &rows, s.r.Rebind(q), args...)
	} else {
		err = s.r.SelectContext(ctx, &rows, "SELECT seq, seen_at FROM seen WHERE user_id = ?", userID)
	}
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.Seq] = r.SeenAt
	}
	return out, nil
}

// pickSQL is PickQuestion done in SQL, for filters with a search text.
func (s *History) pickSQL(ctx context.Context, f Filter, userID string) (*Pick, error) {
	s.settle(ctx, userID)
	where, args := f.where(s.dialect)
	// The inner query orders only ids (unseen first, at random; then the
	// one seen longest ago), so SQLite sorts small keys, not whole rows;
	// the outer one reads the chosen row.
	inner := "SELECT q.seq, s.seen_at IS NOT NULL AS seen_before FROM questions q LEFT JOIN seen s ON s.seq = q.seq AND s.user_id = ? WHERE " +
		where + " ORDER BY s.seen_at IS NOT NULL, s.seen_at, random() LIMIT 1"
	query := "SELECT " + pickCols + ", p.seen_before FROM (" + inner + ") p JOIN questions q ON q.seq = p.seq"
	var r struct {
		row
		SeenBefore bool `db:"seen_before"`
	}
	err := s.r.GetContext(ctx, &r, query, append([]any{userID}, args...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoMatch
	}
	if err != nil {
		return nil, err
	}
	return &Pick{Question: r.row.question(), SeenBefore: r.SeenBefore}, nil
}

// MarkSeen records that userID was shown the question now, in guildID (""
// in a DM).
func (s *History) MarkSeen(ctx context.Context, userID, guildID string, seq int64) error {
	return s.MarkSeenAt(ctx, userID, guildID, seq, s.now())
}

// MarkSeenAt records that userID was shown the question in guildID ("" in
// a DM) at a given time, for a write made a moment after it was shown.
func (s *History) MarkSeenAt(ctx context.Context, userID, guildID string, seq int64, at time.Time) error {
	if guildID == "" {
		return markSeen(ctx, s.w, userID, guildID, seq, at.UnixMilli())
	}
	return s.write(ctx, func(tx *sqlx.Tx) error { return markSeen(ctx, tx, userID, guildID, seq, at.UnixMilli()) })
}

// markSeen writes the history of a question shown: when userID last saw
// it (what picks read), and in which server (what /profile counts), in
// the transaction or connection pool ex.
func markSeen(ctx context.Context, ex sqlx.ExecerContext, userID, guildID string, seq, at int64) error {
	if _, err := ex.ExecContext(ctx, `INSERT INTO seen (user_id, seq, seen_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id, seq) DO UPDATE SET seen_at = excluded.seen_at`, userID, seq, at); err != nil || guildID == "" {
		return err
	}
	_, err := ex.ExecContext(ctx, `INSERT INTO seen_guilds (user_id, guild_id, seq) VALUES (?, ?, ?)
		ON CONFLICT (user_id, guild_id, seq) DO NOTHING`, userID, guildID, seq)
	return err
}

// SeenCount returns how many questions userID has been shown anywhere:
// in every server, in DMs, and before servers were recorded.
func (s *History) SeenCount(ctx context.Context, userID string) (int, error) {
	s.settle(ctx, userID)
	var n int
	err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM seen WHERE user_id = ?", userID)
	return n, err
}

// SeenCountIn returns how many questions userID has been shown in guildID.
func (s *History) SeenCountIn(ctx context.Context, guildID, userID string) (int, error) {
	s.settle(ctx, userID)
	var n int
	err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM seen_guilds WHERE user_id = ? AND guild_id = ?", userID, guildID)
	return n, err
}

// SavedFilterLifetime is how long a saved filter (see SaveFilter) lasts
// after it was last saved; ExpireSavedFilters deletes older ones.
const SavedFilterLifetime = 30 * 24 * time.Hour

// errFilterExpired is what a button whose saved filter is gone says.
var errFilterExpired = errs.E(errs.NotFound, "These filters have expired: buttons keep long filters for %d days. Run the command again.",
	int(SavedFilterLifetime/(24*time.Hour)))

// SaveFilter stores f under a short token derived from its content, for
// buttons whose filters do not fit in Discord's 100-character custom_id.
// The filter is reduced to what selects questions first (the comparison
// keys of its names, the words its search looks for; not its scope, which
// the button's server gives back), so filters that select alike share one
// token and one row. Saving again restarts its lifetime. A filter without
// a level is saved as it was before filters had one (same JSON, same
// token), and rows saved then load with no level.
func (s *History) SaveFilter(ctx context.Context, f Filter) (string, error) {
	g := Filter{Difficulty: strings.ToLower(strings.TrimSpace(f.Difficulty))}
	for _, k := range facetKinds {
		if v := f.Get(k); v != "" {
			g = g.With(k, data.FilterKey(k, v))
		}
	}
	if f.Search != "" {
		g.Search = SearchText(f.Search)
	}
	raw, err := json.Marshal(g)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(raw)
	token := base64.RawURLEncoding.EncodeToString(sum[:12])
	_, err = s.w.ExecContext(ctx, `INSERT INTO saved_filters (token, filter, created_at) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET created_at = excluded.created_at`, token, string(raw), s.now().UnixMilli())
	return token, err
}

// LoadFilter returns the filter saved under token, unless it is older than
// SavedFilterLifetime (whether or not ExpireSavedFilters has run yet).
func (s *History) LoadFilter(ctx context.Context, token string) (Filter, error) {
	raw, err := getRow[string](ctx, s.r, "SELECT filter FROM saved_filters WHERE token = ? AND created_at >= ?",
		token, s.now().Add(-SavedFilterLifetime).UnixMilli())
	if raw, err = found(raw, err, errFilterExpired); err != nil {
		return Filter{}, err
	}
	var f Filter
	if err := json.Unmarshal([]byte(*raw), &f); err != nil {
		return Filter{}, err
	}
	return f, nil
}

// ExpireSavedFilters deletes the saved filters older than
// SavedFilterLifetime at now and returns how many it deleted.
func (s *History) ExpireSavedFilters(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.w.ExecContext(ctx, "DELETE FROM saved_filters WHERE created_at < ?", now.Add(-SavedFilterLifetime).UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
