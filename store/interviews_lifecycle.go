package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// Limits of the mock interview lifecycle.
const (
	// NoShowBlock is how long a member reported as a no-show and the
	// member who reported them are not paired from the queue again, even
	// when nobody else is waiting.
	NoShowBlock = 14 * 24 * time.Hour
	// MinInterview is the shortest real interview: a pairing finished
	// sooner after it was made does not count as an interview, and a
	// member gets at most one new pairing from the queue per
	// MinInterview.
	MinInterview = 15 * time.Minute
	// DailyPairings is how many pairings from the queue a member can
	// get in a server within 24 hours.
	DailyPairings = 6
)

// activeMember refuses userID unless they are a member of p still taking
// part in it (not reported as a no-show).
func activeMember(p *Pairing, userID string) error {
	m := p.Member(userID)
	if m == nil {
		return errs.E(errs.Invalid, "Only the members of this mock interview can use its buttons.")
	}
	if m.Absent {
		return errs.E(errs.Conflict, "You were reported as not coming to this mock interview, so you no longer take part in it. Run `/mock` to practise again.")
	}
	return nil
}

// activePairing returns pairing id, refusing userID unless they still
// take part in it (activeMember).
func activePairing(ctx context.Context, tx *sqlx.Tx, id int64, userID string) (*Pairing, error) {
	p, err := pairingTx(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return p, activeMember(p, userID)
}

// withoutNoShowPartners drops from waiting the members userID reported as
// a no-show, or was reported by, within MockNoShowBlock.
func withoutNoShowPartners(ctx context.Context, tx *sqlx.Tx, guildID, userID string, waiting []QueueEntry, now time.Time) ([]QueueEntry, error) {
	if len(waiting) == 0 {
		return waiting, nil
	}
	var blocked []string
	// Reports, and no-show pairings from before reports were kept (their
	// two members).
	err := tx.SelectContext(ctx, &blocked, `SELECT CASE WHEN absent_id = ? THEN reporter_id ELSE absent_id END
		FROM mock_noshow_reports WHERE guild_id = ? AND (absent_id = ? OR reporter_id = ?) AND reported_at > ?
		UNION
		SELECT o.user_id FROM mock_members m JOIN mock_members o ON o.pairing_id = m.pairing_id AND o.user_id <> m.user_id
		JOIN mock_pairings p ON p.id = m.pairing_id
		WHERE m.guild_id = ? AND m.user_id = ? AND p.status = 'noshow' AND p.ended_at > ?
		AND NOT EXISTS (SELECT 1 FROM mock_noshow_reports r WHERE r.pairing_id = p.id)`,
		userID, guildID, userID, userID, now.Add(-NoShowBlock).UnixMilli(),
		guildID, userID, now.Add(-NoShowBlock).UnixMilli())
	if err != nil || len(blocked) == 0 {
		return waiting, err
	}
	skip := make(map[string]bool, len(blocked))
	for _, u := range blocked {
		skip[u] = true
	}
	out := waiting[:0:0]
	for _, w := range waiting {
		if !skip[w.UserID] {
			out = append(out, w)
		}
	}
	return out, nil
}

// countedPairings is the SQL condition for the pairings (p, joined with
// the member's row m) that count against a member's pairing limits: from
// the queue, not cancelled, and not ended by the member's own report of
// a partner who did not come.
const countedPairings = `p.source = 'queue' AND p.status <> 'cancelled'
	AND NOT EXISTS (SELECT 1 FROM mock_noshow_reports r WHERE r.pairing_id = p.id AND r.reporter_id = m.user_id)`

// checkPairingLimits refuses a new pairing for a member who got one from
// the queue less than MockMinInterview ago, or MockDailyPairings within
// the last 24 hours. Pairings a partner did not come to are not counted
// for the member who reported it, nor cancelled ones.
func checkPairingLimits(ctx context.Context, tx *sqlx.Tx, guildID, userID string, now time.Time) error {
	var made []int64
	if err := tx.SelectContext(ctx, &made, `SELECT p.created_at FROM mock_members m JOIN mock_pairings p ON p.id = m.pairing_id
		WHERE m.guild_id = ? AND m.user_id = ? AND p.created_at > ? AND `+countedPairings+`
		ORDER BY p.created_at DESC`, guildID, userID, now.Add(-24*time.Hour).UnixMilli()); err != nil {
		return err
	}
	if len(made) == 0 {
		return nil
	}
	if next := time.UnixMilli(made[0]).Add(MinInterview); now.Before(next) {
		return errs.E(errs.Conflict, "You were paired for a mock interview <t:%d:R>; your next pairing can start from <t:%d:t> (<t:%d:R>). One pairing per %d minutes leaves time for a real interview.",
			made[0]/1000, next.Unix(), next.Unix(), int(MinInterview.Minutes()))
	}
	if len(made) >= DailyPairings {
		next := time.UnixMilli(made[DailyPairings-1]).Add(24 * time.Hour)
		return errs.E(errs.Conflict, "You have had %d mock interviews in the last 24 hours, the most a member can have in a day. You can join again <t:%d:R> (<t:%d:f>).",
			len(made), next.Unix(), next.Unix())
	}
	return nil
}

// Absence is a report that a member did not come to a pairing.
type Absence struct {
	PairingID  int64  `db:"pairing_id"`
	GuildID    string `db:"guild_id"`
	ReporterID string `db:"reporter_id"`
	AbsentID   string `db:"absent_id"`
	ReportedMs int64  `db:"reported_at"`
	Topic      string `db:"topic"`
	StartMs    int64  `db:"suggested_start"`
	// Count is the absent member's no-show count in the server now.
	Count int `db:"count"`
}

// SuggestedStart returns the suggested start of the missed session.
func (a Absence) SuggestedStart() time.Time { return time.UnixMilli(a.StartMs) }

const absenceQuery = `SELECT r.pairing_id, r.guild_id, r.reporter_id, r.absent_id, r.reported_at, p.topic, p.suggested_start,
	COALESCE((SELECT n.count FROM mock_noshows n WHERE n.guild_id = r.guild_id AND n.user_id = r.absent_id), 0) AS count
	FROM mock_noshow_reports r JOIN mock_pairings p ON p.id = r.pairing_id`

// UntoldAbsences returns the no-show reports about a member in a server
// that they have not been told about yet, oldest first.
func (s *Interviews) UntoldAbsences(ctx context.Context, guildID, userID string) ([]Absence, error) {
	var out []Absence
	err := s.r.SelectContext(ctx, &out, absenceQuery+` WHERE r.guild_id = ? AND r.absent_id = ? AND r.told = 0
		ORDER BY r.reported_at, r.pairing_id`, guildID, userID)
	return out, err
}

// ClaimAbsenceTold marks that the absent member of a report was told, and
// reports whether this call marked it (false when already told).
func (s *Interviews) ClaimAbsenceTold(ctx context.Context, pairingID int64, absentID string) (bool, error) {
	return s.changedOne(ctx, "UPDATE mock_noshow_reports SET told = 1 WHERE pairing_id = ? AND absent_id = ? AND told = 0",
		pairingID, absentID)
}

// interviewCounted is the SQL condition for a member's pairings (p, with
// the member's row m) that count as interviews: not cancelled, not ended
// by a no-show, the member not reported absent, and not finished sooner
// than MockMinInterview after the pairing was made (its one parameter).
const interviewCounted = `p.status NOT IN ('cancelled', 'noshow')
	AND NOT EXISTS (SELECT 1 FROM mock_noshow_reports r WHERE r.pairing_id = p.id AND r.absent_id = m.user_id)
	AND NOT (p.status = 'finished' AND p.ended_at - p.created_at < ?)`
