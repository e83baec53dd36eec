package store

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
)

// Plans are members' plans to an interview date (/plan): the new
// questions each plan holds, in the order they are to be done, and the
// daily reminders by direct message (plan_reminders.go).
type Plans struct{ *shared }

// Plan statuses.
const (
	PlanActive  = "active"
	PlanStopped = "stopped"
	PlanDone    = "done" // the interview date passed
)

// Plan is a member's plan in a server.
type Plan struct {
	ID            int64  `db:"id"`
	GuildID       string `db:"guild_id"`
	UserID        string `db:"user_id"`
	Company       string `db:"company"`
	Role          string `db:"role"`
	Level         string `db:"level"`
	InterviewDate string `db:"interview_date"` // 2026-12-24
	StartDate     string `db:"start_date"`
	Zone          string `db:"zone"` // the IANA zone the plan's days are read in
	Status        string `db:"status"`
	CreatedAt     int64  `db:"created_at"`
	EndedAt       int64  `db:"ended_at"`
}

const planCols = "id, guild_id, user_id, company, role, level, interview_date, start_date, zone, status, created_at, ended_at"

// PlanItem is a new question of a plan.
type PlanItem struct {
	*Question
	Position int
	// Category is the category's display name.
	Category string
	// DoneAt is when the member first rated the question after the plan
	// began (unix ms); 0 while not done.
	DoneAt int64
}

// CategoryShare is a category's share of a company's questions.
type CategoryShare struct {
	Category string
	Key      string
	Count    int
}

// NewPlan is what a plan is built from.
type NewPlan struct {
	GuildID, UserID string
	// Company, Role and Level as the bank names them (resolved by the
	// caller); Level may be empty.
	Company, Role, Level string
	// Start and Interview are local dates (2026-12-03); Days is the
	// number of days from Start to Interview, both included.
	Start, Interview string
	Days             int
	Zone             string
	// PerDay is how many new questions a day the plan holds at most.
	PerDay int
}

// MaxPlanQuestions bounds the new questions of one plan.
const MaxPlanQuestions = 150

