package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// Interviews is peer mock interviews, the /mock command: each server's
// settings, the queue, pairings and what happens in them, no-shows and
// their absences, and weekly rounds. The feedback given after an
// interview is PeerFeedback's. (The tables keep their mock_ names.)
type Interviews struct{ *shared }

// RepeatWindow is how far back the pairing history that matching sees
// goes (two members are not paired again within it while another partner
// is available; see bot/match.RepeatWindow).
const RepeatWindow = 14 * 24 * time.Hour

// Pairing statuses.
const (
	PairingOpen      = "open"
	PairingFinished  = "finished"
	PairingNoShow    = "noshow"
	PairingCancelled = "cancelled"
	PairingExpired   = "expired"
)

// InterviewSettings is a server's mock interview configuration.
type InterviewSettings struct {
	GuildID         string `db:"guild_id"`
	ChannelID       string `db:"channel_id"`
	ExpiryMinutes   int    `db:"expiry_minutes"`
	VoiceCategoryID string `db:"voice_category_id"`
	RoundsRoleID    string `db:"rounds_role_id"`
	RoundsWeekday   int    `db:"rounds_weekday"`
	RoundsTime      string `db:"rounds_time"`
	RoundsEnabled   bool   `db:"rounds_enabled"`
	RoundsNextAt    int64  `db:"rounds_next_at"`
	// RoundsTimezone is the IANA zone of RoundsTime; "" means UTC.
	RoundsTimezone string `db:"rounds_timezone"`
	// RoundsChannelID and RoundsMessageID are the rounds' sign-up message
	// ("" until one is posted).
	RoundsChannelID string `db:"rounds_channel_id"`
	RoundsMessageID string `db:"rounds_message_id"`
	UpdatedAt       int64  `db:"updated_at"`
	// CheckinMinutes is how often waiting members are asked to confirm
	// they are still available (0: never); CheckinStrikes how many
	// unanswered check-ins in a row drop them (0: DefaultCheckinStrikes).
	CheckinMinutes int `db:"checkin_minutes"`
	CheckinStrikes int `db:"checkin_strikes"`
}

// Strikes returns how many unanswered check-ins drop a member.
func (m InterviewSettings) Strikes() int {
	if m.CheckinStrikes > 0 {
		return m.CheckinStrikes
	}
	return DefaultCheckinStrikes
}

// Expiry returns the server's queue expiry, or def when it has none.
func (m InterviewSettings) Expiry(def time.Duration) time.Duration {
	if m.ExpiryMinutes > 0 {
		return time.Duration(m.ExpiryMinutes) * time.Minute
	}
	return def
}

const settingsCols = `guild_id, channel_id, expiry_minutes, voice_category_id, rounds_role_id, rounds_weekday,
	rounds_time, rounds_enabled, rounds_next_at, rounds_timezone, rounds_channel_id, rounds_message_id, updated_at,
	checkin_minutes, checkin_strikes`

// Settings returns a server's settings (zero values when never set).
func (s *Interviews) Settings(ctx context.Context, guildID string) (InterviewSettings, error) {
	return mockSettings(ctx, s.r, guildID)
}

func mockSettings(ctx context.Context, q sqlx.QueryerContext, guildID string) (InterviewSettings, error) {
	return getOr(ctx, q, InterviewSettings{GuildID: guildID}, "SELECT "+settingsCols+" FROM mock_settings WHERE guild_id = ?", guildID)
}

// InterviewSetup is a partial update of a server's settings: nil fields keep
// their value.
type InterviewSetup struct {
	ChannelID       *string
	ExpiryMinutes   *int
	VoiceCategoryID *string
	CheckinMinutes  *int
	CheckinStrikes  *int
}

// UpdateSettings applies a partial update and returns the new settings.
func (s *Interviews) UpdateSettings(ctx context.Context, guildID string, u InterviewSetup) (InterviewSettings, error) {
	var out InterviewSettings
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		m, err := mockSettings(ctx, tx, guildID)
		if err != nil {
			return err
		}
		if u.ChannelID != nil {
			m.ChannelID = *u.ChannelID
		}
		if u.ExpiryMinutes != nil {
			m.ExpiryMinutes = *u.ExpiryMinutes
		}
		if u.VoiceCategoryID != nil {
			m.VoiceCategoryID = *u.VoiceCategoryID
		}
		if u.CheckinMinutes != nil {
			m.CheckinMinutes = *u.CheckinMinutes
		}
		if u.CheckinStrikes != nil {
			m.CheckinStrikes = *u.CheckinStrikes
		}
		m.UpdatedAt = s.now().UnixMilli()
		out = m
		return saveSettings(ctx, tx, m)
	})
	return out, err
}

func saveSettings(ctx context.Context, tx *sqlx.Tx, m InterviewSettings) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO mock_settings (`+settingsCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, expiry_minutes = excluded.expiry_minutes,
		voice_category_id = excluded.voice_category_id, rounds_role_id = excluded.rounds_role_id,
		rounds_weekday = excluded.rounds_weekday, rounds_time = excluded.rounds_time,
		rounds_enabled = excluded.rounds_enabled, rounds_next_at = excluded.rounds_next_at,
		rounds_timezone = excluded.rounds_timezone, rounds_channel_id = excluded.rounds_channel_id,
		rounds_message_id = excluded.rounds_message_id, updated_at = excluded.updated_at,
		checkin_minutes = excluded.checkin_minutes, checkin_strikes = excluded.checkin_strikes`,
		m.GuildID, m.ChannelID, m.ExpiryMinutes, m.VoiceCategoryID, m.RoundsRoleID, m.RoundsWeekday, m.RoundsTime,
		m.RoundsEnabled, m.RoundsNextAt, m.RoundsTimezone, m.RoundsChannelID, m.RoundsMessageID, m.UpdatedAt,
		m.CheckinMinutes, m.CheckinStrikes)
	return err
}
