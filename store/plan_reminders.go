package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// Reminder is a member's daily plan reminder by direct message.
type Reminder struct {
	UserID    string `db:"user_id"`
	Clock     string `db:"clock"` // local "HH:MM"
	Zone      string `db:"zone"`  // IANA zone
	Enabled   bool   `db:"enabled"`
	NextDue   int64  `db:"next_due"`  // unix ms; 0 = none
	NextDate  string `db:"next_date"` // the local date of NextDue
	RefusedAt int64  `db:"refused_at"`
}

const reminderCols = "user_id, clock, zone, enabled, next_due, next_date, refused_at"

// SetReminder turns userID's reminders on at clock in zone, the next due
// at nextDue (unix ms) for local date nextDate. Turning them on again
// after Discord refused a DM is the member's explicit choice, and clears
// the refusal.
func (s *Plans) SetReminder(ctx context.Context, userID, clock, zone string, nextDue int64, nextDate string, now time.Time) error {
	if userID == "" || clock == "" || zone == "" {
		return errs.E(errs.Invalid, "a reminder needs a member, a time and a zone")
	}
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO plan_reminders (user_id, clock, zone, enabled, next_due, next_date, refused_at, updated_at)
			VALUES (?, ?, ?, 1, ?, ?, 0, ?)
			ON CONFLICT (user_id) DO UPDATE SET clock = excluded.clock, zone = excluded.zone, enabled = 1,
				next_due = excluded.next_due, next_date = excluded.next_date, refused_at = 0, updated_at = excluded.updated_at`,
			userID, clock, zone, nextDue, nextDate, now.UnixMilli())
		return err
	})
}

// Reminder returns userID's reminder setting, or nil.
func (s *Plans) Reminder(ctx context.Context, userID string) (*Reminder, error) {
	return getRow[Reminder](ctx, s.r, "SELECT "+reminderCols+" FROM plan_reminders WHERE user_id = ?", userID)
}

// StopReminders turns userID's reminders off; false when they were not on.
func (s *Plans) StopReminders(ctx context.Context, userID string, now time.Time) (bool, error) {
	return s.changedOne(ctx, "UPDATE plan_reminders SET enabled = 0, next_due = 0, updated_at = ? WHERE user_id = ? AND enabled = 1",
		now.UnixMilli(), userID)
}

// DueReminders returns up to limit reminders due at now (unix ms).
func (s *Plans) DueReminders(ctx context.Context, now int64, limit int) ([]Reminder, error) {
	var out []Reminder
	err := s.r.SelectContext(ctx, &out, "SELECT "+reminderCols+" FROM plan_reminders WHERE enabled = 1 AND next_due > 0 AND next_due <= ? ORDER BY next_due LIMIT ?",
		now, limit)
	return out, err
}

// ClaimReminder claims userID's reminder of local date date before it is
// sent: true for the one caller that may send it. A date claimed once is
// never claimed again, across restarts and processes.
func (s *Plans) ClaimReminder(ctx context.Context, userID, date string, now time.Time) (bool, error) {
	return s.changedOne(ctx, `INSERT INTO plan_reminder_sends (user_id, local_date, status, claimed_at) VALUES (?, ?, 'claimed', ?)
		ON CONFLICT (user_id, local_date) DO NOTHING`, userID, date, now.UnixMilli())
}

// AdvanceReminder moves userID's next reminder from fromDue to nextDue
// (local date nextDate); false when another sweep moved it already.
func (s *Plans) AdvanceReminder(ctx context.Context, userID string, fromDue, nextDue int64, nextDate string) (bool, error) {
	return s.changedOne(ctx, "UPDATE plan_reminders SET next_due = ?, next_date = ? WHERE user_id = ? AND next_due = ? AND enabled = 1",
		nextDue, nextDate, userID, fromDue)
}

// MarkReminder records how the reminder of date went: "sent", "failed"
// (an error that may pass) or "refused" (Discord refused the DM, 50007:
// the reminders stop for good and are never retried).
func (s *Plans) MarkReminder(ctx context.Context, userID, date, status string, now time.Time) error {
	switch status {
	case "sent", "failed", "refused":
	default:
		return errs.E(errs.Invalid, "reminder status %q", status)
	}
	return s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE plan_reminder_sends SET status = ? WHERE user_id = ? AND local_date = ?", status, userID, date); err != nil {
			return err
		}
		if status != "refused" {
			return nil
		}
		_, err := tx.ExecContext(ctx, "UPDATE plan_reminders SET enabled = 0, next_due = 0, refused_at = ?, updated_at = ? WHERE user_id = ?",
			now.UnixMilli(), now.UnixMilli(), userID)
		return err
	})
}

// ReminderSends returns how many reminders were claimed for userID, by
// status.
func (s *Plans) ReminderSends(ctx context.Context, userID string) (map[string]int, error) {
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	if err := s.r.SelectContext(ctx, &rows, "SELECT status, COUNT(*) AS n FROM plan_reminder_sends WHERE user_id = ? GROUP BY status", userID); err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}
