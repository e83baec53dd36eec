package store

import (
	"context"
	"sort"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
)

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
	// Zone is the member's time zone (see Availability.MemberZone), ""
	// when they gave none.
	Zone string `db:"zone"`
}

// Joined returns when the member joined the queue.
func (e QueueEntry) Joined() time.Time { return time.UnixMilli(e.JoinedMs) }

// Expires returns when the entry expires.
func (e QueueEntry) Expires() time.Time { return time.UnixMilli(e.ExpiresMs) }

// queueCols are a queue entry's columns, selected FROM mock_queue (not
// aliased), with the member's time zone.
const queueCols = `id, guild_id, user_id, topic, role, company, level, channel_id, joined_at, expires_at, front,
	COALESCE((SELECT z.zone FROM mock_member_zones z WHERE z.user_id = mock_queue.user_id), '') AS zone`

// Picker chooses a partner for newcomer among waiting (entries of the
// same server and topic, unexpired, other members). recent maps each user
// newcomer was paired with within MockRepeatWindow to the latest time. It
// returns an index into waiting, or -1 to queue newcomer. The bot passes
// one built on bot/match.Best.
type Picker func(newcomer QueueEntry, waiting []QueueEntry, recent map[string]time.Time, now time.Time) int

// JoinRequest is a member asking for a mock interview.
type JoinRequest struct {
	GuildID, UserID             string
	Topic, Role, Company, Level string
	ChannelID                   string        // where /mock was used
	DefaultExpiry               time.Duration // when the server set none
	SuggestedStart              time.Time     // for a pairing made now
	Front                       bool          // re-queued after a no-show
	Pick                        Picker
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
	zone, err := getOr(ctx, tx, "", "SELECT zone FROM mock_member_zones WHERE user_id = ?", req.UserID)
	if err != nil {
		return nil, err
	}
	me := QueueEntry{GuildID: req.GuildID, UserID: req.UserID, Topic: req.Topic, Role: req.Role, Company: req.Company,
		Level: req.Level, ChannelID: req.ChannelID, JoinedMs: now.UnixMilli(), ExpiresMs: now.Add(expiry).UnixMilli(), Front: req.Front, Zone: zone}
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
		// A new place (the old one had expired) starts its check-ins afresh.
		_, err = tx.ExecContext(ctx, `UPDATE mock_queue SET topic = ?, role = ?, company = ?, level = ?, channel_id = ?,
			checkin_at = CASE WHEN joined_at = ? THEN checkin_at ELSE 0 END,
			checkin_open = CASE WHEN joined_at = ? THEN checkin_open ELSE 0 END,
			joined_at = ?, expires_at = ?, front = ? WHERE id = ?`,
			me.Topic, me.Role, me.Company, me.Level, me.ChannelID, me.JoinedMs, me.JoinedMs, me.JoinedMs, me.ExpiresMs, me.Front, old.ID)
		me.ID = old.ID
	} else {
		err = tx.GetContext(ctx, &me.ID, `INSERT INTO mock_queue (guild_id, user_id, topic, role, company, level, channel_id,
			joined_at, expires_at, front) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			me.GuildID, me.UserID, me.Topic, me.Role, me.Company, me.Level, me.ChannelID, me.JoinedMs, me.ExpiresMs, me.Front)
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
		GROUP BY o.user_id`, guildID, userID, now.Add(-RepeatWindow).UnixMilli())
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
func (s *Interviews) QueueRelaxed(ctx context.Context, now, heldSince time.Time, on shard.Set) ([]QueueEntry, error) {
	var out []QueueEntry
	err := s.r.SelectContext(ctx, &out, "SELECT "+queueCols+` FROM mock_queue WHERE expires_at > ? AND `+onShards(on, "guild_id")+` AND (guild_id, topic) IN
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
	err := s.write(ctx, func(tx *sqlx.Tx) (err error) {
		left, err = leaveQueueTx(ctx, tx, guildID, userID)
		return err
	})
	return left, err
}

// leaveQueueTx deletes a member's queue entry in a server and reports
// whether there was one.
func leaveQueueTx(ctx context.Context, tx *sqlx.Tx, guildID, userID string) (bool, error) {
	r, err := tx.ExecContext(ctx, "DELETE FROM mock_queue WHERE guild_id = ? AND user_id = ?", guildID, userID)
	if err != nil {
		return false, err
	}
	n, err := r.RowsAffected()
	return n > 0, err
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
func (s *Interviews) ExpireQueue(ctx context.Context, now time.Time, on shard.Set) ([]QueueEntry, error) {
	var out []QueueEntry
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		mine := onShards(on, "guild_id")
		if err := tx.SelectContext(ctx, &out, "SELECT "+queueCols+" FROM mock_queue WHERE expires_at <= ? AND "+mine+" ORDER BY id", now.UnixMilli()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM mock_queue WHERE expires_at <= ? AND "+mine, now.UnixMilli())
		return err
	})
	return out, err
}
