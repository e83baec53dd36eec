package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/store"
)

// TestPublishLeavesAuditLine: the overview's publish switch, the store
// call /bank publish makes, leaves an audit line when it changes
// something, worded as /bank publish's.
func TestPublishLeavesAuditLine(t *testing.T) {
	s := newSite(t, siteOptions{PublicBank: true})
	s.member("boss", s.alpha)
	b := s.browser()
	b.login("boss")
	for _, on := range []string{"on", "on", "off"} {
		if status, _ := b.post("/s/"+s.alpha+"/admin/publish", url.Values{"csrf": {b.csrf()}, "publish": {on}}); status != http.StatusSeeOther {
			t.Fatalf("publish=%s: %d", on, status)
		}
	}
	var got []string
	for _, l := range s.auditLines(s.alpha) {
		if l.Source != store.AuditWeb || l.UserID != s.dc.User("boss").ID {
			t.Errorf("audit line %+v: want source web, by boss", l)
		}
		got = append(got, l.Action+": "+l.Detail)
	}
	if strings.Join(got, "\n") != "bank.publish: own questions no longer published\nbank.publish: own questions published on the public pages" {
		t.Fatalf("audit lines:\n%s", strings.Join(got, "\n"))
	}
}
