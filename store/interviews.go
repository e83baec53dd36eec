package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// Interviews is peer mock interviews, the /mock command: each server's
// settings, the queue, pairings and what happens in them, no-shows and
// their absences, and weekly rounds. The feedback given after an
// interview is PeerFeedback's. (The tables keep their mock_ names.)
type Interviews struct{ *shared }

// MockRepeatWindow is how far back the pairing history that matching sees
// goes (two members are not paired again within it while another partner
// is available; see bot/match.RepeatWindow).
const MockRepeatWindow = 14 * 24 * time.Hour

// Pairing statuses.
const (
	PairingOpen      = "open"
	PairingFinished  = "finished"
	PairingNoShow    = "noshow"
	PairingCancelled = "cancelled"
	PairingExpired   = "expired"
)

// MockSettings is a server's mock interview configuration.
type MockSettings struct {
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
}

// Expiry returns the server's queue expiry, or def when it has none.
func (m MockSettings) Expiry(def time.Duration) time.Duration {
	if m.ExpiryMinutes > 0 {
		return time.Duration(m.ExpiryMinutes) * time.Minute
	}
	return def
}

const settingsCols = `guild_id, channel_id, expiry_minutes, voice_category_id, rounds_role_id, rounds_weekday,
	rounds_time, rounds_enabled, rounds_next_at, rounds_timezone, rounds_channel_id, rounds_message_id, updated_at`

// Settings returns a server's settings (zero values when never set).
func (s *Interviews) Settings(ctx context.Context, guildID string) (MockSettings, error) {
	return mockSettings(ctx, s.r, guildID)
}

func mockSettings(ctx context.Context, q sqlx.QueryerContext, guildID string) (MockSettings, error) {
	return getOr(ctx, q, MockSettings{GuildID: guildID}, "SELECT "+settingsCols+" FROM mock_settings WHERE guild_id = ?", guildID)
}

// MockSetup is a partial update of a server's settings: nil fields keep
// their value.
type MockSetup struct {
	ChannelID       *string
	ExpiryMinutes   *int
	VoiceCategoryID *string
}

// UpdateSettings applies a partial update and returns the new settings.
func (s *Interviews) UpdateSettings(ctx context.Context, guildID string, u MockSetup) (MockSettings, error) {
	var out MockSettings
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
		m.UpdatedAt = s.now().UnixMilli()
		out = m
		return saveSettings(ctx, tx, m)
	})
	return out, err
}

// MockRounds is a server's weekly-round configuration.
type MockRounds struct {
	RoleID   string
	Weekday  int    // 0 Sunday .. 6 Saturday
	Time     string // HH:MM in Timezone
	Timezone string // IANA name; "" is UTC
	Enabled  bool
}

