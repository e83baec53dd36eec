package store

import (
	"context"
)

// DiscussionThread returns the thread where questionID is discussed in
// channelID, or "" when none was opened yet.
func (s *Questions) DiscussionThread(ctx context.Context, channelID, questionID string) (string, error) {
	return getOr(ctx, s.r, "", "SELECT thread_id FROM discussion_threads WHERE channel_id = ? AND question_id = ?", channelID, questionID)
}

// SetDiscussionThread records threadID as the discussion of questionID in
// channelID, replacing a thread that no longer exists.
func (s *Questions) SetDiscussionThread(ctx context.Context, guildID, channelID, questionID, threadID string) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO discussion_threads (channel_id, question_id, guild_id, thread_id, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel_id, question_id) DO UPDATE SET thread_id = excluded.thread_id,
		created_at = excluded.created_at`, channelID, questionID, guildID, threadID, s.now().UnixMilli())
	return err
}

// ForgetDiscussionThread drops the record of a thread that was deleted.
func (s *Questions) ForgetDiscussionThread(ctx context.Context, channelID, questionID string) error {
	_, err := s.w.ExecContext(ctx, "DELETE FROM discussion_threads WHERE channel_id = ? AND question_id = ?", channelID, questionID)
	return err
}
