package daily_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/feature/daily"
	"github.com/prepcord/prepcord/store"
)

// champ is a server with a daily feed in zone and a Champion role set
// with /daily champion, prepcord's own role above it with Manage Roles.
type champ struct {
	h     *bottest.Harness
	guild string
	ch    *discordgo.Channel
	role  *discordgo.Role
	loc   *time.Location
}

// newChamp sets it up on 15 October 2026 at noon in zone.
func newChamp(t *testing.T, zone string) *champ {
	t.Helper()
	h := newHarness(t, bottest.Options{})
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	h.Clock.Set(time.Date(2026, 10, 15, 12, 0, 0, 0, loc))
	c := &champ{h: h, guild: h.Srv.DefaultGuild().ID, loc: loc}
	c.ch = setupDaily(t, h, "10:00", zone, "")
	c.botRole(t, discordgo.PermissionManageRoles, 10)
	if c.role, err = h.Srv.AddRole(c.guild, "Champion", 0); err != nil {
		t.Fatal(err)
	}
	mustReply(t, h.Run("owner", "/daily champion role:@Champion"))
	return c
}

// botRole gives prepcord's role the permission perm (0: takes Manage
// Roles away) and the position pos.
func (c *champ) botRole(t *testing.T, perm int64, pos int) {
	t.Helper()
	err := c.h.Srv.UpdateRole(c.guild, c.h.Srv.BotUser().Username, func(r *discordgo.Role) {
		r.Permissions = r.Permissions&^discordgo.PermissionManageRoles | perm
		r.Position = pos
	})
	if err != nil {
		t.Fatal(err)
	}
}

