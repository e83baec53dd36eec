package store

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// MyData is what prepcord keeps about one member, everywhere: /mydata
// export gives it to them and /mydata forget deletes it.
type MyData struct{ *shared }

// memberPart is one part of a member's data: the rows query selects (every
// ? is the member's id), and what forget does to them: each statement of
// forget runs in order (every ? is the member's id); none when the rows
// go with another part. covers names the table.column pairs holding a
// member's id that the part accounts for (TestMyDataCoversEveryMemberColumn
// checks that every such column of the schema is accounted for).
type memberPart struct {
	name   string
	query  string
	forget []string
	covers []string
}

// memberParts is every place a member's id is kept. Forget runs them in
// this order, in one transaction. Feedback the member gave others stays
// with its receiver, its giver anonymised (giver_id 'anonymous:' and the
// feedback's time, unique within a pairing); approved questions
// they suggested stay in the bank without their name (author_id ”); the
// servers' settings they changed and suggestions they decided on keep the
// change without their name; everything else about them is deleted.
var memberParts = []memberPart{
	{name: "questions_seen", query: "SELECT seq, seen_at FROM seen WHERE user_id = ?",
		forget: []string{"DELETE FROM seen WHERE user_id = ?"}, covers: []string{"seen.user_id"}},
	{name: "questions_seen_by_server", query: "SELECT guild_id, seq FROM seen_guilds WHERE user_id = ?",
		forget: []string{"DELETE FROM seen_guilds WHERE user_id = ?"}, covers: []string{"seen_guilds.user_id"}},
	{name: "review_cards", query: "SELECT * FROM review_cards WHERE user_id = ?",
		forget: []string{"DELETE FROM review_cards WHERE user_id = ?"}, covers: []string{"review_cards.user_id"}},
	{name: "plan_items", query: "SELECT * FROM plan_items WHERE plan_id IN (SELECT id FROM plans WHERE user_id = ?)",
		forget: []string{"DELETE FROM plan_items WHERE plan_id IN (SELECT id FROM plans WHERE user_id = ?)"}},
	{name: "plans", query: "SELECT * FROM plans WHERE user_id = ?",
		forget: []string{"DELETE FROM plans WHERE user_id = ?"}, covers: []string{"plans.user_id"}},
	{name: "plan_reminders", query: "SELECT * FROM plan_reminders WHERE user_id = ?",
		forget: []string{"DELETE FROM plan_reminders WHERE user_id = ?"}, covers: []string{"plan_reminders.user_id"}},
	{name: "plan_reminders_sent", query: "SELECT * FROM plan_reminder_sends WHERE user_id = ?",
		forget: []string{"DELETE FROM plan_reminder_sends WHERE user_id = ?"}, covers: []string{"plan_reminder_sends.user_id"}},
	{name: "daily_participation", query: "SELECT * FROM daily_participation WHERE user_id = ?",
		forget: []string{"DELETE FROM daily_participation WHERE user_id = ?"}, covers: []string{"daily_participation.user_id"}},
	{name: "daily_answers", query: "SELECT id, post_id, guild_id, body, submitted_at, updated_at, post_state, message_id FROM daily_answers WHERE user_id = ?",
		forget: []string{"DELETE FROM daily_votes WHERE answer_id IN (SELECT id FROM daily_answers WHERE user_id = ?)",
			"UPDATE daily_best_answers SET answer_id = 0, user_id = '' WHERE user_id = ?",
			"DELETE FROM daily_answers WHERE user_id = ?"},
		covers: []string{"daily_answers.user_id", "daily_best_answers.user_id"}},
	{name: "daily_votes", query: "SELECT post_id, answer_id, guild_id, voted_at FROM daily_votes WHERE user_id = ?",
		forget: []string{"DELETE FROM daily_votes WHERE user_id = ?"}, covers: []string{"daily_votes.user_id"}},
	{name: "daily_best_answers", query: "SELECT post_id, guild_id, local_date, answer_id, votes, decided_at FROM daily_best_answers WHERE user_id = ?"},
	{name: "daily_posts_skipped", query: "SELECT id, guild_id, local_date, status FROM daily_posts WHERE claimed_by = 'skip:' || ?",
		forget: []string{"UPDATE daily_posts SET claimed_by = 'skip:' WHERE claimed_by = 'skip:' || ?"}, covers: []string{"daily_posts.claimed_by"}},
	{name: "daily_settings_changed", query: "SELECT guild_id, feed, updated_at FROM daily_feeds WHERE updated_by = ?",
		forget: []string{"UPDATE daily_feeds SET updated_by = '' WHERE updated_by = ?"}, covers: []string{"daily_feeds.updated_by"}},
	{name: "daily_champion_awards", query: "SELECT guild_id, month, user_id, days, best, state FROM daily_champion_awards WHERE user_id = ?",
		forget: []string{"UPDATE daily_champion_awards SET user_id = '' WHERE user_id = ?"}, covers: []string{"daily_champion_awards.user_id"}},
	{name: "daily_champion_settings", query: "SELECT guild_id, role_id, holder_id, updated_by FROM daily_champions WHERE updated_by = ? OR holder_id = ?",
		forget: []string{"UPDATE daily_champions SET updated_by = '' WHERE updated_by = ?",
			"UPDATE daily_champions SET holder_id = '', holder_role = '' WHERE holder_id = ?"}, covers: []string{"daily_champions.updated_by"}},
	{name: "suggestions", query: "SELECT * FROM suggestions WHERE author_id = ?",
		forget: []string{"DELETE FROM suggestions WHERE author_id = ?"}, covers: []string{"suggestions.author_id"}},
	{name: "suggestions_decided", query: "SELECT id, guild_id, status, title, decided_at FROM suggestions WHERE decided_by = ?",
		forget: []string{"UPDATE suggestions SET decided_by = '' WHERE decided_by = ?"}, covers: []string{"suggestions.decided_by"}},
	{name: "suggestion_drafts", query: "SELECT * FROM suggestion_drafts WHERE user_id = ?",
		forget: []string{"DELETE FROM suggestion_drafts WHERE user_id = ?"}, covers: []string{"suggestion_drafts.user_id"}},
	{name: "questions_authored", query: "SELECT id, scope, title, company, category, added FROM questions WHERE author_id = ?",
		forget: []string{"UPDATE questions SET author_id = '' WHERE author_id = ?"}, covers: []string{"questions.author_id"}},
	{name: "mock_queue", query: "SELECT * FROM mock_queue WHERE user_id = ?",
		forget: []string{"DELETE FROM mock_queue WHERE user_id = ?"}, covers: []string{"mock_queue.user_id"}},
	{name: "mock_pairings", query: "SELECT id, guild_id, topic, source, status, created_at, started_at, ended_at FROM mock_pairings" +
		" WHERE id IN (SELECT pairing_id FROM mock_members WHERE user_id = ?)"},
	{name: "mock_pairing_members", query: "SELECT * FROM mock_members WHERE user_id = ?",
		forget: []string{"DELETE FROM mock_members WHERE user_id = ?"}, covers: []string{"mock_members.user_id"}},
	{name: "mock_feedback_received", query: "SELECT pairing_id, guild_id, communication, problem_solving, structure, went_well, improve, created_at, updated_at" +
		" FROM mock_feedback WHERE receiver_id = ?",
		forget: []string{"DELETE FROM mock_feedback WHERE receiver_id = ?"}, covers: []string{"mock_feedback.receiver_id"}},
	{name: "mock_feedback_given", query: "SELECT pairing_id, guild_id, receiver_id, communication, problem_solving, structure, went_well, improve, created_at, updated_at" +
		" FROM mock_feedback WHERE giver_id = ?",
		forget: []string{"UPDATE mock_feedback SET giver_id = 'anonymous:' || CAST(created_at AS TEXT) WHERE giver_id = ?"}, covers: []string{"mock_feedback.giver_id"}},
	{name: "mock_feedback_drafts", query: "SELECT * FROM mock_feedback_drafts WHERE giver_id = ? OR receiver_id = ?",
		forget: []string{"DELETE FROM mock_feedback_drafts WHERE giver_id = ? OR receiver_id = ?"},
		covers: []string{"mock_feedback_drafts.giver_id", "mock_feedback_drafts.receiver_id"}},
	{name: "mock_noshows", query: "SELECT * FROM mock_noshows WHERE user_id = ?",
		forget: []string{"DELETE FROM mock_noshows WHERE user_id = ?"}, covers: []string{"mock_noshows.user_id"}},
	{name: "mock_noshow_reports", query: "SELECT * FROM mock_noshow_reports WHERE reporter_id = ? OR absent_id = ?",
		forget: []string{"DELETE FROM mock_noshow_reports WHERE reporter_id = ? OR absent_id = ?"},
		covers: []string{"mock_noshow_reports.reporter_id", "mock_noshow_reports.absent_id"}},
	{name: "mock_time_zone", query: "SELECT * FROM mock_member_zones WHERE user_id = ?",
		forget: []string{"DELETE FROM mock_member_zones WHERE user_id = ?"}, covers: []string{"mock_member_zones.user_id"}},
	{name: "mock_times_proposed", query: "SELECT * FROM mock_proposals WHERE proposer_id = ? OR accepted_by = ?",
		forget: []string{"DELETE FROM mock_proposals WHERE proposer_id = ? OR accepted_by = ?"},
		covers: []string{"mock_proposals.accepted_by"}},
	{name: "mock_snoozes", query: "SELECT * FROM mock_snoozes WHERE user_id = ?",
		forget: []string{"DELETE FROM mock_snoozes WHERE user_id = ?"}, covers: []string{"mock_snoozes.user_id"}},
	{name: "mock_checkin_strikes", query: "SELECT * FROM mock_strikes WHERE user_id = ?",
		forget: []string{"DELETE FROM mock_strikes WHERE user_id = ?"}, covers: []string{"mock_strikes.user_id"}},
	{name: "admin_changes", query: "SELECT guild_id, source, action, detail, at FROM audit_log WHERE user_id = ?",
		forget: []string{"UPDATE audit_log SET user_id = '' WHERE user_id = ?"}, covers: []string{"audit_log.user_id"}},
	{name: "web_sessions", query: "SELECT user_id, username, created_at, expires_at FROM web_sessions WHERE user_id = ?",
		forget: []string{"DELETE FROM web_sessions WHERE user_id = ?"}, covers: []string{"web_sessions.user_id"}},
	{name: "mock_rounds_joined", query: "SELECT * FROM mock_round_members WHERE user_id = ?",
		forget: []string{"DELETE FROM mock_round_members WHERE user_id = ?"}, covers: []string{"mock_round_members.user_id"}},
}