// SetRounds stores a server's weekly-round configuration and when the
// next round is due.
func (s *Interviews) SetRounds(ctx context.Context, guildID string, r MockRounds, next time.Time) (MockSettings, error) {
	var out MockSettings
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

func saveSettings(ctx context.Context, tx *sqlx.Tx, m MockSettings) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO mock_settings (`+settingsCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, expiry_minutes = excluded.expiry_minutes,
		voice_category_id = excluded.voice_category_id, rounds_role_id = excluded.rounds_role_id,
		rounds_weekday = excluded.rounds_weekday, rounds_time = excluded.rounds_time,
		rounds_enabled = excluded.rounds_enabled, rounds_next_at = excluded.rounds_next_at,
		rounds_timezone = excluded.rounds_timezone, rounds_channel_id = excluded.rounds_channel_id,
		rounds_message_id = excluded.rounds_message_id, updated_at = excluded.updated_at`,
		m.GuildID, m.ChannelID, m.ExpiryMinutes, m.VoiceCategoryID, m.RoundsRoleID, m.RoundsWeekday, m.RoundsTime,
		m.RoundsEnabled, m.RoundsNextAt, m.RoundsTimezone, m.RoundsChannelID, m.RoundsMessageID, m.UpdatedAt)
	return err
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
func (s *Interviews) DueRounds(ctx context.Context, now time.Time) ([]MockSettings, error) {
	var out []MockSettings
	err := s.r.SelectContext(ctx, &out, "SELECT "+settingsCols+` FROM mock_settings
		WHERE rounds_enabled = 1 AND rounds_next_at > 0 AND rounds_next_at <= ? ORDER BY rounds_next_at`, now.UnixMilli())
	return out, err
}

// ClaimRound moves a server's next round from due to next, and reports
// whether this caller claimed it (false when another sweep already did):
// a round runs once however many processes sweep.
func (s *Interviews) ClaimRound(ctx context.Context, guildID string, due, next time.Time) (bool, error) {
	var claimed bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE mock_settings SET rounds_next_at = ? WHERE guild_id = ? AND rounds_next_at = ? AND rounds_enabled = 1`,
			next.UnixMilli(), guildID, due.UnixMilli())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// QueueEntry is a member waiting for a mock interview.
type QueueEntry struct {
	ID        int64  `db:"id"`
	GuildID   string `db:"guild_id"`
	UserID    string `db:"user_id"`
	Topic     string `db:"topic"`
	Role      string `db:"role"`
	Company   string `db:"company"`
	Level     string `db:"level"`
	ChannelID string `db:"channel_id"`
	JoinedMs  int64  `db:"joined_at"`
	ExpiresMs int64  `db:"expires_at"`
	Front     bool   `db:"front"`
}

// Joined returns when the member joined the queue.
func (e QueueEntry) Joined() time.Time { return time.UnixMilli(e.JoinedMs) }

// Expires returns when the entry expires.
func (e QueueEntry) Expires() time.Time { return time.UnixMilli(e.ExpiresMs) }

const queueCols = "id, guild_id, user_id, topic, role, company, level, channel_id, joined_at, expires_at, front"

// MockPicker chooses a partner for newcomer among waiting (entries of the
// same server and topic, unexpired, other members). recent maps each user
// newcomer was paired with within MockRepeatWindow to the latest time. It
// returns an index into waiting, or -1 to queue newcomer. The bot passes
// one built on bot/match.Best.
type MockPicker func(newcomer QueueEntry, waiting []QueueEntry, recent map[string]time.Time, now time.Time) int

// JoinRequest is a member asking for a mock interview.
type JoinRequest struct {
	GuildID, UserID             string
	Topic, Role, Company, Level string
	ChannelID                   string        // where /mock was used
	DefaultExpiry               time.Duration // when the server set none
	SuggestedStart              time.Time     // for a pairing made now
	Front                       bool          // re-queued after a no-show
	Pick                        MockPicker
	// OnlyPair asks to pair a member who is already queued, and to change
	// nothing otherwise: no new entry, no new expiry, no new preferences.
	// The sweep uses it once preferences relax.
	OnlyPair bool
}

// JoinResult says what JoinQueue did: exactly one of Pairing, Entry
// and OpenPairing is set, or none for an OnlyPair request whose member is
// no longer queued.
type JoinResult struct {
	Pairing     *Pairing    // paired at once with a waiting member
	Entry       *QueueEntry // queued (or preferences updated)
	OpenPairing *Pairing    // refused: the member is already in an open pairing
	Updated     bool        // the member was already queued
	Position    int         // 1-based place among the topic's waiting members
	Size        int         // members waiting for the topic
	// EstimatedWait is the median wait of recent pairings in this topic, 0
	// when there is no history.
	EstimatedWait time.Duration
}

// JoinQueue pairs the member with the best waiting partner, or puts
// them in (or updates their place in) the server's queue. It refuses a
// member over the pairing limits (one pairing per MockMinInterview,
// MockDailyPairings a day) with a Conflict error that says when they can
// join again, and never pairs two members kept apart by a no-show report
// (MockNoShowBlock). It reads the
// queue, chooses with req.Pick and claims the partner's entry in one write
// transaction, so concurrent calls never pair anyone twice or lose an
// entry; unique keys keep a member in at most one queue entry and one open
// pairing per server.
func (s *Interviews) JoinQueue(ctx context.Context, req JoinRequest) (*JoinResult, error) {
	if req.GuildID == "" || req.UserID == "" || req.Topic == "" {
		return nil, errs.E(errs.Invalid, "A server, a member and a topic are needed for a mock interview.")
	}
	var out *JoinResult
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var err error
		out, err = s.joinTx(ctx, tx, req)
		return err
	})
	return out, err
}

func (s *Interviews) joinTx(ctx context.Context, tx *sqlx.Tx, req JoinRequest) (*JoinResult, error) {
	now := s.now()
	if p, err := openPairingOf(ctx, tx, req.GuildID, req.UserID); err != nil || p != nil {
		return &JoinResult{OpenPairing: p}, err
	}
	if err := checkPairingLimits(ctx, tx, req.GuildID, req.UserID, now); err != nil {
		return nil, err
	}
	set, err := mockSettings(ctx, tx, req.GuildID)
	if err != nil {
		return nil, err
	}
	expiry := set.Expiry(req.DefaultExpiry)
	if expiry <= 0 {
		expiry = 2 * time.Hour
	}
	old, err := queueEntryTx(ctx, tx, req.GuildID, req.UserID)
	if err != nil {
		return nil, err
	}
	if req.OnlyPair {
		if old == nil || old.ExpiresMs <= now.UnixMilli() {
			return &JoinResult{}, nil
		}
		// Pair the member as they are queued now, whatever the caller read.
		req.Topic, req.Role, req.Company, req.Level, req.ChannelID = old.Topic, old.Role, old.Company, old.Level, old.ChannelID
	}
	me := QueueEntry{GuildID: req.GuildID, UserID: req.UserID, Topic: req.Topic, Role: req.Role, Company: req.Company,
		Level: req.Level, ChannelID: req.ChannelID, JoinedMs: now.UnixMilli(), ExpiresMs: now.Add(expiry).UnixMilli(), Front: req.Front}
	if old != nil && old.ExpiresMs > now.UnixMilli() {
		me.ID, me.JoinedMs, me.Front = old.ID, old.JoinedMs, old.Front || req.Front
	}
	if req.Pick != nil {
		var waiting []QueueEntry
		if err := tx.SelectContext(ctx, &waiting, "SELECT "+queueCols+` FROM mock_queue
			WHERE guild_id = ? AND topic = ? AND expires_at > ? AND user_id <> ? ORDER BY front DESC, joined_at, id`,
			req.GuildID, req.Topic, now.UnixMilli(), req.UserID); err != nil {
			return nil, err
		}
		if waiting, err = withoutNoShowPartners(ctx, tx, req.GuildID, req.UserID, waiting, now); err != nil {
			return nil, err
		}
		if len(waiting) > 0 {
			recent, err := recentPartners(ctx, tx, req.GuildID, req.UserID, now)
			if err != nil {
				return nil, err
			}
			if i := req.Pick(me, waiting, recent, now); i >= 0 && i < len(waiting) {
				partner := waiting[i]
				if _, err := tx.ExecContext(ctx, "DELETE FROM mock_queue WHERE guild_id = ? AND user_id IN (?, ?)",
					req.GuildID, partner.UserID, req.UserID); err != nil {
					return nil, err
				}
				parent := set.ChannelID
				if parent == "" {
					parent = req.ChannelID
				}
				p, err := insertPairing(ctx, tx, newPairing{
					guild: req.GuildID, topic: req.Topic, source: "queue", channel: parent, now: now,
					start: req.SuggestedStart, waited: now.Sub(partner.Joined()),
					members: []PairMember{
						{UserID: partner.UserID, Role: partner.Role, Company: partner.Company, Level: partner.Level, ChannelID: partner.ChannelID},
						{UserID: req.UserID, Role: req.Role, Company: req.Company, Level: req.Level, ChannelID: req.ChannelID},
					},
				})
				if err != nil {
					return nil, err
				}
				return &JoinResult{Pairing: p}, nil
			}
		}
	}
	res := &JoinResult{Updated: old != nil && old.ExpiresMs > now.UnixMilli()}
	if req.OnlyPair {
		res.Entry = old
		return res, nil
	}
	if old != nil {
		_, err = tx.ExecContext(ctx, `UPDATE mock_queue SET topic = ?, role = ?, company = ?, level = ?, channel_id = ?,
			joined_at = ?, expires_at = ?, front = ? WHERE id = ?`,
			me.Topic, me.Role, me.Company, me.Level, me.ChannelID, me.JoinedMs, me.ExpiresMs, me.Front, old.ID)
		me.ID = old.ID
	} else {
		var r sql.Result
		r, err = tx.ExecContext(ctx, `INSERT INTO mock_queue (guild_id, user_id, topic, role, company, level, channel_id,
			joined_at, expires_at, front) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			me.GuildID, me.UserID, me.Topic, me.Role, me.Company, me.Level, me.ChannelID, me.JoinedMs, me.ExpiresMs, me.Front)
		if err == nil {
			me.ID, err = r.LastInsertId()
		}
	}
	if err != nil {
		return nil, err
	}
	res.Entry = &me
	if res.Position, res.Size, err = queuePlace(ctx, tx, me, now); err != nil {
		return nil, err
	}
	res.EstimatedWait, err = estimatedWait(ctx, tx, req.GuildID, req.Topic)
	return res, err
}