// Start builds userID's plan in guildID: the categories the company's
// questions cover, with their shares, and new questions (ones the member
// was never shown and never rated here) for the role (and level), as many
// as Days x PerDay allows (at most MaxPlanQuestions), split between the
// categories by their shares. The company's own questions come first in
// each category; other companies' questions of the category fill in. A
// member has one active plan per server: a second is a conflict.
func (s *Plans) Start(ctx context.Context, np NewPlan, now time.Time) (*Plan, []CategoryShare, error) {
	if np.GuildID == "" || np.UserID == "" {
		return nil, nil, errs.E(errs.Invalid, "Plans are kept per server: use /plan in a server.")
	}
	if np.Days < 1 || np.PerDay < 1 {
		return nil, nil, errs.E(errs.Invalid, "a plan needs at least one day")
	}
	s.settle(ctx, np.UserID)
	var plan *Plan
	var shares []CategoryShare
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if p, err := activePlan(ctx, tx, np.GuildID, np.UserID); err != nil {
			return err
		} else if p != nil {
			return errs.E(errs.Conflict, "You already have a plan here (%s, %s, interview on %s): /plan stop ends it.", p.Company, p.Role, p.InterviewDate)
		}
		var err error
		if shares, err = companyShares(ctx, s.dialect, tx, np.GuildID, np.Company); err != nil {
			return err
		}
		if len(shares) == 0 {
			return errs.E(errs.NotFound, "The bank has no questions of %s.", np.Company)
		}
		cands, err := planCandidates(ctx, s.dialect, tx, np, shares)
		if err != nil {
			return err
		}
		items := allocate(shares, cands, min(np.Days*np.PerDay, MaxPlanQuestions))
		if len(items) == 0 {
			return errs.E(errs.NotFound, "You have seen every question of %s for %s already: there is nothing new to plan.", np.Company, np.Role)
		}
		plan = &Plan{GuildID: np.GuildID, UserID: np.UserID, Company: np.Company, Role: np.Role, Level: np.Level,
			InterviewDate: np.Interview, StartDate: np.Start, Zone: np.Zone, Status: PlanActive, CreatedAt: now.UnixMilli()}
		if err := tx.GetContext(ctx, &plan.ID, `INSERT INTO plans (guild_id, user_id, company, role, level, interview_date, start_date, zone, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, plan.GuildID, plan.UserID, plan.Company, plan.Role, plan.Level,
			plan.InterviewDate, plan.StartDate, plan.Zone, plan.Status, plan.CreatedAt); err != nil {
			return err
		}
		for i, c := range items {
			if _, err := tx.ExecContext(ctx, "INSERT INTO plan_items (plan_id, question_seq, position, category) VALUES (?, ?, ?, ?)",
				plan.ID, c.Seq, i, c.Category); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return plan, shares, nil
}

// companyShares counts the company's questions in scope per category,
// largest first.
func companyShares(ctx context.Context, d *dialect, q sqlx.QueryerContext, guildID, company string) ([]CategoryShare, error) {
	where, args := Filter{Scope: guildID, Company: company}.where(d)
	var rows []struct {
		Category string `db:"category"`
		Key      string `db:"category_key"`
		N        int    `db:"n"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, "SELECT q.category, q.category_key, COUNT(*) AS n FROM questions q WHERE "+where+
		" GROUP BY q.category_key, q.category", args...); err != nil {
		return nil, err
	}
	// One key may have several spellings: the first names it.
	idx := map[string]int{}
	var out []CategoryShare
	for _, r := range rows {
		if i, ok := idx[r.Key]; ok {
			out[i].Count += r.N
			continue
		}
		idx[r.Key] = len(out)
		out = append(out, CategoryShare{Category: r.Category, Key: r.Key, Count: r.N})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// candidate is a question a plan may take.
type candidate struct {
	Seq         int64  `db:"seq"`
	Category    string `db:"category"`
	CategoryKey string `db:"category_key"`
	Own         int    `db:"own"` // 1: a question of the plan's company
}

// planCandidates returns the new questions for the role (and level) in
// the shares' categories: never shown to the member, never rated by them
// in the server; the company's own first.
func planCandidates(ctx context.Context, d *dialect, q sqlx.QueryerContext, np NewPlan, shares []CategoryShare) ([]candidate, error) {
	where, args := Filter{Scope: np.GuildID, Role: np.Role, Level: np.Level}.where(d)
	cats := make([]string, len(shares))
	for i, sh := range shares {
		cats[i] = "?"
		args = append(args, sh.Key)
	}
	companyKeys := data.FilterKeys(data.KindCompany, np.Company)
	own := "CASE WHEN q.company_key IN (?" + strings.Repeat(", ?", len(companyKeys)-1) + ") THEN 1 ELSE 0 END"
	sel := []any{}
	for _, k := range companyKeys {
		sel = append(sel, k)
	}
	all := append(sel, args...)
	all = append(all, np.UserID, np.GuildID, np.UserID)
	var out []candidate
	err := sqlx.SelectContext(ctx, q, &out, "SELECT q.seq, q.category, q.category_key, "+own+" AS own FROM questions q WHERE "+where+
		" AND q.category_key IN ("+strings.Join(cats, ", ")+")"+
		" AND NOT EXISTS (SELECT 1 FROM seen s WHERE s.user_id = ? AND s.seq = q.seq)"+
		" AND NOT EXISTS (SELECT 1 FROM review_cards c WHERE c.guild_id = ? AND c.user_id = ? AND c.question_seq = q.seq)"+
		" ORDER BY own DESC, q.seq", all...)
	return out, err
}

// allocate chooses up to total candidates, split between the categories
// in proportion to their shares (largest remainders), a category short of
// candidates leaving its quota to the others, and orders them so that the
// categories are interleaved evenly.
func allocate(shares []CategoryShare, cands []candidate, total int) []candidate {
	byCat := map[string][]candidate{}
	for _, c := range cands {
		byCat[c.CategoryKey] = append(byCat[c.CategoryKey], c)
	}
	avail := 0
	for _, sh := range shares {
		avail += len(byCat[sh.Key])
	}
	total = min(total, avail)
	quota := make([]int, len(shares))
	for given := 0; given < total; {
		// Give one more to the category furthest below its share among
		// those with candidates left.
		best, bestGap := -1, math.Inf(-1)
		sum := 0
		for _, sh := range shares {
			sum += sh.Count
		}
		for i, sh := range shares {
			if quota[i] >= len(byCat[sh.Key]) {
				continue
			}
			gap := float64(sh.Count)/float64(sum)*float64(given+1) - float64(quota[i])
			if gap > bestGap {
				best, bestGap = i, gap
			}
		}
		if best < 0 {
			break
		}
		quota[best]++
		given++
	}
	type keyed struct {
		c   candidate
		key float64
	}
	var picked []keyed
	for i, sh := range shares {
		for j := 0; j < quota[i]; j++ {
			picked = append(picked, keyed{byCat[sh.Key][j], (float64(j) + 0.5) / float64(quota[i])})
		}
	}
	sort.SliceStable(picked, func(i, j int) bool { return picked[i].key < picked[j].key })
	out := make([]candidate, len(picked))
	for i, p := range picked {
		out[i] = p.c
	}
	return out
}

func activePlan(ctx context.Context, q sqlx.QueryerContext, guildID, userID string) (*Plan, error) {
	return getRow[Plan](ctx, q, "SELECT "+planCols+" FROM plans WHERE guild_id = ? AND user_id = ? AND status = 'active'", guildID, userID)
}

// Active returns userID's active plan in guildID, or nil.
func (s *Plans) Active(ctx context.Context, guildID, userID string) (*Plan, error) {
	return activePlan(ctx, s.r, guildID, userID)
}

// ActiveOf returns userID's active plans in every server.
func (s *Plans) ActiveOf(ctx context.Context, userID string) ([]Plan, error) {
	var out []Plan
	err := s.r.SelectContext(ctx, &out, "SELECT "+planCols+" FROM plans WHERE user_id = ? AND status = 'active' ORDER BY interview_date, id", userID)
	return out, err
}

// End ends userID's active plan in guildID with status (PlanStopped or
// PlanDone); false when there was none. When no active plan of the member
// is left anywhere, their reminders stop too.
func (s *Plans) End(ctx context.Context, guildID, userID, status string, now time.Time) (bool, error) {
	if status != PlanStopped && status != PlanDone {
		return false, errs.E(errs.Invalid, "a plan ends stopped or done, not %q", status)
	}
	ended := false
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, "UPDATE plans SET status = ?, ended_at = ? WHERE guild_id = ? AND user_id = ? AND status = 'active'",
			status, now.UnixMilli(), guildID, userID)
		if err != nil {
			return err
		}
		n, err := r.RowsAffected()
		if err != nil || n == 0 {
			return err
		}
		ended = true
		left, err := getOr(ctx, tx, 0, "SELECT COUNT(*) FROM plans WHERE user_id = ? AND status = 'active'", userID)
		if err != nil || left > 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE plan_reminders SET enabled = 0, next_due = 0, updated_at = ? WHERE user_id = ?", now.UnixMilli(), userID)
		return err
	})
	return ended, err
}

