package match

import (
	"testing"
	"time"
)

func zone(z string) func(*Entry) { return func(x *Entry) { x.Zone = z } }

// holding makes an entry hold its preferences until until.
func holding(until time.Time) func(*Entry) { return func(x *Entry) { x.HoldUntil = until } }

func TestZoneMatching(t *testing.T) {
	now := t0.Add(time.Hour)
	held := holding(now.Add(10 * time.Minute))
	relaxed := holding(now.Add(-time.Minute))
	tests := []struct {
		name     string
		newcomer Entry
		waiting  []Entry
		want     string // user, "" for none
	}{
		{"held: a near zone before a longer wait", e(100, "new", zone("Europe/London"), held),
			[]Entry{e(1, "la", zone("America/Los_Angeles"), held), e(2, "paris", zone("Europe/Paris"), held)}, "paris"},
		{"held: a far zone only is no match yet", e(100, "new", zone("Europe/London"), held),
			[]Entry{e(1, "la", zone("America/Los_Angeles"), held)}, ""},
		{"held by the waiting member alone still refuses a far zone", e(100, "new", zone("Europe/London"), relaxed),
			[]Entry{e(1, "tokyo", zone("Asia/Tokyo"), held)}, ""},
		{"relaxed: any zone, nobody starves", e(100, "new", zone("Europe/London"), relaxed),
			[]Entry{e(1, "la", zone("America/Los_Angeles"), relaxed)}, "la"},
		{"relaxed: the near zone is still preferred", e(100, "new", zone("Europe/London"), relaxed),
			[]Entry{e(1, "la", zone("America/Los_Angeles"), relaxed), e(2, "lagos", zone("Africa/Lagos"), relaxed)}, "lagos"},
		{"no zone given matches as before", e(100, "new", held),
			[]Entry{e(1, "la", zone("America/Los_Angeles"), held), e(2, "paris", zone("Europe/Paris"), held)}, "la"},
		{"an unknown zone is neutral: after a near one, before a far one", e(100, "new", zone("Europe/London"), relaxed),
			[]Entry{e(1, "la", zone("America/Los_Angeles"), relaxed), e(2, "none", relaxed), e(3, "paris", zone("Europe/Paris"), relaxed)}, "paris"},
		{"role still comes before zone", e(100, "new", zone("Europe/London"), role("swe"), relaxed),
			[]Entry{e(1, "paris", zone("Europe/Paris"), role("pm"), relaxed), e(2, "la", zone("America/Los_Angeles"), role("swe"), relaxed)}, "la"},
		{"zone comes before company", e(100, "new", zone("Europe/London"), company("google"), relaxed),
			[]Entry{e(1, "la", zone("America/Los_Angeles"), company("google"), relaxed), e(2, "paris", zone("Europe/Paris"), company("meta"), relaxed)}, "paris"},
		{"3 hours apart is near", e(100, "new", zone("Europe/London"), held),
			[]Entry{e(1, "moscow", zone("Europe/Moscow"), held)}, "moscow"},
		{"round the clock: UTC+14 and UTC-10 share the clock", e(100, "new", zone("Pacific/Kiritimati"), held),
			[]Entry{e(1, "honolulu", zone("Pacific/Honolulu"), held)}, "honolulu"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Best(tc.newcomer, tc.waiting, nil, now)
			if tc.want == "" {
				if ok {
					t.Fatalf("Best = %s, want no match", got.User)
				}
				return
			}
			if !ok || got.User != tc.want {
				t.Fatalf("Best = %q (%v), want %q", got.User, ok, tc.want)
			}
			if !Compatible(tc.newcomer, got, now) {
				t.Fatalf("Best chose %s, whom Compatible refuses", got.User)
			}
		})
	}
}

func TestPairAllPrefersNearZones(t *testing.T) {
	now := t0.Add(time.Hour)
	// Waiting order alternates the zones; no holds (weekly rounds).
	es := []Entry{e(1, "l1", zone("Europe/London")), e(2, "t1", zone("Asia/Tokyo")), e(3, "l2", zone("Europe/Lisbon")), e(4, "t2", zone("Asia/Seoul"))}
	pairs, _, left := PairAll(es, nil, now, false)
	if len(pairs) != 2 || len(left) != 0 {
		t.Fatalf("pairs %v left %v", pairs, left)
	}
	got := map[string]string{}
	for _, p := range pairs {
		got[p[0].User] = p[1].User
	}
	if got["l1"] != "l2" || got["t1"] != "t2" {
		t.Fatalf("pairs %v, want l1+l2 and t1+t2", got)
	}
	// Held far zones never pair; once relaxed they do.
	held := []Entry{e(1, "l1", zone("Europe/London"), holding(now.Add(time.Minute))), e(2, "t1", zone("Asia/Tokyo"))}
	if pairs, _, _ := PairAll(held, nil, now, false); len(pairs) != 0 {
		t.Fatalf("held far zones paired: %v", pairs)
	}
	if pairs, _, _ := PairAll(held, nil, now.Add(2*time.Minute), false); len(pairs) != 1 {
		t.Fatalf("relaxed far zones not paired: %v", pairs)
	}
}

func TestZoneGap(t *testing.T) {
	summer := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	winter := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		a, b string
		at   time.Time
		want time.Duration
		ok   bool
	}{
		{"Europe/London", "America/New_York", winter, 5 * time.Hour, true},
		// Daylight saving: Sydney +10 in July, +11 in December.
		{"Europe/London", "Australia/Sydney", summer, 9 * time.Hour, true},
		{"Europe/London", "Australia/Sydney", winter, 11 * time.Hour, true},
		{"Pacific/Kiritimati", "Pacific/Honolulu", winter, 0, true},
		{"Asia/Kolkata", "UTC", winter, 5*time.Hour + 30*time.Minute, true},
		{"", "UTC", winter, 0, false},
		{"Nowhere/Land", "UTC", winter, 0, false},
	} {
		got, ok := ZoneGap(tc.a, tc.b, tc.at)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ZoneGap(%s, %s) = %v, %v; want %v, %v", tc.a, tc.b, got, ok, tc.want, tc.ok)
		}
	}
}