// queuePlace returns e's 1-based place among its topic's waiting entries
// and how many wait.
func queuePlace(ctx context.Context, tx *sqlx.Tx, e QueueEntry, now time.Time) (int, int, error) {
	var r struct {
		Before int `db:"before"`
		Size   int `db:"size"`
	}
	err := tx.GetContext(ctx, &r, `SELECT
		COALESCE(SUM(CASE WHEN front > ? OR (front = ? AND (joined_at < ? OR (joined_at = ? AND id < ?))) THEN 1 ELSE 0 END), 0) AS before,
		count(*) AS size
		FROM mock_queue WHERE guild_id = ? AND topic = ? AND expires_at > ?`,
		e.Front, e.Front, e.JoinedMs, e.JoinedMs, e.ID, e.GuildID, e.Topic, now.UnixMilli())
	return r.Before + 1, r.Size, err
}

// estimatedWait is the median wait of the last 20 queue pairings of a
// topic in a server.
func estimatedWait(ctx context.Context, tx *sqlx.Tx, guildID, topic string) (time.Duration, error) {
	var waits []int64
	if err := tx.SelectContext(ctx, &waits, `SELECT waited_ms FROM mock_pairings WHERE guild_id = ? AND topic = ? AND source = 'queue'
		ORDER BY created_at DESC LIMIT 20`, guildID, topic); err != nil {
		return 0, err
	}
	if len(waits) == 0 {
		return 0, nil
	}
	sort.Slice(waits, func(i, j int) bool { return waits[i] < waits[j] })
	return time.Duration(waits[len(waits)/2]) * time.Millisecond, nil
}

