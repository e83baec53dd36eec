package store

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/prepcord/prepcord/errs"
)

// Audit is the record of what admins changed in a server, from Discord or
// the web dashboard, which the server's admins can read.
type Audit struct{ *shared }

// Where an audited change was made.
const (
	AuditDiscord = "discord"
	AuditWeb     = "web"
)

// maxAuditDetail bounds an audit line's detail, in characters.
const maxAuditDetail = 500

// AuditEntry is one change: who made it, from where, what and when.
type AuditEntry struct {
	ID      int64  `db:"id"`
	GuildID string `db:"guild_id"`
	UserID  string `db:"user_id"` // "" once the member asked /mydata forget
	Source  string `db:"source"`  // AuditDiscord or AuditWeb
	Action  string `db:"action"`  // a short name, e.g. "daily.setup", "suggestion.approve"
	Detail  string `db:"detail"`  // what changed, in words
	AtMs    int64  `db:"at"`
}

// Record adds an audit line, its time from the store's clock. A detail
// longer than 500 characters is cut; a line without a server, a member,
// a known source or an action is refused.
func (s *Audit) Record(ctx context.Context, e AuditEntry) (int64, error) {
	if e.GuildID == "" || e.UserID == "" || strings.TrimSpace(e.Action) == "" || (e.Source != AuditDiscord && e.Source != AuditWeb) {
		return 0, errs.E(errs.Invalid, "an audit line needs a server, a member, a source and an action")
	}
	if utf8.RuneCountInString(e.Detail) > maxAuditDetail {
		e.Detail = string([]rune(e.Detail)[:maxAuditDetail-1]) + "…"
	}
	var id int64
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		return tx.GetContext(ctx, &id, `INSERT INTO audit_log (guild_id, user_id, source, action, detail, at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, e.GuildID, e.UserID, e.Source, e.Action, e.Detail, s.now().UnixMilli())
	})
	return id, err
}

// Log returns a server's audit lines newest first, at most limit, older
// than the line before (0: from the newest), for paging.
func (s *Audit) Log(ctx context.Context, guildID string, before int64, limit int) ([]AuditEntry, error) {
	if before <= 0 {
		before = 1<<63 - 1
	}
	var out []AuditEntry
	err := s.r.SelectContext(ctx, &out, `SELECT id, guild_id, user_id, source, action, detail, at FROM audit_log
		WHERE guild_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, guildID, before, limit)
	return out, err
}
