package suggestcheck_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/suggestcheck"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/data/datatest"
	"github.com/prepcord/prepcord/internal/pgtest"
	"github.com/prepcord/prepcord/store"
)

// TestMain runs the package's tests on SQLite, then again on PostgreSQL.
func TestMain(m *testing.M) { pgtest.Main(m) }

// checkStore is a store with a bank of 100 questions (companies TikTok
// and Company 001 to 004; the usual categories and roles) and one question
// of server g's own, of the company Acme Robotics.
func checkStore(t *testing.T) *store.Store {
	t.Helper()
	bank := datatest.Bank(101, 5)
	st := bottest.NewStore(t, bank[:100])
	own := bank[100]
	own.ID, own.Company = "own-1", "Acme Robotics"
	if _, err := st.Questions.AddSuggested(context.Background(), "g", "author", own); err != nil {
		t.Fatal(err)
	}
	return st
}

// fresh is a new name as the tests compare it.
type fresh struct {
	kind       data.Kind
	name, near string // near joined by "|"
}

func TestNames(t *testing.T) {
	st := checkStore(t)
	long := strings.Repeat("x", data.MaxNameLen+1)
	tests := []struct {
		name      string
		guild     string
		q         data.Question
		want      data.Question // company, category and roles after Names
		wantFresh []fresh
	}{
		{"known names in the bank's spelling", "g",
			data.Question{Company: "tik tok", Category: "system design", Roles: []string{"software engineer", "DATA SCIENTIST"}},
			data.Question{Company: "TikTok", Category: "System Design", Roles: []string{"Software Engineer", "Data Scientist"}}, nil},
		{"the server's own company", "g", data.Question{Company: "acme robotics", Category: "SQL & Data"},
			data.Question{Company: "Acme Robotics", Category: "SQL & Data"}, nil},
		{"another server's company is new here", "h", data.Question{Company: "acme robotics", Category: "SQL & Data"},
			data.Question{Company: "acme robotics", Category: "SQL & Data"}, []fresh{{data.KindCompany, "acme robotics", ""}}},
		{"near names", "g", data.Question{Company: "Tiktoc", Category: "Sistem Design", Roles: []string{"Software Enginer"}},
			data.Question{Company: "Tiktoc", Category: "Sistem Design", Roles: []string{"Software Enginer"}},
			[]fresh{{data.KindCompany, "Tiktoc", "TikTok"}, {data.KindCategory, "Sistem Design", "System Design"}, {data.KindRole, "Software Enginer", "Software Engineer"}}},
		{"a new name far from all", "g", data.Question{Company: "Zebra Fintech Holdings", Category: "Coding & Algorithms"},
			data.Question{Company: "Zebra Fintech Holdings", Category: "Coding & Algorithms"}, []fresh{{data.KindCompany, "Zebra Fintech Holdings", ""}}},
		{"control characters fold away", "g", data.Question{Company: "Tik\x00Tok\t", Category: "coding\u200b& algorithms"},
			data.Question{Company: "TikTok", Category: "Coding & Algorithms"}, nil},
		{"empty and too long names are left to data.Validate", "g", data.Question{Company: "", Category: long, Roles: []string{long}},
			data.Question{Company: "", Category: long, Roles: []string{long}}, nil},
		{"huge names are not read", "g", data.Question{Company: strings.Repeat("TikTok", 100000), Category: "SQL & Data"},
			data.Question{Company: strings.Repeat("TikTok", 100000), Category: "SQL & Data"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.Roles = slices.Clone(q.Roles)
			got, err := suggestcheck.Names(context.Background(), st.Questions, tt.guild, &q)
			if err != nil {
				t.Fatal(err)
			}
			if q.Company != tt.want.Company || q.Category != tt.want.Category || !slices.Equal(q.Roles, tt.want.Roles) {
				t.Errorf("question now %q %q %q, want %q %q %q", q.Company, q.Category, q.Roles, tt.want.Company, tt.want.Category, tt.want.Roles)
			}
			var gotFresh []fresh
			for _, n := range got {
				gotFresh = append(gotFresh, fresh{n.Kind, n.Name, strings.Join(n.Near, "|")})
			}
			if !slices.Equal(gotFresh, tt.wantFresh) {
				t.Errorf("new names %+v, want %+v", gotFresh, tt.wantFresh)
			}
		})
	}
}

// TestUseNearAndNearProblem: a moderator's choice replaces the name in the
// question; only names close to the bank's need one; the refusal says
// which names are meant, in the caller's quoting.
func TestUseNearAndNearProblem(t *testing.T) {
	st := checkStore(t)
	q := data.Question{Company: "Tiktoc", Category: "Quantum Basket Weaving", Roles: []string{"Software Engineer", "Data Scientst"}}
	got, err := suggestcheck.Names(context.Background(), st.Questions, "g", &q)
	if err != nil {
		t.Fatal(err)
	}
	near := suggestcheck.Near(got)
	if len(got) != 3 || len(near) != 2 || near[0].Name != "Tiktoc" || near[1].Name != "Data Scientst" {
		t.Fatalf("new %+v, near %+v", got, near)
	}
	bold := func(s string) string { return "**" + s + "**" }
	if msg := suggestcheck.NearProblem(near[0], bold); msg != "The company **Tiktoc** is not in this server's bank. Did you mean **TikTok**?" {
		t.Errorf("NearProblem: %q", msg)
	}
	if msg := suggestcheck.NearProblem(near[1], quoted); msg != `The role "Data Scientst" is not in this server's bank. Did you mean "Data Scientist"?` {
		t.Errorf("NearProblem: %q", msg)
	}
	several := suggestcheck.NewName{Kind: data.KindCompany, Name: "Company 00", Near: []string{"Company 001", "Company 002"}}
	if msg := suggestcheck.NearProblem(several, bold); msg != "The company **Company 00** is not in this server's bank. Did you mean **Company 001** or **Company 002**?" {
		t.Errorf("NearProblem with two: %q", msg)
	}
	near[0].Use(near[0].Near[0])
	near[1].Use("Data Scientist")
	if q.Company != "TikTok" || q.Roles[1] != "Data Scientist" || q.Roles[0] != "Software Engineer" || q.Category != "Quantum Basket Weaving" {
		t.Errorf("after Use: %q %q %q", q.Company, q.Category, q.Roles)
	}
	if suggestcheck.Near(nil) != nil {
		t.Error("Near of nothing")
	}
}

func quoted(s string) string { return `"` + s + `"` }