// recentPartners returns whom userID was paired with in a server within
// MockRepeatWindow, with the latest time.
func recentPartners(ctx context.Context, tx *sqlx.Tx, guildID, userID string, now time.Time) (map[string]time.Time, error) {
	var rows []struct {
		User string `db:"user_id"`
		At   int64  `db:"at"`
	}
	err := tx.SelectContext(ctx, &rows, `SELECT o.user_id AS user_id, MAX(p.created_at) AS at
		FROM mock_members m JOIN mock_members o ON o.pairing_id = m.pairing_id AND o.user_id <> m.user_id
		JOIN mock_pairings p ON p.id = m.pairing_id
		WHERE m.guild_id = ? AND m.user_id = ? AND p.created_at > ? AND p.status <> 'cancelled'
		GROUP BY o.user_id`, guildID, userID, now.Add(-MockRepeatWindow).UnixMilli())
	if err != nil {
		return nil, err
	}
	out := make(map[string]time.Time, len(rows))
	for _, r := range rows {
		out[r.User] = time.UnixMilli(r.At)
	}
	return out, nil
}

// PairHistory returns every pair of members of a server paired since
// since, with the latest time, keyed by the two user ids joined by a space
// in ascending order.
func (s *Interviews) PairHistory(ctx context.Context, guildID string, since time.Time) (map[[2]string]time.Time, error) {
	var rows []struct {
		A  string `db:"a"`
		B  string `db:"b"`
		At int64  `db:"at"`
	}
	err := s.r.SelectContext(ctx, &rows, `SELECT m.user_id AS a, o.user_id AS b, MAX(p.created_at) AS at
		FROM mock_members m JOIN mock_members o ON o.pairing_id = m.pairing_id AND o.user_id > m.user_id
		JOIN mock_pairings p ON p.id = m.pairing_id
		WHERE p.guild_id = ? AND p.created_at > ? AND p.status <> 'cancelled' GROUP BY m.user_id, o.user_id`,
		guildID, since.UnixMilli())
	if err != nil {
		return nil, err
	}
	out := make(map[[2]string]time.Time, len(rows))
	for _, r := range rows {
		out[[2]string{r.A, r.B}] = time.UnixMilli(r.At)
	}
	return out, nil
}

// QueueRelaxed returns, in waiting order by server and topic, the
// unexpired entries of every server's topic where at least two members
// joined at or before heldSince: members whose held preferences have
// relaxed, who may now suit each other. Elsewhere two waiting members
// rarely suit each other (the later one would have been paired on
// joining; members put back at the front after a no-show are paired by
// the next member who joins, or here once they have waited as long), so
// the sweep only needs to look here.
func (s *Interviews) QueueRelaxed(ctx context.Context, now, heldSince time.Time) ([]QueueEntry, error) {
	var out []QueueEntry
	err := s.r.SelectContext(ctx, &out, "SELECT "+queueCols+` FROM mock_queue WHERE expires_at > ? AND (guild_id, topic) IN
		(SELECT guild_id, topic FROM mock_queue WHERE expires_at > ? AND joined_at <= ? GROUP BY guild_id, topic HAVING count(*) >= 2)
		ORDER BY guild_id, topic, front DESC, joined_at, id`, now.UnixMilli(), now.UnixMilli(), heldSince.UnixMilli())
	return out, err
}

func queueEntryTx(ctx context.Context, tx *sqlx.Tx, guildID, userID string) (*QueueEntry, error) {
	return getRow[QueueEntry](ctx, tx, "SELECT "+queueCols+" FROM mock_queue WHERE guild_id = ? AND user_id = ?", guildID, userID)
}

// QueueEntry returns a member's unexpired queue entry in a server, or nil,
// with its place and the topic's queue size.
func (s *Interviews) QueueEntry(ctx context.Context, guildID, userID string) (e *QueueEntry, position, size int, err error) {
	err = s.read(ctx, func(tx *sqlx.Tx) error {
		now := s.now()
		e, err = queueEntryTx(ctx, tx, guildID, userID)
		if err != nil || e == nil {
			return err
		}
		if e.ExpiresMs <= now.UnixMilli() {
			e = nil
			return nil
		}
		position, size, err = queuePlace(ctx, tx, *e, now)
		return err
	})
	return e, position, size, err
}

// LeaveQueue removes a member's queue entry; it reports whether there
// was one.
func (s *Interviews) LeaveQueue(ctx context.Context, guildID, userID string) (bool, error) {
	var left bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, "DELETE FROM mock_queue WHERE guild_id = ? AND user_id = ?", guildID, userID)
		if err != nil {
			return err
		}
		n, err := r.RowsAffected()
		left = n > 0
		return err
	})
	return left, err
}

// Queue returns a server's unexpired queue in waiting order.
func (s *Interviews) Queue(ctx context.Context, guildID string) ([]QueueEntry, error) {
	var out []QueueEntry
	err := s.r.SelectContext(ctx, &out, "SELECT "+queueCols+` FROM mock_queue WHERE guild_id = ? AND expires_at > ?
		ORDER BY topic, front DESC, joined_at, id`, guildID, s.now().UnixMilli())
	return out, err
}

