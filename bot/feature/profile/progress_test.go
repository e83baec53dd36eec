package profile_test

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/bottest"
)

// embedTitles lists m's embed titles.
func embedTitles(m *discordgo.Message) []string {
	var out []string
	for _, e := range m.Embeds {
		out = append(out, e.Title)
	}
	return out
}

// Progress by topic is for members who rated, on their own profile only:
// a member who never rated, and anyone looking at another's profile, see
// /profile as before (one embed per section, the activity picture alone).
func TestProfileProgressOnlyForTheRaterThemself(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	// Bob has practised but never rated.
	h.Run("bob", "/question company:tiktok")
	before := h.Run("bob", "/profile")
	if len(before.Attachments) != 1 || before.Attachments[0].Filename != "activity.png" || strings.Contains(bottest.Text(before), "Progress by topic") {
		t.Fatalf("a member who never rated: %v %v", embedTitles(before), before.Attachments)
	}
	// Alice rates one question Good.
	q := h.Run("alice", "/question company:tiktok")
	_, in := h.Click("alice", q, "Solution")
	msgs := in.Messages()
	sol := msgs[len(msgs)-1]
	for _, l := range bottest.Labels(sol) {
		if strings.HasPrefix(l, "Good") {
			h.Click("alice", sol, l)
		}
	}
	own := h.Run("alice", "/profile")
	if len(own.Attachments) != 2 || own.Attachments[1].Filename != "progress.png" {
		t.Fatalf("alice's own profile files: %+v", own.Attachments)
	}
	found := false
	for _, e := range own.Embeds {
		if e.Title == "Progress by topic" && e.Image != nil && e.Image.URL == "attachment://progress.png" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no progress section: %v", embedTitles(own))
	}
	// Bob looking at alice sees what a profile of someone else showed
	// before: no progress, one picture.
	other := h.Run("bob", "/profile user:@alice")
	if len(other.Attachments) != 1 || strings.Contains(bottest.Text(other), "Progress by topic") {
		t.Fatalf("bob sees alice's progress: %v %v", embedTitles(other), other.Attachments)
	}
	// And bob's own profile is unchanged by alice's ratings.
	after := h.Run("bob", "/profile")
	if strings.Join(embedTitles(after), "|") != strings.Join(embedTitles(before), "|") || len(after.Attachments) != 1 {
		t.Fatalf("bob's profile changed: %v -> %v", embedTitles(before), embedTitles(after))
	}
}
