package store

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
)

// DiscussionThread returns the thread where questionID is discussed in
// channelID, or "" when none was opened yet.
func (s *Store) DiscussionThread(ctx context.Context, channelID, questionID string) (string, error) {
	return getOr(ctx, s.r, "", "SELECT thread_id FROM discussion_threads WHERE channel_id = ? AND question_id = ?", channelID, questionID)
}

// SetDiscussionThread records threadID as the discussion of questionID in
// channelID, replacing a thread that no longer exists.
func (s *Store) SetDiscussionThread(ctx context.Context, guildID, channelID, questionID, threadID string) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO discussion_threads (channel_id, question_id, guild_id, thread_id, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel_id, question_id) DO UPDATE SET thread_id = excluded.thread_id,
		created_at = excluded.created_at`, channelID, questionID, guildID, threadID, s.Now().UnixMilli())
	return err
}

// ForgetDiscussionThread drops the record of a thread that was deleted.
func (s *Store) ForgetDiscussionThread(ctx context.Context, channelID, questionID string) error {
	_, err := s.w.ExecContext(ctx, "DELETE FROM discussion_threads WHERE channel_id = ? AND question_id = ?", channelID, questionID)
	return err
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
// token and one row. Saving again restarts its lifetime.
func (s *Store) SaveFilter(ctx context.Context, f Filter) (string, error) {
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
		ON CONFLICT (token) DO UPDATE SET created_at = excluded.created_at`, token, string(raw), s.Now().UnixMilli())
	return token, err
}

// LoadFilter returns the filter saved under token, unless it is older than
// SavedFilterLifetime (whether or not ExpireSavedFilters has run yet).
func (s *Store) LoadFilter(ctx context.Context, token string) (Filter, error) {
	raw, err := getRow[string](ctx, s.r, "SELECT filter FROM saved_filters WHERE token = ? AND created_at >= ?",
		token, s.Now().Add(-SavedFilterLifetime).UnixMilli())
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
func (s *Store) ExpireSavedFilters(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.w.ExecContext(ctx, "DELETE FROM saved_filters WHERE created_at < ?", now.Add(-SavedFilterLifetime).UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