// ExpireQueue deletes the queue entries expired at now and returns
// them, so that each is notified once.
func (s *Interviews) ExpireQueue(ctx context.Context, now time.Time) ([]QueueEntry, error) {
	var out []QueueEntry
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if err := tx.SelectContext(ctx, &out, "SELECT "+queueCols+" FROM mock_queue WHERE expires_at <= ? ORDER BY id", now.UnixMilli()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM mock_queue WHERE expires_at <= ?", now.UnixMilli())
		return err
	})
	return out, err
}

// Pairing is two (or, in weekly rounds, three) members paired for a mock
// interview.
type Pairing struct {
	ID             int64  `db:"id"`
	GuildID        string `db:"guild_id"`
	Topic          string `db:"topic"`
	Source         string `db:"source"`
	Status         string `db:"status"`
	ChannelID      string `db:"channel_id"`
	ThreadID       string `db:"thread_id"`
	VoiceChannelID string `db:"voice_channel_id"`
	CreatedMs      int64  `db:"created_at"`
	StartMs        int64  `db:"suggested_start"`
	StartedMs      int64  `db:"started_at"`
	SwappedMs      int64  `db:"swapped_at"`
	EndedMs        int64  `db:"ended_at"`
	LastActivityMs int64  `db:"last_activity"`
	WaitedMs       int64  `db:"waited_ms"`
	ReminderSent   bool   `db:"reminder_sent"`
	CheckinSent    bool   `db:"checkin_sent"`
	Met            bool   `db:"met"`
	Archived       bool   `db:"archived"`
	Members        []PairMember
}

// PairMember is one member of a pairing.
type PairMember struct {
	UserID      string `db:"user_id"`
	Role        string `db:"role"`
	Company     string `db:"company"`
	Level       string `db:"level"`
	ChannelID   string `db:"channel_id"`
	Open        bool   `db:"open"`
	QuestionSeq int64  `db:"question_seq"`
	Acted       bool   `db:"acted"`
	// Absent is set when a partner reported this member as a no-show: they
	// take no further part in the pairing.
	Absent bool `db:"absent"`
}

// SuggestedStart returns the suggested start of the session.
func (p *Pairing) SuggestedStart() time.Time { return time.UnixMilli(p.StartMs) }

// IsOpen reports whether the pairing is still running.
func (p *Pairing) IsOpen() bool { return p.Status == PairingOpen }

// Member returns the pairing's member userID, or nil.
func (p *Pairing) Member(userID string) *PairMember {
	for i := range p.Members {
		if p.Members[i].UserID == userID {
			return &p.Members[i]
		}
	}
	return nil
}

// Active returns the pairing's member userID while they still take part
// (not reported as a no-show), or nil.
func (p *Pairing) Active(userID string) *PairMember {
	if m := p.Member(userID); m != nil && !m.Absent {
		return m
	}
	return nil
}

// Partners returns the members other than userID who still take part.
func (p *Pairing) Partners(userID string) []PairMember {
	var out []PairMember
	for _, m := range p.Members {
		if m.UserID != userID && !m.Absent {
			out = append(out, m)
		}
	}
	return out
}

// ActiveMembers returns the members who still take part (not reported as
// no-shows).
func (p *Pairing) ActiveMembers() []PairMember { return p.Partners("") }

// Others returns the members other than userID.
func (p *Pairing) Others(userID string) []PairMember {
	var out []PairMember
	for _, m := range p.Members {
		if m.UserID != userID {
			out = append(out, m)
		}
	}
	return out
}

// UserIDs returns the members' user ids.
func (p *Pairing) UserIDs() []string {
	out := make([]string, len(p.Members))
	for i, m := range p.Members {
		out[i] = m.UserID
	}
	return out
}

const pairingCols = `id, guild_id, topic, source, status, channel_id, thread_id, voice_channel_id, created_at, suggested_start,
	started_at, swapped_at, ended_at, last_activity, waited_ms, reminder_sent, checkin_sent, met, archived`

type newPairing struct {
	guild, topic, source, channel string
	now, start                    time.Time
	waited                        time.Duration
	members                       []PairMember
}

