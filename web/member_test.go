package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"testing"
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
