package store

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"

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

// SaveFilter stores f under a short token derived from its content, for
// buttons whose filters do not fit in Discord's 100-character custom_id.
// The same filter always gets the same token.
func (s *Store) SaveFilter(ctx context.Context, f Filter) (string, error) {
	raw, err := json.Marshal(f)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(raw)
	token := base64.RawURLEncoding.EncodeToString(sum[:12])
	_, err = s.w.ExecContext(ctx, `INSERT INTO saved_filters (token, filter, created_at) VALUES (?, ?, ?)
		ON CONFLICT (token) DO NOTHING`, token, string(raw), s.Now().UnixMilli())
	return token, err
}

// LoadFilter returns the filter saved under token.
func (s *Store) LoadFilter(ctx context.Context, token string) (Filter, error) {
	raw, err := getRow[string](ctx, s.r, "SELECT filter FROM saved_filters WHERE token = ?", token)
	if raw, err = found(raw, err, errs.E(errs.NotFound, "These filters have expired; run the command again.")); err != nil {
		return Filter{}, err
	}
	var f Filter
	if err := json.Unmarshal([]byte(*raw), &f); err != nil {
		return Filter{}, err
	}
	return f, nil
}
