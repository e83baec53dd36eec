package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// DraftLifetime is how long a refused suggestion form is kept for its
// author to fix.
const DraftLifetime = 7 * 24 * time.Hour

// SuggestionDraft is the suggestion form as a member typed it, kept when
// it was refused so that it can be reopened with every field as they left
// it.
type SuggestionDraft struct {
	GuildID string `db:"guild_id"`
	UserID  string `db:"user_id"`
	// SuggestionID is 0 for a new suggestion, else the suggestion a
	// moderator is editing.
	SuggestionID int64 `db:"suggestion_id"`
	// The five fields of the form, as typed.
	Title              string `db:"title"`
	CompanyRole        string `db:"company_role"`
	CategoryDifficulty string `db:"category_difficulty"`
	Prompt             string `db:"prompt"`
	Answer             string `db:"answer"`
	CreatedAt          int64  `db:"created_at"` // unix milliseconds
}

// SaveDraft keeps d, replacing the member's earlier draft for the
// same target, and deletes every draft older than DraftLifetime, so the
// table holds at most one draft per member, server and target and none
// older than a week.
func (s *Suggestions) SaveDraft(ctx context.Context, d SuggestionDraft) error {
	now := s.now()
	d.CreatedAt = now.UnixMilli()
	return s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM suggestion_drafts WHERE created_at < ?", now.Add(-DraftLifetime).UnixMilli()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO suggestion_drafts (guild_id, user_id, suggestion_id, title, company_role,
			category_difficulty, prompt, answer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (guild_id, user_id, suggestion_id) DO UPDATE SET title = excluded.title, company_role = excluded.company_role,
			category_difficulty = excluded.category_difficulty, prompt = excluded.prompt, answer = excluded.answer,
			created_at = excluded.created_at`,
			d.GuildID, d.UserID, d.SuggestionID, d.Title, d.CompanyRole, d.CategoryDifficulty, d.Prompt, d.Answer, d.CreatedAt)
		return err
	})
}

// Draft returns userID's draft for suggestionID (0: a new
// suggestion) in guildID; NotFound when there is none or it expired.
func (s *Suggestions) Draft(ctx context.Context, guildID, userID string, suggestionID int64) (*SuggestionDraft, error) {
	d, err := getRow[SuggestionDraft](ctx, s.r, `SELECT guild_id, user_id, suggestion_id, title, company_role, category_difficulty,
		prompt, answer, created_at FROM suggestion_drafts WHERE guild_id = ? AND user_id = ? AND suggestion_id = ? AND created_at >= ?`,
		guildID, userID, suggestionID, s.now().Add(-DraftLifetime).UnixMilli())
	return found(d, err, errs.E(errs.NotFound, "This form is no longer kept (forms are kept for a week, and only the latest one). Start again with `/suggest`."))
}

// DeleteDraft deletes userID's draft for suggestionID in guildID,
// once what it held was sent.
func (s *Suggestions) DeleteDraft(ctx context.Context, guildID, userID string, suggestionID int64) error {
	_, err := s.w.ExecContext(ctx, "DELETE FROM suggestion_drafts WHERE guild_id = ? AND user_id = ? AND suggestion_id = ?",
		guildID, userID, suggestionID)
	return err
}
