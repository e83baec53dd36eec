package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestCustomIDRoundTrip(t *testing.T) {
	tests := []struct {
		route string
		args  []string
	}{
		{"q1/solution", []string{"tiktok-mle-internship-research"}},
		{"q1/another", []string{"tik tok", "", "a/b", "🙂"}},
		{"m1/feedback", []string{"42"}},
		{"h1/close", nil},
	}
	for _, tt := range tests {
		id := CustomID(tt.route, tt.args...)
		route, args, err := ParseCustomID(id)
		if err != nil || route != tt.route || strings.Join(args, "|") != strings.Join(tt.args, "|") {
			t.Errorf("%q -> %q %q %v", id, route, args, err)
		}
	}
}

func TestParseCustomIDRejects(t *testing.T) {
	for _, id := range []string{"", "q1", "/x", "q1//a", strings.Repeat("a/", 60), "q1/x/%zz"} {
		if _, _, err := ParseCustomID(id); err == nil {
			t.Errorf("ParseCustomID(%q) accepted", id)
		}
	}
}

func FuzzParseCustomID(f *testing.F) {
	f.Add("q1/solution/abc")
	f.Add("m1/feedback/1/%2F")
	f.Fuzz(func(t *testing.T, id string) {
		route, args, err := ParseCustomID(id)
		if err != nil {
			return
		}
		if len(id) > MaxCustomID || !strings.Contains(route, "/") {
			t.Fatalf("accepted %q", id)
		}
		_ = args
	})
}

func TestRouteBuildsAndNamesItsArguments(t *testing.T) {
	tests := []struct {
		route  Route
		key    string
		params []string
		args   []string
		id     string
	}{
		{"q1/solution/{question}", "q1/solution", []string{"question"}, []string{"a b"}, "q1/solution/a%20b"},
		{"m1/feedback/{pairing}/{target}", "m1/feedback", []string{"pairing", "target"}, []string{"42", "7"}, "m1/feedback/42/7"},
		{"h1/close", "h1/close", nil, nil, "h1/close"},
		{"s1/approve/{suggestion}/{names?}", "s1/approve", []string{"suggestion", "names"}, []string{"3"}, "s1/approve/3"},
		{"s1/approve/{suggestion}/{names?}", "s1/approve", []string{"suggestion", "names"}, []string{"3", "keep"}, "s1/approve/3/keep"},
	}
	for _, tt := range tests {
		if got := tt.route.Key(); got != tt.key {
			t.Errorf("%s: key %q, want %q", tt.route, got, tt.key)
		}
		if got := tt.route.Params(); strings.Join(got, ",") != strings.Join(tt.params, ",") {
			t.Errorf("%s: params %q, want %q", tt.route, got, tt.params)
		}
		if got := tt.route.ID(tt.args...); got != tt.id {
			t.Errorf("%s: id %q, want %q", tt.route, got, tt.id)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("an id with too few arguments did not panic")
		}
	}()
	Route("m1/feedback/{pairing}/{target}").ID("42")
}

func TestRouterTakesOptionalArguments(t *testing.T) {
	r := NewRouter(nil)
	r.Component("s1/approve/{suggestion}/{names?}", func(*Ctx) error { return nil })
	for _, tt := range []struct {
		id, suggestion, names string
		ok                    bool
	}{
		{"s1/approve/3", "3", "", true},
		{"s1/approve/3/keep", "3", "keep", true},
		{"s1/approve", "", "", false},
		{"s1/approve/3/keep/x", "", "", false},
	} {
		c := &Ctx{I: &discordgo.InteractionCreate{Interaction: &discordgo.Interaction{Type: discordgo.InteractionMessageComponent,
			Data: discordgo.MessageComponentInteractionData{CustomID: tt.id}}}}
		rt, _ := r.match(c)
		if (rt != nil) != tt.ok {
			t.Errorf("%s: routed %v, want %v", tt.id, rt != nil, tt.ok)
			continue
		}
		if tt.ok && (c.Var("suggestion") != tt.suggestion || c.Var("names") != tt.names) {
			t.Errorf("%s: suggestion %q names %q", tt.id, c.Var("suggestion"), c.Var("names"))
		}
	}
}
