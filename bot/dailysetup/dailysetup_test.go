package dailysetup_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/dailysetup"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/data/datatest"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/pgtest"
	"github.com/prepcord/prepcord/store"
)

// TestMain runs the package's tests on SQLite, then again on PostgreSQL.
func TestMain(m *testing.M) { pgtest.Main(m) }

const nameRule = "Feed: a feed's name is 1 to 20 letters, digits, `-` or `_`, e.g. `swe` or `ml-daily`."

func TestFeedName(t *testing.T) {
	tests := []struct {
		in, want string // want "" for a refusal with nameRule
	}{
		{"swe", "swe"},
		{"  ML-Daily ", "ml-daily"},
		{"sql_2", "sql_2"},
		{"名前", "名前"},
		{strings.Repeat("a", dailysetup.MaxFeedName), strings.Repeat("a", dailysetup.MaxFeedName)},
		{strings.Repeat("é", dailysetup.MaxFeedName), strings.Repeat("é", dailysetup.MaxFeedName)},
		{strings.Repeat("a", dailysetup.MaxFeedName+1), ""},
		{strings.Repeat("x", 100000), ""},
		{"", ""},
		{"   ", ""},
		{"two words", ""},
		{"tab\tname", ""},
		{"nul\x00", ""},
		{"bell\a", ""},
		{"rtl\u202e", ""},
		{"emoji🔥", ""},
		{"<@123>", ""},
		{"a.b", ""},
	}
	for _, tt := range tests {
		got, err := dailysetup.FeedName(tt.in)
		switch {
		case tt.want != "" && (err != nil || got != tt.want):
			t.Errorf("FeedName(%.30q) = %q, %v; want %q", tt.in, got, err, tt.want)
		case tt.want == "" && (errs.CodeOf(err) != errs.Invalid || errs.Message(err) != nameRule || got != ""):
			t.Errorf("FeedName(%.30q) = %q, %v; want the refusal %q", tt.in, got, err, nameRule)
		}
	}
}

// checkStore is a store with a bank of 100 questions over 5 companies:
// TikTok's are all Coding & Algorithms; no question has a level.
func checkStore(t *testing.T) *store.Store { return bottest.NewStore(t, datatest.Bank(100, 5)) }

func TestCheckAcceptsAndWritesCanonically(t *testing.T) {
	st := checkStore(t)
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC) // a Thursday
	in := dailysetup.Input{GuildID: "g", Feed: "swe", ChannelID: "c", Time: "9am", Zone: "Europe/Berlin", Days: "mon-fri",
		PingRole: "g", Company: "  tik tok ", Category: "coding & algorithms", Difficulty: "hard", By: "admin", Now: now}
	cfg, sch, warning, problems, err := dailysetup.Check(context.Background(), st.Questions, in)
	if err != nil || len(problems) != 0 || warning != "" {
		t.Fatalf("Check: %v %v %q", problems, err, warning)
	}
	if cfg.Company != "TikTok" || cfg.Category != "Coding & Algorithms" || cfg.Clock != "09:00" || cfg.Zone != "Europe/Berlin" ||
		schedule.Weekdays(cfg.Days).String() != schedule.Weekdays(sch.Days).String() || cfg.PingRole != "" || cfg.UpdatedBy != "admin" {
		t.Fatalf("config %+v", cfg)
	}
	// Friday 4 December, 09:00 in Berlin (08:00 UTC).
	if want := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC).UnixMilli(); cfg.NextDue != want || cfg.NextDate != "2026-12-04" {
		t.Fatalf("next post %d %q, want %d 2026-12-04", cfg.NextDue, cfg.NextDate, want)
	}
	if got := dailysetup.FilterText(cfg); got != "company TikTok, category Coding & Algorithms, difficulty hard" {
		t.Errorf("FilterText: %q", got)
	}
	if got := dailysetup.AuditDetail(cfg, true); !strings.HasPrefix(got, "feed swe added: channel c, 09:00 (Europe/Berlin), ") ||
		!strings.HasSuffix(got, "; questions: company TikTok, category Coding & Algorithms, difficulty hard") {
		t.Errorf("AuditDetail: %q", got)
	}
	back, err := dailysetup.ScheduleOf(cfg)
	if err != nil || back.Clock != sch.Clock || back.Loc.String() != "Europe/Berlin" {
		t.Errorf("ScheduleOf: %+v %v", back, err)
	}
	// Control characters in a name are folded away like blanks: the
	// bank's own spelling is stored.
	in.Role = "data\x00scientist\t"
	if cfg, _, _, problems, _ := dailysetup.Check(context.Background(), st.Questions, in); len(problems) != 0 || cfg.Role != "Data Scientist" {
		t.Errorf("role with control characters: %v, stored %q", problems, cfg.Role)
	}
	// A zone that follows no place's clock is accepted with advice.
	in.Zone = "Etc/GMT-3"
	if _, _, warning, problems, _ := dailysetup.Check(context.Background(), st.Questions, in); len(problems) != 0 || warning == "" {
		t.Errorf("Etc/GMT-3: %v, warning %q", problems, warning)
	}
}

