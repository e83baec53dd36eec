// Package dailysetup is the checking of a daily feed's settings that
// /daily setup and the web dashboard's feed form share: the feed's name,
// its time, zone and days, its question filters and its channel. Both
// call it so that a feed is accepted or refused the same way wherever an
// admin sets it up.
package dailysetup

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// MaxFeedName is the longest feed name, in characters.
const MaxFeedName = 20

// The fields a problem can be about.
const (
	FieldFeed       = "feed"
	FieldChannel    = "channel"
	FieldTime       = "time"
	FieldZone       = "timezone"
	FieldDays       = "days"
	FieldCompany    = "company"
	FieldRole       = "role"
	FieldCategory   = "category"
	FieldLevel      = "level"
	FieldDifficulty = "difficulty"
	// FieldFilters is the filters together (none matches with the others).
	FieldFilters = "filters"
)

// Problem is a refused setting: the field and an errs.Invalid error whose
// message says what to do.
type Problem struct {
	Field string
	Err   error
}

// Problems are the refusals of one setup, in the order /daily setup
// checks the fields.
type Problems []Problem

// First is the first problem's error (what /daily setup replies), or nil.
func (p Problems) First() error {
	if len(p) == 0 {
		return nil
	}
	return p[0].Err
}

// For is the message about field, or "".
func (p Problems) For(field string) string {
	for _, x := range p {
		if x.Field == field {
			return errs.Message(x.Err)
		}
	}
	return ""
}

// FeedName checks a feed name typed by an admin and returns it in its
// stored form, lower case: names are unique per server ignoring case.
func FeedName(s string) (string, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	ok := name != "" && utf8.RuneCountInString(name) <= MaxFeedName
	for _, r := range name {
		ok = ok && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_')
	}
	if !ok {
		return "", errs.E(errs.Invalid, "Feed: a feed's name is 1 to %d letters, digits, `-` or `_`, e.g. `swe` or `ml-daily`.", MaxFeedName)
	}
	return name, nil
}

// Input is what an admin typed to set up a feed whose name is already
// checked (FeedName).
type Input struct {
	GuildID, Feed, ChannelID string
	Time, Zone, Days         string
	PingRole                 string
	Company, Role, Category  string
	Level, Difficulty        string
	By                       string
	Now                      time.Time
}

// Difficulties are the difficulties a feed can be limited to ("" for any).
var Difficulties = []string{"easy", "medium", "hard"}