// answered records that user (made a member) answered on local dates,
// at noon local time each.
func (c *champ) answered(t *testing.T, user string, dates ...string) string {
	t.Helper()
	id := c.h.Srv.AddUser(user).ID
	if _, err := c.h.Srv.AddMember(c.guild, id); err != nil {
		t.Fatal(err)
	}
	for _, d := range dates {
		at, err := time.ParseInLocation(time.DateOnly, d, c.loc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.h.Store.History.RecordParticipation(context.Background(), c.guild, id, d, 1, at.Add(12*time.Hour).UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// hasRole reports whether a member holds the Champion role.
func (c *champ) hasRole(user string) bool {
	m := c.h.Srv.Member(c.guild, c.h.Srv.User(user).ID)
	return m != nil && slices.Contains(m.Roles, c.role.ID)
}

// announcements returns the champion announcements in the feed's channel.
func (c *champ) announcements() []*discordgo.Message {
	var out []*discordgo.Message
	for _, m := range c.h.Srv.Messages(c.ch.ID) {
		if strings.Contains(m.Content, "champion of") {
			out = append(out, m)
		}
	}
	return out
}

// roleCalls counts the member role calls prepcord made.
func (c *champ) roleCalls() int {
	n := 0
	for _, r := range c.h.Srv.Requests() {
		if strings.Contains(r.Route, "/roles/{rid}") {
			n++
		}
	}
	return n
}

func (c *champ) at(t *testing.T, y int, m time.Month, d, hh, mm int) {
	t.Helper()
	c.h.Clock.Set(time.Date(y, m, d, hh, mm, 0, 0, c.loc))
}

// The champion role moves at the start of each month in the server's zone
// (Auckland, 13 hours ahead of UTC): October's top member gets it at
// Auckland's midnight, not a minute before, once, whoever sweeps and
// however often, including a restarted process; at the start of December
// November's champion gets it and October's loses it. The announcement
// mentions the champion only.
func TestChampionAwardedOnceAtLocalMonthStart(t *testing.T) {
	c := newChamp(t, "Pacific/Auckland")
	h := c.h
	alice := c.answered(t, "alice", "2026-10-02", "2026-10-03", "2026-10-31")
	c.answered(t, "bob", "2026-10-05", "2026-10-06", "2026-11-01", "2026-11-02", "2026-11-03")
	c.at(t, 2026, 10, 31, 23, 59)
	sweep(t, h)
	if c.hasRole("alice") || len(c.announcements()) != 0 {
		t.Fatal("awarded before the month ended in Auckland")
	}
	c.at(t, 2026, 11, 1, 0, 0) // 11:00 UTC on 31 October
	sweep(t, h)
	if !c.hasRole("alice") || c.hasRole("bob") {
		t.Fatal("October's champion (alice, 3 days) did not get the role alone")
	}
	ann := c.announcements()
	if len(ann) != 1 || !strings.Contains(ann[0].Content, "<@"+alice+">") || !strings.Contains(ann[0].Content, "October 2026") ||
		!strings.Contains(ann[0].Content, "3 days") {
		t.Fatalf("announcements: %+v", ann)
	}
	for _, r := range h.Srv.Requests() {
		if r.Route == "POST /channels/{id}/messages" && strings.Contains(string(r.Body), "champion of") {
			var body struct {
				AllowedMentions struct {
					Parse []string `json:"parse"`
					Users []string `json:"users"`
					Roles []string `json:"roles"`
				} `json:"allowed_mentions"`
			}
			if err := json.Unmarshal(r.Body, &body); err != nil {
				t.Fatal(err)
			}
			if len(body.AllowedMentions.Parse) != 0 || len(body.AllowedMentions.Roles) != 0 || !slices.Equal(body.AllowedMentions.Users, []string{alice}) {
				t.Errorf("the announcement may mention more than the champion: %s", r.Body)
			}
		}
	}
	if status := messageText(h.Run("owner", "/daily status")); !strings.Contains(status, "October 2026 — <@"+alice+"> (3 days answered)") {
		t.Errorf("/daily status lacks the last champion:\n%s", status)
	}
	calls := c.roleCalls()
	// More sweeps, and a restarted process, change nothing.
	again := h.Process(nil, assemble.Options{})
	for range 3 {
		c.h.Clock.Advance(time.Hour)
		sweep(t, h)
		sweepWith(t, h, again.RunDue)
	}
	if len(c.announcements()) != 1 || c.roleCalls() != calls {
		t.Fatalf("%d announcements, %d role calls after more sweeps (want 1, %d)", len(c.announcements()), c.roleCalls(), calls)
	}
	c.at(t, 2026, 11, 30, 23, 59)
	sweep(t, h)
	if c.hasRole("bob") {
		t.Fatal("November awarded early")
	}
	c.at(t, 2026, 12, 1, 0, 1)
	sweepWith(t, h, again.RunDue)
	if !c.hasRole("bob") || c.hasRole("alice") {
		t.Fatalf("December: bob has the role %v, alice %v; want bob only", c.hasRole("bob"), c.hasRole("alice"))
	}
	if n := len(c.announcements()); n != 2 {
		t.Fatalf("%d announcements, want 2", n)
	}
}

// Two prepcord processes on one database, sweeping at the same moment at
// the month's start, award the champion once.
func TestChampionTwoProcessesAwardOnce(t *testing.T) {
	c := newChamp(t, "UTC")
	c.answered(t, "alice", "2026-10-02")
	other := c.h.Process(nil, assemble.Options{})
	c.at(t, 2026, 11, 1, 0, 0)
	var wg sync.WaitGroup
	for _, run := range []func(context.Context) error{c.h.Bot.RunDue, other.RunDue, c.h.Bot.RunDue, other.RunDue} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if !c.hasRole("alice") || len(c.announcements()) != 1 {
		t.Fatalf("role %v, %d announcements; want the role and 1", c.hasRole("alice"), len(c.announcements()))
	}
	awards, err := c.h.Store.Champions.Awards(context.Background(), c.guild, 10)
	if err != nil || len(awards) != 1 || awards[0].State != store.AwardDone {
		t.Fatalf("awards %+v %v", awards, err)
	}
}

// prepcord down over the month's end awards the champion late, once, when
// it starts; a process that dies after claiming the award is replaced by
// one that finishes it, once.
func TestChampionLateAfterDowntimeAndCrash(t *testing.T) {
	c := newChamp(t, "Asia/Kolkata")
	c.answered(t, "alice", "2026-10-02", "2026-10-03")
	c.at(t, 2026, 11, 3, 9, 0) // down from 15 October to 3 November
	st := c.h.Store
	dead := daily.New(c.h.Bot.Env(), st.Daily, st.Questions, st.History, st.Reviews, st.Suggestions, daily.Config{Champions: st.Champions},
		daily.WithHook(func(stage string, _ *store.DailyPost) bool { return stage == "champion-claimed" }))
	if err := dead.Sweep(context.Background()); !errors.Is(err, daily.ErrCrashed) {
		t.Fatalf("sweep: %v, want the simulated crash", err)
	}
	if c.hasRole("alice") {
		t.Fatal("the dead process gave the role")
	}
	c.h.Clock.Advance(time.Minute)
	sweep(t, c.h)
	if c.hasRole("alice") {
		t.Fatal("the award was taken from its claimer before the claim went stale")
	}
	c.h.Clock.Advance(3 * time.Minute)
	sweep(t, c.h)
	sweep(t, c.h)
	if !c.hasRole("alice") || len(c.announcements()) != 1 {
		t.Fatalf("late award: role %v, %d announcements; want the role and 1", c.hasRole("alice"), len(c.announcements()))
	}
	if !strings.Contains(c.announcements()[0].Content, "October 2026") {
		t.Errorf("announcement: %s", c.announcements()[0].Content)
	}
}

// fakeBest is a best-answer source with fixed counts per member name.
type fakeBest struct {
	h      *bottest.Harness
	counts map[string]int
	asked  []string
}

func (f *fakeBest) BestAnswerCounts(_ context.Context, _, from, to string) (map[string]int, error) {
	f.asked = append(f.asked, from+".."+to)
	out := map[string]int{}
	for name, n := range f.counts {
		out[f.h.Srv.User(name).ID] = n
	}
	return out, nil
}

// The ranking: most days answered, then most best answers (from the
// best-answer source, for the month's dates), then whoever reached the
// count first.
func TestChampionRankingTieBreaks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		counts map[string]int
		want   string
	}{
		{"more days beat best answers", map[string]int{"bob": 5}, "carol"},
		{"best answers break a tie of days", map[string]int{"alice": 1, "bob": 2}, "bob"},
		{"then the first to reach the count", map[string]int{"alice": 1, "bob": 1}, "alice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChamp(t, "Europe/Berlin")
			c.answered(t, "alice", "2026-10-01", "2026-10-02")
			c.answered(t, "bob", "2026-10-01", "2026-10-03")
			carol := []string{"2026-10-01", "2026-10-02", "2026-10-03"}
			if tc.want != "carol" {
				carol = carol[:1]
			}
			c.answered(t, "carol", carol...)
			best := &fakeBest{h: c.h, counts: tc.counts}
			st := c.h.Store
			f := daily.New(c.h.Bot.Env(), st.Daily, st.Questions, st.History, st.Reviews, st.Suggestions,
				daily.Config{Champions: st.Champions, BestAnswers: best})
			c.at(t, 2026, 11, 1, 0, 0)
			sweepWith(t, c.h, f.Sweep)
			for _, u := range []string{"alice", "bob", "carol"} {
				if c.hasRole(u) != (u == tc.want) {
					t.Errorf("%s has the role: %v (want %s only)", u, c.hasRole(u), tc.want)
				}
			}
			if !slices.Equal(best.asked, []string{"2026-10-01..2026-10-31"}) {
				t.Errorf("best answers asked for %v", best.asked)
			}
		})
	}
}

// /daily champion refuses a role prepcord cannot give, saying why and
// storing nothing, and refuses members without Manage Server.
func TestChampionRoleChecks(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	setupDaily(t, h, "09:00", "UTC", "")
	guild := h.Srv.DefaultGuild().ID
	c := &champ{h: h, guild: guild}
	if _, err := h.Srv.AddRole(guild, "Champion", 0); err != nil {
		t.Fatal(err)
	}
	check := func(line, want string) {
		t.Helper()
		msg := mustFail(t, h.Run("owner", line))
		if !strings.Contains(msg, want) {
			t.Errorf("%s: %q, want it to say %q", line, msg, want)
		}
		if set, err := h.Store.Champions.Champion(context.Background(), guild); err != nil || set != nil {
			t.Errorf("%s stored %+v (%v)", line, set, err)
		}
	}
	// prepcord's role is below Champion and lacks Manage Roles.
	check("/daily champion role:@Champion", "Manage Roles")
	c.botRole(t, discordgo.PermissionManageRoles, 1)
	check("/daily champion role:@Champion", "drag prepcord's role above")
	c.botRole(t, discordgo.PermissionManageRoles, 20)
	check("/daily champion role:<@&"+guild+">", "@everyone cannot")
	check("/daily champion role:@"+h.Srv.BotUser().Username, "belongs to an integration")
	check("/daily champion role:@Champion clear:true", "not both")
	h.Srv.AddUser("alice")
	if msg := mustFail(t, h.Run("alice", "/daily champion role:@Champion")); !strings.Contains(msg, "Manage Server") {
		t.Errorf("non-admin: %q", msg)
	}
	if set, _ := h.Store.Champions.Champion(context.Background(), guild); set != nil {
		t.Fatal("a non-admin set the champion role")
	}
	mustReply(t, h.Run("owner", "/daily champion role:@Champion"))
	if got := mustReply(t, h.Run("owner", "/daily champion")); !strings.Contains(got, "Champion role: <@&") {
		t.Errorf("/daily champion shows %q", got)
	}
	if got := mustReply(t, h.Run("owner", "/daily champion clear:true")); !strings.Contains(got, "off") {
		t.Errorf("clear: %q", got)
	}
	if set, _ := h.Store.Champions.Champion(context.Background(), guild); set != nil {
		t.Fatal("clear:true left the setting")
	}
	if got := mustReply(t, h.Run("owner", "/daily champion")); !strings.Contains(got, "No champion role is set") {
		t.Errorf("after clear: %q", got)
	}
}

// At award time, a deleted role, a champion who left, or a permission
// taken away is recorded, shown in /daily status, told in the review
// channel, and not retried; nobody crashes.
func TestChampionAwardErrorsRecordedNotRetried(t *testing.T) {
	for _, tc := range []struct {
		name   string
		break_ func(t *testing.T, c *champ)
		want   string
	}{
		{"role deleted", func(t *testing.T, c *champ) {
			if err := c.h.Srv.DeleteRole(c.guild, c.role.ID); err != nil {
				t.Fatal(err)
			}
		}, "the role no longer exists"},
		{"member left", func(t *testing.T, c *champ) {
			if err := c.h.Srv.RemoveMember(c.guild, c.h.Srv.User("alice").ID); err != nil {
				t.Fatal(err)
			}
		}, "has left the server"},
		{"Manage Roles taken away", func(t *testing.T, c *champ) { c.botRole(t, 0, 10) }, "needs Manage Roles"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChamp(t, "America/New_York")
			review := dailyChannel(t, c.h, "review")
			if err := c.h.Store.Suggestions.SetReviewChannel(context.Background(), c.guild, review.ID); err != nil {
				t.Fatal(err)
			}
			c.answered(t, "alice", "2026-10-10")
			tc.break_(t, c)
			c.at(t, 2026, 11, 1, 0, 0)
			sweep(t, c.h)
			calls := c.roleCalls()
			for range 3 {
				c.h.Clock.Advance(5 * time.Minute)
				sweep(t, c.h)
			}
			if c.roleCalls() != calls || calls == 0 {
				t.Fatalf("%d role calls, then %d: retried", calls, c.roleCalls())
			}
			if len(c.announcements()) != 0 {
				t.Fatal("announced a champion who did not get the role")
			}
			status := messageText(c.h.Run("owner", "/daily status"))
			if !strings.Contains(status, tc.want) {
				t.Errorf("/daily status lacks %q:\n%s", tc.want, status)
			}
			told := c.h.Srv.Messages(review.ID)
			if len(told) != 1 || !strings.Contains(told[0].Content, tc.want) {
				t.Errorf("review channel: %d messages, want 1 saying %q", len(told), tc.want)
			}
		})
	}
}