func TestCheckRefusals(t *testing.T) {
	st := checkStore(t)
	good := dailysetup.Input{GuildID: "g", Feed: "swe", ChannelID: "c", Time: "09:00", Zone: "UTC", Days: "every day", Now: time.Now()}
	huge := strings.Repeat("x", 5000)
	tests := []struct {
		name  string
		mod   func(*dailysetup.Input)
		field string
		msg   string // the exact message, or its start when it ends in "…"
	}{
		{"hour 25", func(in *dailysetup.Input) { in.Time = "25:00" }, dailysetup.FieldTime, `Time: "25:00": …`},
		{"words", func(in *dailysetup.Input) { in.Time = "nine" }, dailysetup.FieldTime, `Time: "nine": …`},
		{"no time", func(in *dailysetup.Input) { in.Time = "" }, dailysetup.FieldTime, "Time: …"},
		{"control characters in the time", func(in *dailysetup.Input) { in.Time = "9\x00am" }, dailysetup.FieldTime, "Time: …"},
		{"huge time", func(in *dailysetup.Input) { in.Time = huge }, dailysetup.FieldTime, "Time: …"},
		{"unknown zone", func(in *dailysetup.Input) { in.Zone = "Mars/Olympus_Mons" }, dailysetup.FieldZone, "Time zone: …"},
		{"no zone", func(in *dailysetup.Input) { in.Zone = "" }, dailysetup.FieldZone,
			`Time zone: no time zone given; use an IANA name such as "Europe/London" or "America/New_York", or "UTC"`},
		{"host zone", func(in *dailysetup.Input) { in.Zone = "Local" }, dailysetup.FieldZone,
			`Time zone: "Local" depends on the host; use an IANA name such as "Europe/London", or "UTC"`},
		{"huge zone", func(in *dailysetup.Input) { in.Zone = huge }, dailysetup.FieldZone, "Time zone: …"},
		{"zone with a path", func(in *dailysetup.Input) { in.Zone = "../../etc/passwd" }, dailysetup.FieldZone, "Time zone: …"},
		{"no such day", func(in *dailysetup.Input) { in.Days = "funday" }, dailysetup.FieldDays, "Days: …"},
		{"open range", func(in *dailysetup.Input) { in.Days = "mon-" }, dailysetup.FieldDays, "Days: …"},
		{"difficulty", func(in *dailysetup.Input) { in.Difficulty = "extreme" }, dailysetup.FieldDifficulty,
			"Difficulty: choose easy, medium or hard, or any."},
		{"difficulty in capitals", func(in *dailysetup.Input) { in.Difficulty = "HARD" }, dailysetup.FieldDifficulty,
			"Difficulty: choose easy, medium or hard, or any."},
		{"near company", func(in *dailysetup.Input) { in.Company = "TikTo" }, dailysetup.FieldCompany,
			`No questions have the company "TikTo". Did you mean "TikTok"?`},
		{"unknown company", func(in *dailysetup.Input) { in.Company = "Nope Incorporated" }, dailysetup.FieldCompany,
			`No questions have the company "Nope Incorporated".`},
		{"huge company", func(in *dailysetup.Input) { in.Company = huge }, dailysetup.FieldCompany,
			`No questions have the company "` + strings.Repeat("x", 79) + `…".`},
		{"only control characters", func(in *dailysetup.Input) { in.Role = "\x00\x01\x7f" }, dailysetup.FieldRole,
			`No questions have the role "\x00\x01\x7f".`},
		{"no such level", func(in *dailysetup.Input) { in.Level = "senior" }, dailysetup.FieldLevel, `No questions have the level "senior".`},
		{"near category", func(in *dailysetup.Input) { in.Category = "Sistem Design" }, dailysetup.FieldCategory,
			`No questions have the category "Sistem Design". Did you mean "System Design"?`},
		{"together nothing", func(in *dailysetup.Input) { in.Company = "TikTok"; in.Category = "System Design" }, dailysetup.FieldFilters,
			"No question matches company TikTok, category System Design together. Remove a filter and try again."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good
			tt.mod(&in)
			_, _, _, problems, err := dailysetup.Check(context.Background(), st.Questions, in)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != 1 || problems[0].Field != tt.field || errs.CodeOf(problems[0].Err) != errs.Invalid {
				t.Fatalf("problems %v, want one about %s", problems, tt.field)
			}
			got := problems.For(tt.field)
			if prefix, ok := strings.CutSuffix(tt.msg, "…"); ok && !strings.HasPrefix(got, prefix) || !ok && got != tt.msg {
				t.Errorf("message %q, want %q", got, tt.msg)
			}
			if problems.First() != problems[0].Err || problems.For("nothing") != "" {
				t.Errorf("First/For: %v", problems)
			}
		})
	}
}

