// Package suggestcheck is the check of a suggested question's names that
// Discord's suggestion review and the web dashboard share: its company,
// category and roles are written as the server's bank writes them, and
// the names new to the bank are listed with the known names close to
// them, so that a moderator approves "Acme" rather than a second "acme",
// and a near miss ("Gogle") only once they chose to keep it as written.
package suggestcheck

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// NewName is a company, role or category that the server's bank does not
// have yet.
type NewName struct {
	Kind data.Kind
	Name string
	Near []string // names of the bank close to it: did you mean?
	set  func(string)
}

// Use replaces the name in the question it was read from with v.
func (n NewName) Use(v string) { n.set(v) }

// Names writes q's company, category and roles in the bank's spelling
// where the server's bank has them, and returns the others. A name the
// bank's rules refuse (empty, too long) is left to data.Validate.
func Names(ctx context.Context, qs *store.Questions, guildID string, q *data.Question) ([]NewName, error) {
	type named struct {
		kind data.Kind
		name string
		set  func(string)
	}
	names := []named{
		{data.KindCompany, q.Company, func(v string) { q.Company = v }},
		{data.KindCategory, q.Category, func(v string) { q.Category = v }},
	}
	for i, r := range q.Roles {
		names = append(names, named{data.KindRole, r, func(v string) { q.Roles[i] = v }})
	}
	var fresh []NewName
	for _, n := range names {
		if n.name == "" || utf8.RuneCountInString(n.name) > data.MaxNameLen {
			continue
		}
		known, ok, err := qs.Resolve(ctx, n.kind, guildID, n.name)
		if err != nil {
			return nil, err
		}
		if ok {
			n.set(known)
			continue
		}
		near, err := qs.DidYouMean(ctx, n.kind, guildID, n.name, 3)
		if err != nil {
			return nil, err
		}
		if len(near) > 0 && strings.EqualFold(near[0], n.name) {
			// The name itself, added to the bank meanwhile (by an approval
			// racing this one): it is known after all.
			n.set(near[0])
			continue
		}
		fresh = append(fresh, NewName{Kind: n.kind, Name: n.name, Near: near, set: n.set})
	}
	return fresh, nil
}

// Near returns the new names that are close to names the bank has.
func Near(fresh []NewName) []NewName {
	var out []NewName
	for _, n := range fresh {
		if len(n.Near) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// NearProblem says, in plain words, that a new name is close to the
// bank's: "The company Gogle is not in this server's bank. Did you mean
// Google?" (quote renders each name, e.g. in bold for Discord).
func NearProblem(n NewName, quote func(string) string) string {
	alts := make([]string, len(n.Near))
	for i, v := range n.Near {
		alts[i] = quote(v)
	}
	return fmt.Sprintf("The %s %s is not in this server's bank. Did you mean %s?", n.Kind, quote(n.Name), strings.Join(alts, " or "))
}