func insertPairing(ctx context.Context, tx *sqlx.Tx, np newPairing) (*Pairing, error) {
	if np.start.IsZero() {
		np.start = np.now
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO mock_pairings (guild_id, topic, source, status, channel_id, created_at,
		suggested_start, last_activity, waited_ms) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
		np.guild, np.topic, np.source, np.channel, np.now.UnixMilli(), np.start.UnixMilli(), np.now.UnixMilli(), np.waited.Milliseconds())
	if err != nil {
		return nil, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return nil, err
	}
	for _, m := range np.members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mock_members (pairing_id, guild_id, user_id, role, company, level, channel_id, open)
			VALUES (?, ?, ?, ?, ?, ?, ?, 1)`, id, np.guild, m.UserID, m.Role, m.Company, m.Level, m.ChannelID); err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return nil, errs.Wrap(errs.Conflict, err, "A member is already in an open mock interview.")
			}
			return nil, err
		}
	}
	return pairingTx(ctx, tx, id)
}

func pairingTx(ctx context.Context, tx *sqlx.Tx, id int64) (*Pairing, error) {
	p, err := getRow[Pairing](ctx, tx, "SELECT "+pairingCols+" FROM mock_pairings WHERE id = ?", id)
	if p, err = found(p, err, errs.E(errs.NotFound, "This mock interview no longer exists.")); err != nil {
		return nil, err
	}
	err = tx.SelectContext(ctx, &p.Members, `SELECT user_id, role, company, level, channel_id, COALESCE(open, 0) AS open,
		question_seq, acted, EXISTS (SELECT 1 FROM mock_noshow_reports r WHERE r.pairing_id = mock_members.pairing_id
			AND r.absent_id = mock_members.user_id) AS absent
		FROM mock_members WHERE pairing_id = ? ORDER BY rowid`, id)
	return p, err
}

func openPairingOf(ctx context.Context, tx *sqlx.Tx, guildID, userID string) (*Pairing, error) {
	id, err := getRow[int64](ctx, tx, "SELECT pairing_id FROM mock_members WHERE guild_id = ? AND user_id = ? AND open = 1", guildID, userID)
	if id == nil {
		return nil, err
	}
	return pairingTx(ctx, tx, *id)
}

// Pairing returns a pairing by id.
func (s *Interviews) Pairing(ctx context.Context, id int64) (*Pairing, error) {
	var p *Pairing
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		var err error
		p, err = pairingTx(ctx, tx, id)
		return err
	})
	return p, err
}

// PairingByThread returns the pairing whose thread is threadID, or nil.
func (s *Interviews) PairingByThread(ctx context.Context, threadID string) (*Pairing, error) {
	if threadID == "" {
		return nil, nil
	}
	var p *Pairing
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		id, err := getRow[int64](ctx, tx, "SELECT id FROM mock_pairings WHERE thread_id = ?", threadID)
		if id == nil {
			return err
		}
		p, err = pairingTx(ctx, tx, *id)
		return err
	})
	return p, err
}

// OpenPairingOf returns the member's open pairing in a server, or nil.
func (s *Interviews) OpenPairingOf(ctx context.Context, guildID, userID string) (*Pairing, error) {
	var p *Pairing
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		var err error
		p, err = openPairingOf(ctx, tx, guildID, userID)
		return err
	})
	return p, err
}

// SetPairingChannels records a pairing's thread and voice channel.
func (s *Interviews) SetPairingChannels(ctx context.Context, id int64, parentID, threadID, voiceID string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE mock_pairings SET channel_id = ?, thread_id = ?, voice_channel_id = ? WHERE id = ?",
			parentID, threadID, voiceID, id)
		return err
	})
}

// CancelPairing ends a pairing that could not be set up (its thread could
// not be created) and, with requeue, puts its members back at the front of
// the queue.
func (s *Interviews) CancelPairing(ctx context.Context, id int64, requeue bool, defaultExpiry time.Duration) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := pairingTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := endPairing(ctx, tx, p, PairingCancelled, s.now()); err != nil || !requeue {
			return err
		}
		set, err := mockSettings(ctx, tx, p.GuildID)
		if err != nil {
			return err
		}
		for _, m := range p.Members {
			if err := requeueFront(ctx, tx, p, m, set.Expiry(defaultExpiry), s.now()); err != nil {
				return err
			}
		}
		return nil
	})
}

func endPairing(ctx context.Context, tx *sqlx.Tx, p *Pairing, status string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, "UPDATE mock_pairings SET status = ?, ended_at = ?, last_activity = ? WHERE id = ? AND status = 'open'",
		status, now.UnixMilli(), now.UnixMilli(), p.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "UPDATE mock_members SET open = NULL WHERE pairing_id = ?", p.ID)
	p.Status, p.EndedMs = status, now.UnixMilli()
	return err
}

func requeueFront(ctx context.Context, tx *sqlx.Tx, p *Pairing, m PairMember, expiry time.Duration, now time.Time) error {
	ch := m.ChannelID
	if ch == "" {
		ch = p.ChannelID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO mock_queue (guild_id, user_id, topic, role, company, level, channel_id, joined_at, expires_at, front)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
		ON CONFLICT (guild_id, user_id) DO UPDATE SET topic = excluded.topic, front = 1, expires_at = excluded.expires_at`,
		p.GuildID, m.UserID, p.Topic, m.Role, m.Company, m.Level, ch, now.UnixMilli(), now.Add(expiry).UnixMilli())
	return err
}

// Pairing actions members take with the thread's buttons.
const (
	ActionStart  = "start"
	ActionSwap   = "swap"
	ActionFinish = "finish"
)

