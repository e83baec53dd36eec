package bot

import (
	"strings"
	"testing"
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