// notMemberColumns are columns whose names look like a member's id but
// hold something else.
var notMemberColumns = map[string]string{
	"daily_posts.reveal_by":            "the prepcord process that revealed the solution",
	"daily_champion_awards.claimed_by": "the prepcord process that claimed the award",
}

// userArgs repeats userID once for each ? of query.
func userArgs(query, userID string) []any {
	args := make([]any, strings.Count(query, "?"))
	for i := range args {
		args[i] = userID
	}
	return args
}

// MemberExport is everything prepcord keeps about one member.
type MemberExport struct {
	UserID     string                      `json:"user_id"`
	ExportedAt time.Time                   `json:"exported_at"`
	Data       map[string][]map[string]any `json:"data"`
}

// Export returns everything prepcord keeps about userID, read in one
// snapshot: one list of rows per part (see memberParts).
func (s *MyData) Export(ctx context.Context, userID string, now time.Time) (*MemberExport, error) {
	if userID == "" {
		return nil, errs.E(errs.Invalid, "no member")
	}
	s.settle(ctx, userID)
	out := &MemberExport{UserID: userID, ExportedAt: now.UTC(), Data: map[string][]map[string]any{}}
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		for _, p := range memberParts {
			rows, err := tx.QueryxContext(ctx, p.query, userArgs(p.query, userID)...)
			if err != nil {
				return err
			}
			list := []map[string]any{}
			for rows.Next() {
				m := map[string]any{}
				if err := rows.MapScan(m); err != nil {
					rows.Close()
					return err
				}
				for k, v := range m {
					if b, ok := v.([]byte); ok {
						m[k] = string(b)
					}
				}
				list = append(list, m)
			}
			if err := rows.Close(); err != nil {
				return err
			}
			if err := rows.Err(); err != nil {
				return err
			}
			out.Data[p.name] = list
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Forget deletes what prepcord keeps about userID, everywhere, in one
// transaction (see memberParts for what stays, anonymised). It returns
// how many rows each part changed.
func (s *MyData) Forget(ctx context.Context, userID string) (map[string]int64, error) {
	if userID == "" {
		return nil, errs.E(errs.Invalid, "no member")
	}
	s.settle(ctx, userID)
	changed := map[string]int64{}
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		for _, p := range memberParts {
			for _, stmt := range p.forget {
				r, err := tx.ExecContext(ctx, stmt, userArgs(stmt, userID)...)
				if err != nil {
					return err
				}
				n, err := r.RowsAffected()
				if err != nil {
					return err
				}
				changed[p.name] += n
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return changed, nil
}