// Check checks everything but the channel (see CheckChannel) and returns
// the feed's settings, with its next post from in.Now (not paused: keep an
// existing feed's pause), its schedule, and a warning about the zone ("" if
// none). Filters are written in their canonical form ("google" -> "Google").
// An error is a failure to read the bank, never a refusal: those are in
// Problems.
func Check(ctx context.Context, q *store.Questions, in Input) (*store.DailyConfig, schedule.Schedule, string, Problems, error) {
	var p Problems
	clock, clockErr := schedule.ParseClock(in.Time)
	if clockErr != nil {
		p = append(p, Problem{FieldTime, errs.E(errs.Invalid, "Time: %s", clockErr.Error())})
	}
	loc, warning, err := schedule.ParseZone(in.Zone)
	if err != nil {
		p = append(p, Problem{FieldZone, errs.E(errs.Invalid, "Time zone: %s", err.Error())})
	}
	days := schedule.EveryDay
	if s := strings.TrimSpace(in.Days); s != "" {
		if days, err = schedule.ParseWeekdays(s); err != nil {
			p = append(p, Problem{FieldDays, errs.E(errs.Invalid, "Days: %s", err.Error())})
		} else if days == schedule.NoDays {
			p = append(p, Problem{FieldDays, errs.E(errs.Invalid, "Days: choose at least one day, e.g. `mon-fri` or `every day`.")})
		}
	}
	cfg := &store.DailyConfig{
		GuildID: in.GuildID, Feed: in.Feed, ChannelID: in.ChannelID, Days: int(days),
		PingRole: in.PingRole, Company: strings.TrimSpace(in.Company), Role: strings.TrimSpace(in.Role),
		Category: strings.TrimSpace(in.Category), Level: strings.TrimSpace(in.Level), Difficulty: in.Difficulty,
		UpdatedBy: in.By, UpdatedAt: in.Now.UnixMilli(),
	}
	if cfg.PingRole == in.GuildID {
		cfg.PingRole = "" // @everyone is not pinged by role mention
	}
	badDifficulty := cfg.Difficulty != "" && !contains(Difficulties, cfg.Difficulty)
	if badDifficulty {
		p = append(p, Problem{FieldDifficulty, errs.E(errs.Invalid, "Difficulty: choose easy, medium or hard, or any.")})
	}
	fp, err := checkFilters(ctx, q, cfg, !badDifficulty)
	if err != nil {
		return nil, schedule.Schedule{}, "", nil, err
	}
	p = append(p, fp...)
	var sch schedule.Schedule
	if clockErr == nil && loc != nil {
		cfg.Clock, cfg.Zone = clock.String(), loc.String()
		sch = schedule.Schedule{Clock: clock, Days: days, Loc: loc}
		cfg.NextDue, cfg.NextDate = Next(sch, in.Now)
	}
	return cfg, sch, warning, p, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// checkFilters refuses filters that match no question, suggesting names,
// and writes the others in their canonical form; with together, it also
// refuses filters that match no question together (not asked when the
// difficulty is already refused: it would match nothing whatever the
// others).
func checkFilters(ctx context.Context, q *store.Questions, cfg *store.DailyConfig, together bool) (Problems, error) {
	var p Problems
	for _, x := range []struct {
		kind  data.Kind
		val   *string
		name  string
		field string
	}{{data.KindCompany, &cfg.Company, "company", FieldCompany}, {data.KindRole, &cfg.Role, "role", FieldRole},
		{data.KindCategory, &cfg.Category, "category", FieldCategory}, {data.KindLevel, &cfg.Level, "level", FieldLevel}} {
		if *x.val == "" {
			continue
		}
		name, ok, err := q.Resolve(ctx, x.kind, cfg.GuildID, *x.val)
		if err != nil {
			return nil, err
		}
		if !ok {
			msg := fmt.Sprintf("No questions have the %s %q.", x.name, bot.Truncate(*x.val, 80))
			if s, err := q.DidYouMean(ctx, x.kind, cfg.GuildID, *x.val, 3); err == nil && len(s) > 0 {
				msg += " Did you mean " + strings.Join(quoteAll(s), ", ") + "?"
			}
			p = append(p, Problem{x.field, errs.E(errs.Invalid, "%s", msg)})
			continue
		}
		*x.val = name
	}
	if len(p) > 0 || !together {
		return p, nil
	}
	n, err := q.Count(ctx, cfg.Filter())
	if err != nil {
		return nil, err
	}
	if n == 0 {
		p = append(p, Problem{FieldFilters, errs.E(errs.Invalid, "No question matches %s together. Remove a filter and try again.", FilterText(cfg))})
	}
	return p, nil
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strconv.Quote(v)
	}
	return out
}

// FilterText describes a feed's filters: "company Google, difficulty hard".
func FilterText(cfg *store.DailyConfig) string {
	var parts []string
	for _, p := range [][2]string{{"company", cfg.Company}, {"role", cfg.Role}, {"category", cfg.Category}, {"level", cfg.Level}, {"difficulty", cfg.Difficulty}} {
		if p[1] != "" {
			parts = append(parts, p[0]+" "+bot.Truncate(p[1], 80))
		}
	}
	return strings.Join(parts, ", ")
}

// ScheduleOf reads a stored feed's schedule.
func ScheduleOf(c *store.DailyConfig) (schedule.Schedule, error) {
	loc, err := schedule.LoadZone(c.Zone)
	if err != nil {
		return schedule.Schedule{}, err
	}
	clock, err := schedule.ParseClock(c.Clock)
	if err != nil {
		return schedule.Schedule{}, err
	}
	return schedule.Schedule{Clock: clock, Days: schedule.Weekdays(c.Days), Loc: loc}, nil
}

// Next is a schedule's next post after now, as stored: unix ms (0: none)
// and local date ("": none).
func Next(sch schedule.Schedule, now time.Time) (int64, string) {
	due, date := sch.NextAfter(now)
	return UnixMilliOrZero(due), DateOrEmpty(date)
}

// UnixMilliOrZero is t in unix ms, 0 for the zero time.
func UnixMilliOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// DateOrEmpty is d as stored, "" for the zero date.
func DateOrEmpty(d schedule.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// AuditDetail describes a feed just set up (added, or changed), for the
// audit line.
func AuditDetail(cfg *store.DailyConfig, added bool) string {
	verb := "changed"
	if added {
		verb = "added"
	}
	d := fmt.Sprintf("feed %s %s: channel %s, %s (%s), %s", cfg.Feed, verb, cfg.ChannelID, cfg.Clock, cfg.Zone, schedule.Weekdays(cfg.Days))
	if ft := FilterText(cfg); ft != "" {
		d += "; questions: " + ft
	}
	return d
}
