package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prepcord/prepcord/internal/fsrs"
	"github.com/prepcord/prepcord/store"
)

// TestMemberPageShowsOnlyOwnData: the member page and its activity
// picture hold the logged-in member's practice, not another member's.
func TestMemberPageShowsOnlyOwnData(t *testing.T) {
	s := newSite(t, siteOptions{})
	alice := s.member("alice")
	bob := s.member("bob")
	ctx := context.Background()
	at := s.clock().UnixMilli()
	for i := range 5 {
		for _, u := range []string{alice, bob} {
			if u == alice && i >= 3 {
				continue
			}
			if _, err := s.st.History.RecordParticipation(ctx, s.alpha, u, fmt.Sprintf("2026-11-2%d", i+1), int64(i+1), at); err != nil {
				t.Fatal(err)
			}
		}
	}
	b := s.browser()
	b.login("alice")
	status, body := b.get("/me")
	if status != http.StatusOK || !strings.Contains(body, "3 days answered") || strings.Contains(body, "5 days") {
		t.Fatalf("alice's page: %d\n%s", status, body)
	}
	if strings.Contains(body, "<h2 id=\"g-"+s.beta) {
		t.Error("alice's page has a section for Beta, where she has no practice")
	}
	status, img := b.get("/me/activity/" + s.alpha + ".png")
	if status != http.StatusOK {
		t.Fatalf("activity picture: %d", status)
	}
	if _, err := png.Decode(bytes.NewReader([]byte(img))); err != nil {
		t.Fatalf("activity picture is no PNG: %v", err)
	}
	// The picture is the logged-in member's: bob's has more days drawn.
	bb := s.browser()
	bb.login("bob")
	_, bobImg := bb.get("/me/activity/" + s.alpha + ".png")
	if bobImg == img {
		t.Error("alice and bob get the same activity picture")
	}
	if resp, _ := s.browser().visit(s.ts.URL + "/me/activity/" + s.alpha + ".png"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("visitor asking for an activity picture: %d, want a redirect to login", resp.StatusCode)
	}
}

// TestMemberPageChartsShowOnlyOwnData: the member page draws the member's
// progress by category (seen, known, due) and the averages of the
// feedback they received by month as accessible SVG pictures, with every
// number in a table; another member's ratings and feedback never show.
func TestMemberPageChartsShowOnlyOwnData(t *testing.T) {
	s := newSite(t, siteOptions{})
	alice, bob, carol := s.member("alice"), s.member("bob"), s.member("carol")
	ctx := context.Background()
	now := s.clock()
	// alice rates two questions of one category, bob one of another.
	rate := func(user string, q store.Question, r fsrs.Rating) {
		t.Helper()
		if err := s.st.History.MarkSeenAt(ctx, user, s.alpha, q.Seq, now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.st.Reviews.Rate(ctx, s.alpha, user, q.ID, r, now); err != nil {
			t.Fatal(err)
		}
	}
	byCat := map[string][]store.Question{}
	for _, bq := range s.bundle {
		q, err := s.st.Questions.ByID(ctx, s.alpha, bq.ID)
		if err != nil {
			t.Fatal(err)
		}
		byCat[q.Category] = append(byCat[q.Category], *q)
	}
	var aliceCat, bobCat string
	for cat, qs := range byCat {
		switch {
		case aliceCat == "" && len(qs) >= 2:
			aliceCat = cat
			rate(alice, qs[0], fsrs.Good)
			rate(alice, qs[1], fsrs.Again)
		case bobCat == "" && cat != aliceCat:
			bobCat = cat
			rate(bob, qs[0], fsrs.Good)
		}
	}
	if aliceCat == "" || bobCat == "" {
		t.Fatalf("the test bank needs two categories: %v", byCat)
	}
	// carol and alice are paired; carol rates alice (3, 4, 5), alice rates carol.
	for _, u := range []string{alice, carol} {
		if _, err := s.st.Interviews.JoinQueue(ctx, store.JoinRequest{GuildID: s.alpha, UserID: u, Topic: "dsa", ChannelID: "c",
			DefaultExpiry: time.Hour, Pick: func(store.QueueEntry, []store.QueueEntry, map[string]time.Time, time.Time) int { return 0 }}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.st.Interviews.OpenPairingOf(ctx, s.alpha, alice)
	if err != nil || p == nil {
		t.Fatalf("alice is not paired: %v", err)
	}
	for _, f := range []store.Feedback{{GiverID: carol, ReceiverID: alice, Communication: 3, ProblemSolving: 4, Structure: 5},
		{GiverID: alice, ReceiverID: carol, Communication: 1, ProblemSolving: 1, Structure: 1}} {
		f.PairingID = p.ID
		if _, err := s.st.Feedback.Save(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	b := s.browser()
	b.login("alice")
	status, body := b.get("/me")
	if status != http.StatusOK {
		t.Fatalf("alice's page: %d\n%s", status, body)
	}
	svgs := regexp.MustCompile(`(?s)<svg .*?</svg>`).FindAllString(body, -1)
	if len(svgs) != 2 {
		t.Fatalf("alice's page has %d pictures, want progress and feedback:\n%s", len(svgs), body)
	}
	for _, want := range []string{`role="img"`, "<title id=", "<desc id="} {
		for _, svg := range svgs {
			if !strings.Contains(svg, want) {
				t.Errorf("a picture lacks %s: %.300s", want, svg)
			}
		}
	}
	// Progress: her category with seen 2, known 1, due 1 in the table.
	row := regexp.MustCompile(`<tr><th scope="row">` + regexp.QuoteMeta(htmlEscape(aliceCat)) + `</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>`).FindStringSubmatch(body)
	if row == nil || row[1] != "2" || row[2] != "1" {
		t.Errorf("alice's progress row for %q: %v\n%s", aliceCat, row, body)
	}
	rowOf := func(cat string) string { return `<th scope="row">` + htmlEscape(cat) + "</th>" } // whole names: "System Design" is in "ML System Design"
	if strings.Contains(body, rowOf(bobCat)) {
		t.Errorf("alice's page shows bob's category %q", bobCat)
	}
	// Feedback: carol's ratings of alice, not alice's of carol.
	month := now.UTC().Format("Jan 2006")
	if !strings.Contains(body, `<tr><th scope="row">`+month+`</th><td>3</td><td>4</td><td>5</td><td>1</td></tr>`) {
		t.Errorf("alice's feedback averages for %s are missing:\n%s", month, body)
	}
	if !strings.Contains(svgs[1], "Communication, "+month+": 3 average") {
		t.Errorf("the feedback picture does not carry alice's averages: %.600s", svgs[1])
	}
	// bob sees his category, and no feedback picture.
	bb := s.browser()
	bb.login("bob")
	_, body = bb.get("/me")
	if !strings.Contains(body, rowOf(bobCat)) || strings.Contains(body, rowOf(aliceCat)) {
		t.Errorf("bob's page: want only %q\n%s", bobCat, body)
	}
	if strings.Contains(body, "feedback-"+s.alpha) {
		t.Error("bob's page has a feedback picture, and he received none")
	}
}
