package shard

import (
	"slices"
	"strings"
	"testing"
)

// TestOf checks Discord's rule, (guild_id >> 22) % shard_count, against
// ids worked out independently (Python's arbitrary-precision integers),
// and that direct messages go to shard 0.
func TestOf(t *testing.T) {
	counts := []int{1, 2, 3, 4, 16}
	for _, tc := range []struct {
		guild string
		want  []int // for counts 1, 2, 3, 4, 16
	}{
		{"41771983423143937", []int{0, 0, 0, 2, 6}}, // the Discord Developers server, from Discord's docs
		{"81384788765712384", []int{0, 0, 1, 2, 2}}, // Discord API
		{"613425648685547541", []int{0, 0, 2, 0, 8}},
		{"1234567890123456789", []int{0, 1, 1, 3, 7}},
		{"175928847299117063", []int{0, 0, 2, 0, 4}},
		{"4194303", []int{0, 0, 0, 0, 0}}, // the last id of the first 4 ms
		{"4194304", []int{0, 1, 1, 1, 1}}, // the first id shifted to 1
		{"", []int{0, 0, 0, 0, 0}},        // a direct message
	} {
		for i, n := range counts {
			if got := Of(tc.guild, n); got != tc.want[i] {
				t.Errorf("Of(%q, %d) = %d, want %d", tc.guild, n, got, tc.want[i])
			}
		}
	}
}

func TestSetOwns(t *testing.T) {
	s := Set{Count: 4, IDs: []int{0, 2}}
	for g, want := range map[string]bool{
		"41771983423143937":   true,  // shard 2
		"81384788765712384":   true,  // shard 2
		"613425648685547541":  true,  // shard 0
		"1234567890123456789": false, // shard 3
		"4194304":             false, // shard 1
		"":                    true,  // DMs: shard 0
	} {
		if got := s.Owns(g); got != want {
			t.Errorf("%v.Owns(%q) = %v, want %v", s, g, got, want)
		}
	}
	if !(Set{}).Owns("4194304") || !All(3).Owns("4194304") {
		t.Error("the zero set and a set of every shard own every server")
	}
	if (Set{Count: 2, IDs: []int{1}}).Owns("") {
		t.Error("direct messages belong to shard 0 only")
	}
}

func TestParseIDs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		err  string
	}{
		{in: "0-3", want: []int{0, 1, 2, 3}},
		{in: "5", want: []int{5}},
		{in: "0,2,4-6", want: []int{0, 2, 4, 5, 6}},
		{in: " 3 , 1-2 ,1", want: []int{1, 2, 3}},
		{in: "", err: "empty list"},
		{in: "a", err: `"a" is not a shard number`},
		{in: "1,", err: `"" is not a shard number`},
		{in: "-1", err: `"-1" is not a shard number`},
		{in: "3-1", err: `the range "3-1" is empty`},
		{in: "1-", err: `"1-" is not`},
		{in: "0-99999999", err: "too long"},
		{in: "+1", err: "not a shard number"},
	} {
		got, err := ParseIDs(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseIDs(%q) = %v, %v; want an error with %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseIDs(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestCheck(t *testing.T) {
	if _, err := Check([]int{0, 4}, 4); err == nil || !strings.Contains(err.Error(), "shard 4 is outside the 4 shard(s)") {
		t.Errorf("an id outside the count: %v", err)
	}
	if _, err := Check(nil, 0); err == nil {
		t.Error("a count of 0 is refused")
	}
	s, err := Check(nil, 3)
	if err != nil || !slices.Equal(s.IDs, []int{0, 1, 2}) || !s.Whole() {
		t.Errorf("every shard by default: %v, %v", s, err)
	}
	if got := (Set{Count: 8, IDs: []int{0, 1, 2, 3, 5}}).String(); got != "0-3,5 of 8" {
		t.Errorf("String = %q", got)
	}
	if Bucket(5, 1) != 0 || Bucket(5, 4) != 1 || Bucket(16, 16) != 0 {
		t.Error("bucket = shard_id % max_concurrency")
	}
}