// TestCheckListsEveryProblemInOrder: several bad fields are all refused,
// in /daily setup's order, and the first is what /daily setup replies.
func TestCheckListsEveryProblemInOrder(t *testing.T) {
	st := checkStore(t)
	in := dailysetup.Input{GuildID: "g", Feed: "swe", Time: "99", Zone: "Nowhere/Town", Days: "none of them", Difficulty: "x", Company: "Nope", Now: time.Now()}
	_, _, _, problems, err := dailysetup.Check(context.Background(), st.Questions, in)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, p := range problems {
		fields = append(fields, p.Field)
	}
	want := []string{dailysetup.FieldTime, dailysetup.FieldZone, dailysetup.FieldDays, dailysetup.FieldDifficulty, dailysetup.FieldCompany}
	if strings.Join(fields, ",") != strings.Join(want, ",") {
		t.Fatalf("fields %v, want %v", fields, want)
	}
	if !strings.HasPrefix(errs.Message(problems.First()), "Time: ") {
		t.Errorf("first: %v", problems.First())
	}
	if (dailysetup.Problems{}).First() != nil {
		t.Error("no problems, yet a first one")
	}
}

func TestNextAndStoredForms(t *testing.T) {
	if dailysetup.UnixMilliOrZero(time.Time{}) != 0 || dailysetup.DateOrEmpty(schedule.Date{}) != "" {
		t.Error("zero values are not stored as none")
	}
	clock, _ := schedule.ParseClock("23:30")
	sch := schedule.Schedule{Clock: clock, Days: schedule.EveryDay, Loc: time.UTC}
	due, date := dailysetup.Next(sch, time.Date(2026, 12, 3, 23, 30, 0, 0, time.UTC))
	if date != "2026-12-04" || due != time.Date(2026, 12, 4, 23, 30, 0, 0, time.UTC).UnixMilli() {
		t.Errorf("next after a post's own minute: %d %s", due, date)
	}
	if _, err := dailysetup.ScheduleOf(&store.DailyConfig{Clock: "09:00", Zone: "Not/AZone"}); err == nil {
		t.Error("a stored zone that no longer exists reads")
	}
	if _, err := dailysetup.ScheduleOf(&store.DailyConfig{Clock: "9 o'clock", Zone: "UTC"}); err == nil {
		t.Error("a stored clock that does not parse reads")
	}
}