// PairingAction records Start, Swap roles or Finish by a member and
// returns the updated pairing. Finish ends the pairing. Start and Swap
// roles happen once: a second Start or Swap roles, like any action on a
// pairing that has ended, is refused with a Conflict error.
func (s *Interviews) PairingAction(ctx context.Context, id int64, userID, action string) (*Pairing, error) {
	var out *Pairing
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := pairingTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := activeMember(p, userID); err != nil {
			return err
		}
		if !p.IsOpen() {
			return errs.E(errs.Conflict, "This mock interview has already ended.")
		}
		now := s.now().UnixMilli()
		switch action {
		case ActionStart:
			if p.StartedMs != 0 {
				return errs.E(errs.Conflict, "The session already started <t:%d:R>.", p.StartedMs/1000)
			}
			_, err = tx.ExecContext(ctx, "UPDATE mock_pairings SET started_at = ?, last_activity = ? WHERE id = ?", now, now, id)
		case ActionSwap:
			// Once per interview: when both members press it, the second
			// press (however close) finds it done and posts nothing.
			if p.SwappedMs != 0 {
				return errs.E(errs.Conflict, "Roles were already swapped <t:%d:R>: the second half is under way.", p.SwappedMs/1000)
			}
			if p.StartedMs == 0 {
				_, err = tx.ExecContext(ctx, "UPDATE mock_pairings SET started_at = ? WHERE id = ?", now, id)
				if err != nil {
					return err
				}
			}
			_, err = tx.ExecContext(ctx, "UPDATE mock_pairings SET swapped_at = ?, last_activity = ? WHERE id = ?", now, now, id)
		case ActionFinish:
			err = endPairing(ctx, tx, p, PairingFinished, s.now())
		default:
			return errs.E(errs.Invalid, "Unknown action %q.", action)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE mock_members SET acted = 1 WHERE pairing_id = ? AND user_id = ?", id, userID); err != nil {
			return err
		}
		out, err = pairingTx(ctx, tx, id)
		return err
	})
	return out, err
}

// NoShowResult says what a no-show report did.
type NoShowResult struct {
	Pairing  *Pairing
	Ended    bool        // the pairing ended (a pair); in a trio it goes on without the absent member
	Requeued *QueueEntry // the reporter, back at the front of the queue
	Count    int         // the absent member's no-shows in this server
}

// ReportNoShow records that absent did not come to a pairing reported by
// reporter: it counts against absent; a pair ends and the reporter goes
// back to the front of the queue, a trio goes on without absent. The
// report is kept: absent takes no further part in the pairing, does not
// count it as an interview, and is not paired from the queue with
// reporter again within MockNoShowBlock. Only members still taking part
// can report.
func (s *Interviews) ReportNoShow(ctx context.Context, id int64, reporter, absent string, defaultExpiry time.Duration) (*NoShowResult, error) {
	out := &NoShowResult{}
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := pairingTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := activeMember(p, reporter); err != nil {
			return err
		}
		rm, am := p.Member(reporter), p.Member(absent)
		if am == nil || reporter == absent {
			return errs.E(errs.Invalid, "That member is not your partner in this mock interview.")
		}
		if am.Absent {
			return errs.E(errs.Conflict, "That member was already reported as not coming.")
		}
		if !p.IsOpen() || !am.Open {
			return errs.E(errs.Conflict, "This mock interview has already ended.")
		}
		if am.Acted {
			return errs.E(errs.Conflict, "Your partner has already taken part in this session, so it cannot be reported as a no-show.")
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO mock_noshows (guild_id, user_id, count, last_at) VALUES (?, ?, 1, ?)
			ON CONFLICT (guild_id, user_id) DO UPDATE SET count = mock_noshows.count + 1, last_at = excluded.last_at`,
			p.GuildID, absent, now.UnixMilli()); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &out.Count, "SELECT count FROM mock_noshows WHERE guild_id = ? AND user_id = ?", p.GuildID, absent); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mock_noshow_reports (pairing_id, guild_id, reporter_id, absent_id, reported_at)
			VALUES (?, ?, ?, ?, ?)`, id, p.GuildID, reporter, absent, now.UnixMilli()); err != nil {
			return err
		}
		openMembers := 0
		for _, m := range p.Members {
			if m.Open {
				openMembers++
			}
		}
		if openMembers <= 2 {
			if err := endPairing(ctx, tx, p, PairingNoShow, now); err != nil {
				return err
			}
			set, err := mockSettings(ctx, tx, p.GuildID)
			if err != nil {
				return err
			}
			if err := requeueFront(ctx, tx, p, *rm, set.Expiry(defaultExpiry), now); err != nil {
				return err
			}
			out.Ended = true
			if out.Requeued, err = queueEntryTx(ctx, tx, p.GuildID, reporter); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, "UPDATE mock_members SET open = NULL WHERE pairing_id = ? AND user_id = ?", id, absent); err != nil {
			return err
		}
		out.Pairing, err = pairingTx(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// NoShows returns a member's no-show count in a server.
func (s *Interviews) NoShows(ctx context.Context, guildID, userID string) (int, error) {
	return noShows(ctx, s.r, guildID, userID)
}

func noShows(ctx context.Context, q sqlx.QueryerContext, guildID, userID string) (int, error) {
	return getOr(ctx, q, 0, "SELECT count FROM mock_noshows WHERE guild_id = ? AND user_id = ?", guildID, userID)
}

// ResetNoShows sets a member's no-show count to zero and returns the
// previous count.
func (s *Interviews) ResetNoShows(ctx context.Context, guildID, userID string) (int, error) {
	var prev int
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var err error
		if prev, err = noShows(ctx, tx, guildID, userID); err != nil || prev == 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE mock_noshows SET count = 0 WHERE guild_id = ? AND user_id = ?", guildID, userID)
		return err
	})
	return prev, err
}