// Items returns the plan's questions in order, first marking done those
// the member rated since the plan began (in its server).
func (s *Plans) Items(ctx context.Context, p *Plan) ([]PlanItem, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE plan_items SET done_at = (SELECT c.last_review FROM review_cards c
				WHERE c.guild_id = ? AND c.user_id = ? AND c.question_seq = plan_items.question_seq)
			WHERE plan_id = ? AND done_at = 0 AND EXISTS (SELECT 1 FROM review_cards c
				WHERE c.guild_id = ? AND c.user_id = ? AND c.question_seq = plan_items.question_seq AND c.last_review >= ?)`,
			p.GuildID, p.UserID, p.ID, p.GuildID, p.UserID, p.CreatedAt)
		return err
	})
	if err != nil {
		return nil, err
	}
	var rows []struct {
		row
		Position     int    `db:"i_position"`
		ItemCategory string `db:"i_category"`
		DoneAt       int64  `db:"i_done_at"`
	}
	if err := s.r.SelectContext(ctx, &rows, "SELECT "+prefixCols("q.")+", i.position AS i_position, i.category AS i_category, i.done_at AS i_done_at"+
		" FROM plan_items i JOIN questions q ON q.seq = i.question_seq WHERE i.plan_id = ? ORDER BY i.position", p.ID); err != nil {
		return nil, err
	}
	out := make([]PlanItem, len(rows))
	for i := range rows {
		out[i] = PlanItem{Question: rows[i].row.question(), Position: rows[i].Position, Category: rows[i].ItemCategory, DoneAt: rows[i].DoneAt}
	}
	return out, nil
}

// memberZone is the time zone a member's days are read in: their
// reminders' zone, else their latest plan's, else UTC.
func memberZone(ctx context.Context, q sqlx.QueryerContext, userID string) (*time.Location, error) {
	name, err := getOr(ctx, q, "", "SELECT zone FROM plan_reminders WHERE user_id = ?", userID)
	if err != nil {
		return nil, err
	}
	if name == "" {
		if name, err = getOr(ctx, q, "", "SELECT zone FROM plans WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 1", userID); err != nil {
			return nil, err
		}
	}
	if loc, err := time.LoadLocation(name); err == nil && name != "" {
		return loc, nil
	}
	return time.UTC, nil
}
