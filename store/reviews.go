package store

import (
	"context"
	"encoding/binary"
	"hash/fnv"
	"sort"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/fsrs"
)

// Reviews is spaced review: the FSRS card of each question a member rated,
// per server, and the questions falling due.
type Reviews struct{ *shared }

// DueCard is a question due for review and the member's card for it.
type DueCard struct {
	*Question
	Card fsrs.Card
}

// cardRow mirrors review_cards without its key.
type cardRow struct {
	Due        int64   `db:"due"`
	Stability  float64 `db:"stability"`
	Difficulty float64 `db:"difficulty"`
	Reps       int     `db:"reps"`
	Lapses     int     `db:"lapses"`
	State      int     `db:"state"`
	LastReview int64   `db:"last_review"`
}

const cardCols = "due, stability, difficulty, reps, lapses, state, last_review"

// prevCols are the card before its latest rating (see Rate).
const prevCols = "prev_due, prev_stability, prev_difficulty, prev_reps, prev_lapses, prev_state, prev_last_review"

// storedCard is a card with the card it was before its latest rating.
type storedCard struct {
	cardRow
	PrevDue        int64   `db:"prev_due"`
	PrevStability  float64 `db:"prev_stability"`
	PrevDifficulty float64 `db:"prev_difficulty"`
	PrevReps       int     `db:"prev_reps"`
	PrevLapses     int     `db:"prev_lapses"`
	PrevState      int     `db:"prev_state"`
	PrevLastReview int64   `db:"prev_last_review"`
}

func (s storedCard) prev() cardRow {
	return cardRow{Due: s.PrevDue, Stability: s.PrevStability, Difficulty: s.PrevDifficulty, Reps: s.PrevReps,
		Lapses: s.PrevLapses, State: s.PrevState, LastReview: s.PrevLastReview}
}

// sameDay reports whether a and b fall on the same local date in loc.
func sameDay(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}

func (r cardRow) card() fsrs.Card {
	c := fsrs.Card{
		Due:        time.UnixMilli(r.Due),
		Stability:  r.Stability,
		Difficulty: r.Difficulty,
		Reps:       r.Reps,
		Lapses:     r.Lapses,
		State:      fsrs.State(r.State),
	}
	if r.LastReview != 0 {
		c.LastReview = time.UnixMilli(r.LastReview)
	}
	return c
}

func unixMilliOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// ReviewScheduler returns the scheduler of guildID, userID and question seq: the
// defaults with fuzz, seeded from the three so that questions rated
// together do not keep falling due together, and so that Preview and
// Review agree.
func ReviewScheduler(guildID, userID, questionID string) fsrs.Scheduler {
	h := fnv.New64a()
	for _, s := range []string{guildID, userID, questionID} {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	sc := fsrs.Default()
	sc.Fuzz = true
	sc.Seed = h.Sum64()
	return sc
}

// questionSeq resolves the id of a question guildID sees.
func questionSeq(ctx context.Context, q sqlx.QueryerContext, guildID, questionID string) (int64, error) {
	seq, err := getRow[int64](ctx, q, "SELECT seq FROM questions WHERE id = ? AND scope IN ('', ?) ORDER BY scope DESC LIMIT 1", questionID, guildID)
	seq, err = found(seq, err, errs.E(errs.NotFound, "There is no question with id %q.", truncate(questionID, 80)))
	if err != nil {
		return 0, err
	}
	return *seq, nil
}

func readCard(ctx context.Context, q sqlx.QueryerContext, guildID, userID string, seq int64) (*fsrs.Card, error) {
	r, err := getRow[cardRow](ctx, q, "SELECT "+cardCols+" FROM review_cards WHERE guild_id = ? AND user_id = ? AND question_seq = ?", guildID, userID, seq)
	if r == nil || err != nil {
		return nil, err
	}
	c := r.card()
	return &c, nil
}

func checkReviewer(guildID, userID string) error {
	if guildID == "" {
		return errs.E(errs.Invalid, "Reviews are kept per server: rate questions in a server.")
	}
	if userID == "" {
		return errs.E(errs.Invalid, "no member")
	}
	return nil
}

// Rate records userID's rating of the question in guildID at now and
// returns the card it schedules. The card is read, reviewed and written in
// one write transaction, so two ratings at once are applied one after the
// other. A second rating of the question on the same day (in the member's
// zone, see memberZone) replaces the first: the returned card then has the
// same Reps as before the call.
func (s *Reviews) Rate(ctx context.Context, guildID, userID, questionID string, r fsrs.Rating, now time.Time) (fsrs.Card, error) {
	if err := checkReviewer(guildID, userID); err != nil {
		return fsrs.Card{}, err
	}
	if !r.Valid() {
		return fsrs.Card{}, errs.E(errs.Invalid, "%d is not a rating (Again, Hard, Good or Easy).", int(r))
	}
	var next fsrs.Card
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		seq, err := questionSeq(ctx, tx, guildID, questionID)
		if err != nil {
			return err
		}
		cur, err := getRow[storedCard](ctx, tx, "SELECT "+cardCols+", "+prevCols+" FROM review_cards WHERE guild_id = ? AND user_id = ? AND question_seq = ?", guildID, userID, seq)
		if err != nil {
			return err
		}
		var base, prev cardRow
		if cur != nil {
			base, prev = cur.cardRow, cur.cardRow
			// A second rating on the same day replaces the first: the
			// card is reviewed again from where it stood before it.
			if loc, err := memberZone(ctx, tx, userID); err != nil {
				return err
			} else if cur.LastReview != 0 && sameDay(time.UnixMilli(cur.LastReview), now, loc) {
				base, prev = cur.prev(), cur.prev()
			}
		}
		var c fsrs.Card
		if base.Reps > 0 || base.LastReview != 0 {
			c = base.card()
		}
		next = ReviewScheduler(guildID, userID, questionID).Review(c, r, now)
		_, err = tx.ExecContext(ctx, `INSERT INTO review_cards (guild_id, user_id, question_seq, `+cardCols+`, updated_at, last_rating, `+prevCols+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (guild_id, user_id, question_seq) DO UPDATE SET
				due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
				reps = excluded.reps, lapses = excluded.lapses, state = excluded.state,
				last_review = excluded.last_review, updated_at = excluded.updated_at, last_rating = excluded.last_rating,
				prev_due = excluded.prev_due, prev_stability = excluded.prev_stability, prev_difficulty = excluded.prev_difficulty,
				prev_reps = excluded.prev_reps, prev_lapses = excluded.prev_lapses, prev_state = excluded.prev_state,
				prev_last_review = excluded.prev_last_review`,
			guildID, userID, seq, next.Due.UnixMilli(), next.Stability, next.Difficulty,
			next.Reps, next.Lapses, int(next.State), unixMilliOrZero(next.LastReview), now.UnixMilli(), int(r),
			prev.Due, prev.Stability, prev.Difficulty, prev.Reps, prev.Lapses, prev.State, prev.LastReview)
		return err
	})
	if err != nil {
		return fsrs.Card{}, err
	}
	return next, nil
}

// Card returns userID's card for the question in guildID, or nil when they
// never rated it there.
func (s *Reviews) Card(ctx context.Context, guildID, userID, questionID string) (*fsrs.Card, error) {
	var c *fsrs.Card
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		seq, err := questionSeq(ctx, tx, guildID, questionID)
		if err != nil {
			return err
		}
		c, err = readCard(ctx, tx, guildID, userID, seq)
		return err
	})
	return c, err
}

// Due returns up to limit of userID's questions due in guildID at now that
// match flt (its Scope is set to guildID), most overdue first. Retired
// questions are left out.
func (s *Reviews) Due(ctx context.Context, guildID, userID string, flt Filter, now time.Time, limit int) ([]DueCard, error) {
	if limit <= 0 {
		limit = 1
	}
	flt.Scope = guildID
	where, args := flt.where(s.dialect)
	// The card's columns are renamed: questions has a difficulty too.
	var rows []struct {
		row
		Due        int64   `db:"c_due"`
		Stability  float64 `db:"c_stability"`
		Difficulty float64 `db:"c_difficulty"`
		Reps       int     `db:"c_reps"`
		Lapses     int     `db:"c_lapses"`
		State      int     `db:"c_state"`
		LastReview int64   `db:"c_last_review"`
	}
	q := "SELECT " + prefixCols("q.") + ", c.due AS c_due, c.stability AS c_stability, c.difficulty AS c_difficulty," +
		" c.reps AS c_reps, c.lapses AS c_lapses, c.state AS c_state, c.last_review AS c_last_review" +
		" FROM review_cards c JOIN questions q ON q.seq = c.question_seq" +
		" WHERE c.guild_id = ? AND c.user_id = ? AND c.due <= ? AND " + where +
		" ORDER BY c.due, c.question_seq LIMIT ?"
	all := append([]any{guildID, userID, now.UnixMilli()}, args...)
	all = append(all, limit)
	if err := s.r.SelectContext(ctx, &rows, q, all...); err != nil {
		return nil, err
	}
	out := make([]DueCard, len(rows))
	for i := range rows {
		r := &rows[i]
		c := cardRow{Due: r.Due, Stability: r.Stability, Difficulty: r.Difficulty, Reps: r.Reps, Lapses: r.Lapses, State: r.State, LastReview: r.LastReview}
		out[i] = DueCard{Question: r.row.question(), Card: c.card()}
	}
	return out, nil
}

// DueCounts returns how many of userID's questions are due in guildID at
// now, per category (the category's display name). The cards come from
// their index alone; their questions' categories from the bank's cached
// facets, which leave retired questions out.
func (s *Reviews) DueCounts(ctx context.Context, guildID, userID string, now time.Time) (map[string]int, error) {
	var seqs []int64
	if err := s.r.SelectContext(ctx, &seqs, "SELECT question_seq FROM review_cards WHERE guild_id = ? AND user_id = ? AND due <= ?",
		guildID, userID, now.UnixMilli()); err != nil {
		return nil, err
	}
	if len(seqs) == 0 {
		return map[string]int{}, nil
	}
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	return dueByCategory(idx, guildID, seqs), nil
}

// DueFirst is Due with a limit of 1 and DueCounts at once: the most
// overdue of userID's questions due in guildID at now that matches flt
// (nil when none does), and how many are due per category. It reads the
// member's due cards from their index once, chooses among them with the
// bank's cached facets, then reads the chosen card; the question comes
// from the cache picks fill (see rowCache).
func (s *Reviews) DueFirst(ctx context.Context, guildID, userID string, flt Filter, now time.Time) (*DueCard, map[string]int, error) {
	var due []struct {
		Seq int64 `db:"question_seq"`
		Due int64 `db:"due"`
	}
	if err := s.r.SelectContext(ctx, &due, "SELECT question_seq, due FROM review_cards WHERE guild_id = ? AND user_id = ? AND due <= ?",
		guildID, userID, now.UnixMilli()); err != nil {
		return nil, nil, err
	}
	if len(due) == 0 {
		return nil, map[string]int{}, nil
	}
	idx, err := s.index(ctx)
	if err != nil {
		return nil, nil, err
	}
	seqs := make([]int64, len(due))
	for i, d := range due {
		seqs[i] = d.Seq
	}
	counts := dueByCategory(idx, guildID, seqs)
	flt.Scope = guildID
	keys, ok := prepareFilter(&flt, -1)
	if !ok {
		return nil, counts, nil // a name of only emoji or punctuation matches nothing
	}
	sort.Slice(due, func(i, j int) bool {
		return due[i].Due < due[j].Due || (due[i].Due == due[j].Due && due[i].Seq < due[j].Seq)
	})
	for _, d := range due {
		if r := idx.row(d.Seq); r == nil || !r.matches(&flt, &keys, -1) {
			continue
		}
		card, err := readCard(ctx, s.r, guildID, userID, d.Seq)
		if err != nil {
			return nil, nil, err
		}
		q, err := s.pickedRow(ctx, idx, d.Seq)
		if err != nil {
			return nil, nil, err
		}
		if card != nil && q != nil { // else rated again or retired a moment ago
			return &DueCard{Question: q, Card: *card}, counts, nil
		}
	}
	return nil, counts, nil
}

// dueByCategory counts the due questions seqs per category (its display
// name), leaving out those idx does not hold (retired) and other servers'.
func dueByCategory(idx *bankIndex, guildID string, seqs []int64) map[string]int {
	out := map[string]int{}
	names := map[string]string{} // the first display name of each key
	for _, seq := range seqs {
		r := idx.row(seq)
		if r == nil || (r.scope != "" && r.scope != guildID) {
			continue
		}
		key := r.keys[facetCategory]
		name, ok := names[key]
		if !ok {
			name = r.names[facetCategory]
			names[key] = name
		}
		out[name]++
	}
	return out
}

// NextDue returns when userID's next question falls due in guildID after
// now; false when nothing is scheduled after now.
func (s *Reviews) NextDue(ctx context.Context, guildID, userID string, now time.Time) (time.Time, bool, error) {
	ms, err := getRow[int64](ctx, s.r, `SELECT c.due FROM review_cards c JOIN questions q ON q.seq = c.question_seq
		WHERE c.guild_id = ? AND c.user_id = ? AND c.due > ? AND q.retired = 0 AND q.scope IN ('', ?)
		ORDER BY c.due LIMIT 1`, guildID, userID, now.UnixMilli(), guildID)
	if err != nil || ms == nil {
		return time.Time{}, false, err
	}
	return time.UnixMilli(*ms), true, nil
}