// AssignPacket returns the question userID asks in a pairing: the one
// already assigned, or a new one chosen with the first filter that matches
// anything, that no other member of the pairing asks, preferring questions
// userID has not seen (then the one seen longest ago). A new pick is marked
// seen for userID. It returns a NotFound error when no filter matches.
func (s *Interviews) AssignPacket(ctx context.Context, id int64, userID string, filters []Filter) (*Question, error) {
	var out *Question
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := pairingTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := activeMember(p, userID); err != nil {
			return err
		}
		m := p.Member(userID)
		if m.QuestionSeq != 0 {
			var r row
			if err := tx.GetContext(ctx, &r, "SELECT "+questionCols+" FROM questions WHERE seq = ?", m.QuestionSeq); err == nil {
				out = r.question()
				return nil
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		var exclude []any
		for _, o := range p.Members {
			if o.UserID != userID && o.QuestionSeq != 0 {
				exclude = append(exclude, o.QuestionSeq)
			}
		}
		for _, f := range packetFilters(filters, p.PacketLevel(userID)) {
			where, args := f.where()
			q := "SELECT " + prefixCols("q.") + " FROM questions q LEFT JOIN seen s ON s.seq = q.seq AND s.user_id = ? WHERE " + where
			args = append([]any{userID}, args...)
			if len(exclude) > 0 {
				q += " AND q.seq NOT IN (?" + strings.Repeat(", ?", len(exclude)-1) + ")"
				args = append(args, exclude...)
			}
			q += " ORDER BY s.seen_at IS NOT NULL, s.seen_at, random() LIMIT 1"
			var r row
			err := tx.GetContext(ctx, &r, q, args...)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			out = r.question()
			break
		}
		if out == nil {
			return errs.E(errs.NotFound, "No question in this server's bank fits this interview's topic; an admin can import some with /bank import.")
		}
		now := s.now().UnixMilli()
		if _, err := tx.ExecContext(ctx, "UPDATE mock_members SET question_seq = ? WHERE pairing_id = ? AND user_id = ?", out.Seq, id, userID); err != nil {
			return err
		}
		return markSeen(ctx, tx, userID, p.GuildID, out.Seq, now)
	})
	return out, err
}

// TouchPairingThread records activity in a pairing's thread (a message),
// which keeps it from being archived as silent. It reports whether the
// thread belongs to an unarchived pairing.
func (s *Interviews) TouchPairingThread(ctx context.Context, threadID string) (bool, error) {
	var n int
	if err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM mock_pairings WHERE thread_id = ? AND archived = 0", threadID); err != nil || n == 0 {
		return false, err
	}
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE mock_pairings SET last_activity = ? WHERE thread_id = ? AND archived = 0", s.now().UnixMilli(), threadID)
		return err
	})
	return true, err
}

// ActivePairings returns the pairings not yet archived, for the sweep.
func (s *Interviews) ActivePairings(ctx context.Context) ([]*Pairing, error) {
	var out []*Pairing
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, "SELECT id FROM mock_pairings WHERE archived = 0 ORDER BY id"); err != nil {
			return err
		}
		for _, id := range ids {
			p, err := pairingTx(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// Pairing flags the sweep sets once.
const (
	FlagReminder = "reminder_sent"
	FlagCheckin  = "checkin_sent"
	FlagMet      = "met"
)

// ClaimPairingFlag sets a once-only flag of a pairing and reports whether
// this call set it.
func (s *Interviews) ClaimPairingFlag(ctx context.Context, id int64, flag string) (bool, error) {
	switch flag {
	case FlagReminder, FlagCheckin, FlagMet:
	default:
		return false, fmt.Errorf("unknown pairing flag %q", flag)
	}
	var claimed bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, "UPDATE mock_pairings SET "+flag+" = 1 WHERE id = ? AND "+flag+" = 0", id)
		if err != nil {
			return err
		}
		n, err := r.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// ArchivePairing marks a pairing archived (its thread went silent): an
// open pairing ends as expired, and feedback can no longer be edited. It
// reports whether this call archived it.
func (s *Interviews) ArchivePairing(ctx context.Context, id int64) (bool, error) {
	var done bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := pairingTx(ctx, tx, id)
		if err != nil || p.Archived {
			return err
		}
		if p.IsOpen() {
			if err := endPairing(ctx, tx, p, PairingExpired, s.now()); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE mock_pairings SET archived = 1 WHERE id = ?", id); err != nil {
			return err
		}
		// Feedback can no longer be given: unsent drafts go.
		_, err = tx.ExecContext(ctx, "DELETE FROM mock_feedback_drafts WHERE pairing_id = ?", id)
		done = err == nil
		return err
	})
	return done, err
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
	var left bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, "DELETE FROM mock_round_members WHERE guild_id = ? AND user_id = ?", guildID, userID)
		if err != nil {
			return err
		}
		n, err := r.RowsAffected()
		left = n == 1
		return err
	})
	return left, err
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
