package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/internal/shard"
)

// WeeklyRounds is a server's weekly-round configuration.
type WeeklyRounds struct {
	RoleID   string
	Weekday  int    // 0 Sunday .. 6 Saturday
	Time     string // HH:MM in Timezone
	Timezone string // IANA name; "" is UTC
	Enabled  bool
}

// SetRounds stores a server's weekly-round configuration and when the
// next round is due.
func (s *Interviews) SetRounds(ctx context.Context, guildID string, r WeeklyRounds, next time.Time) (InterviewSettings, error) {
	var out InterviewSettings
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		m, err := mockSettings(ctx, tx, guildID)
		if err != nil {
			return err
		}
		m.RoundsRoleID, m.RoundsWeekday, m.RoundsTime, m.RoundsTimezone, m.RoundsEnabled = r.RoleID, r.Weekday, r.Time, r.Timezone, r.Enabled
		m.RoundsNextAt = next.UnixMilli()
		m.UpdatedAt = s.now().UnixMilli()
		out = m
		return saveSettings(ctx, tx, m)
	})
	return out, err
}

// SetRoundsMessage records the rounds' sign-up message of a server.
func (s *Interviews) SetRoundsMessage(ctx context.Context, guildID, channelID, messageID string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE mock_settings SET rounds_channel_id = ?, rounds_message_id = ? WHERE guild_id = ?",
			channelID, messageID, guildID)
		return err
	})
}

// DueRounds returns the servers whose weekly round is due at now.
func (s *Interviews) DueRounds(ctx context.Context, now time.Time, on shard.Set) ([]InterviewSettings, error) {
	var out []InterviewSettings
	err := s.r.SelectContext(ctx, &out, "SELECT "+settingsCols+` FROM mock_settings
		WHERE rounds_enabled = 1 AND rounds_next_at > 0 AND rounds_next_at <= ? AND `+onShards(on, "guild_id")+` ORDER BY rounds_next_at`, now.UnixMilli())
	return out, err
}

// ClaimRound moves a server's next round from due to next, and reports
// whether this caller claimed it (false when another sweep already did):
// a round runs once however many processes sweep.
func (s *Interviews) ClaimRound(ctx context.Context, guildID string, due, next time.Time) (bool, error) {
	return s.changedOne(ctx, `UPDATE mock_settings SET rounds_next_at = ? WHERE guild_id = ? AND rounds_next_at = ? AND rounds_enabled = 1`,
		next.UnixMilli(), guildID, due.UnixMilli())
}

// JoinRounds opts a member in to a server's weekly rounds, or keeps
// them in. A non-nil topic sets the topic they practise ("" = the week's
// topic); nil keeps the one they chose. It returns the member as stored and
// whether they were new.
func (s *Interviews) JoinRounds(ctx context.Context, guildID, userID string, topic *string) (RoundMember, bool, error) {
	var out RoundMember
	var added bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		old, err := getRow[RoundMember](ctx, tx, "SELECT user_id, joined_at, topic FROM mock_round_members WHERE guild_id = ? AND user_id = ?",
			guildID, userID)
		if err != nil {
			return err
		}
		added = old == nil
		if added {
			out = RoundMember{UserID: userID, JoinedMs: s.now().UnixMilli()}
		} else {
			out = *old
		}
		if topic != nil {
			out.Topic = *topic
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO mock_round_members (guild_id, user_id, joined_at, topic) VALUES (?, ?, ?, ?)
			ON CONFLICT (guild_id, user_id) DO UPDATE SET topic = excluded.topic`, guildID, userID, out.JoinedMs, out.Topic)
		return err
	})
	return out, added, err
}

// LeaveRounds opts a member out of weekly rounds.
func (s *Interviews) LeaveRounds(ctx context.Context, guildID, userID string) (bool, error) {
	return s.changedOne(ctx, "DELETE FROM mock_round_members WHERE guild_id = ? AND user_id = ?", guildID, userID)
}

// RoundMember is a member opted in to weekly rounds.
type RoundMember struct {
	UserID   string `db:"user_id"`
	JoinedMs int64  `db:"joined_at"`
	Topic    string `db:"topic"` // the topic they chose; "" = the week's
}

// RoundMembers returns a server's opted-in members, earliest first.
func (s *Interviews) RoundMembers(ctx context.Context, guildID string) ([]RoundMember, error) {
	var out []RoundMember
	err := s.r.SelectContext(ctx, &out, "SELECT user_id, joined_at, topic FROM mock_round_members WHERE guild_id = ? ORDER BY joined_at, user_id", guildID)
	return out, err
}

// CreateRoundPairings opens one pairing per group (two or three user ids)
// of a weekly round in one transaction. Groups with a member already in an
// open pairing are skipped (they are in another interview already); it
// returns the pairings created.
func (s *Interviews) CreateRoundPairings(ctx context.Context, guildID, topic, channelID string, start time.Time, groups [][]string) ([]*Pairing, error) {
	var out []*Pairing
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		now := s.now()
	groups:
		for _, g := range groups {
			var members []PairMember
			for _, u := range g {
				p, err := openPairingOf(ctx, tx, guildID, u)
				if err != nil {
					return err
				}
				if p != nil {
					continue groups
				}
				members = append(members, PairMember{UserID: u, ChannelID: channelID})
			}
			p, err := insertPairing(ctx, tx, newPairing{guild: guildID, topic: topic, source: "round", channel: channelID,
				now: now, start: start, members: members})
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}
