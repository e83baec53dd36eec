package match

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func fmtGroups(groups []Group, left []Entry) string {
	var parts []string
	for _, g := range groups {
		parts = append(parts, g.Topic+":"+strings.Join(users(g.Members...), "+"))
	}
	return strings.Join(parts, " ") + fmt.Sprintf(" left%v", users(left...))
}

func TestPairRound(t *testing.T) {
	any := topic("")
	tests := []struct {
		name    string
		entries []Entry
		want    string
	}{
		{"nobody", nil, " left[]"},
		{"one member", []Entry{e(1, "a", any)}, " left[a]"},
		{"all take the week's topic", []Entry{e(1, "a", any), e(2, "b", any), e(3, "c", any)}, "coding:a+b+c left[]"},
		{"chosen topics are kept", []Entry{e(1, "a", topic("system-design")), e(2, "b", any), e(3, "c", topic("system-design")), e(4, "d", any)},
			"system-design:a+c coding:b+d left[]"},
		{"choosing the week's topic is like any", []Entry{e(1, "a", topic("coding")), e(2, "b", any)}, "coding:a+b left[]"},
		{"alone in a topic: the week's topic with others alone", []Entry{e(1, "a", topic("system-design")), e(2, "b", topic("product"))},
			"coding:a+b left[]"},
		{"one alone joins the first pair", []Entry{e(1, "a", any), e(2, "b", any), e(3, "c", topic("product"))},
			"coding:a+b+c left[]"},
		{"one alone prefers a pair on the week's topic", []Entry{e(1, "a", topic("product")), e(2, "b", topic("product")), e(3, "c", any), e(4, "d", any), e(5, "x", topic("statistics"))},
			"product:a+b coding:c+d+x left[]"},
		{"else the longest-waiting pair", []Entry{e(1, "a", topic("product")), e(2, "b", topic("product")), e(3, "c", topic("sql-data")), e(4, "d", topic("sql-data")), e(5, "x", topic("statistics"))},
			"product:a+b+x sql-data:c+d left[]"},
		{"one alone with only trios: the trio gives a member", []Entry{e(1, "a", topic("product")), e(2, "b", topic("product")), e(3, "c", topic("product")), e(4, "d", topic("statistics"))},
			"product:a+b coding:c+d left[]"},
		{"several alone pair among themselves", []Entry{e(1, "a", topic("product")), e(2, "b", topic("statistics")), e(3, "c", topic("sql-data")), e(4, "d", any), e(5, "e", any)},
			"coding:d+e coding:a+b+c left[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmtGroups(PairRound(tt.entries, nil, t0, "coding")); got != tt.want {
				t.Errorf("PairRound = %s\n      want %s", got, tt.want)
			}
		})
	}
}

// Every member of a round of two or more is in exactly one group of two
// or three, practising the week's topic or one most of them chose.
func TestPairRoundProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	tps := []string{""}
	for _, tp := range Topics() {
		tps = append(tps, tp.Key)
	}
	for iter := range 300 {
		n := r.IntN(30)
		es := make([]Entry, n)
		for i := range es {
			es[i] = e(int64(i+1), fmt.Sprintf("u%d", i), topic(tps[r.IntN(1+r.IntN(len(tps)))]))
		}
		groups, left := PairRound(es, nil, t0, "coding")
		if n >= 2 && len(left) > 0 || n < 2 && len(left) != n {
			t.Fatalf("iter %d: %d members, left %v", iter, n, users(left...))
		}
		seen := map[string]int{}
		chose := map[string]string{}
		for _, x := range es {
			chose[x.User] = x.Topic
		}
		for _, g := range groups {
			if len(g.Members) < 2 || len(g.Members) > 3 {
				t.Fatalf("iter %d: group of %d", iter, len(g.Members))
			}
			// The week's topic, or one at least two of the group chose.
			choosers := 0
			for _, m := range g.Members {
				seen[m.User]++
				if chose[m.User] == g.Topic {
					choosers++
				}
			}
			if g.Topic != "coding" && choosers < 2 {
				t.Fatalf("iter %d: group %v practises %q, which %d of them chose", iter, users(g.Members...), g.Topic, choosers)
			}
		}
		for _, x := range es {
			if seen[x.User] > 1 || n >= 2 && seen[x.User] != 1 {
				t.Fatalf("iter %d: %s in %d groups", iter, x.User, seen[x.User])
			}
		}
	}
}
