package store

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestAuditRecordAndPage: lines are kept per server, newest first, paged
// by id; bad lines are refused; long details are cut.
func TestAuditRecordAndPage(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var ids []int64
	for i, e := range []AuditEntry{
		{GuildID: "g", UserID: "a", Source: AuditDiscord, Action: "daily.setup", Detail: "feed daily at 09:00"},
		{GuildID: "h", UserID: "a", Source: AuditWeb, Action: "bank.edit"},
		{GuildID: "g", UserID: "b", Source: AuditWeb, Action: "suggestion.approve", Detail: strings.Repeat("é", 900)},
		{GuildID: "g", UserID: "a", Source: AuditWeb, Action: "daily.pause"},
	} {
		id, err := s.Audit.Record(ctx, e)
		if err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		ids = append(ids, id)
	}
	for name, e := range map[string]AuditEntry{
		"no server":  {UserID: "a", Source: AuditWeb, Action: "x"},
		"no member":  {GuildID: "g", Source: AuditWeb, Action: "x"},
		"no action":  {GuildID: "g", UserID: "a", Source: AuditWeb, Action: "  "},
		"bad source": {GuildID: "g", UserID: "a", Source: "api", Action: "x"},
	} {
		if _, err := s.Audit.Record(ctx, e); err == nil {
			t.Errorf("%s: recorded", name)
		}
	}
	first, err := s.Audit.Log(ctx, "g", 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 2 || first[0].ID != ids[3] || first[1].ID != ids[2] || first[0].Action != "daily.pause" {
		t.Fatalf("first page: %+v", first)
	}
	if n := utf8.RuneCountInString(first[1].Detail); n != maxAuditDetail || !utf8.ValidString(first[1].Detail) {
		t.Fatalf("a 900-character detail kept %d characters", n)
	}
	rest, err := s.Audit.Log(ctx, "g", first[1].ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rest) != 1 || rest[0].ID != ids[0] || rest[0].Source != AuditDiscord || rest[0].AtMs == 0 {
		t.Fatalf("second page: %+v", rest)
	}
}
