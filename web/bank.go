package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// pageSize is how many questions a bank page lists.
const pageSize = 25

// facetKinds are the facets of the bank pages, in the order shown.
var facetKinds = []data.Kind{data.KindCompany, data.KindRole, data.KindCategory, data.KindLevel, data.KindRound}

// facet is one facet of the browse page: its values with counts.
type facet struct {
	Kind   string
	Values []store.ValueCount
}

// bankView is the browse and search page.
type bankView struct {
	Root      string // "/bank" or "/s/{guild}/bank"
	QRoot     string // "/q" or "/s/{guild}/q"
	Heading   string
	Filter    store.Filter
	Active    []activeFilter
	Facets    []facet
	Questions []*store.Question
	Total     int
	Page      int
	Prev      string
	Next      string
}

// activeFilter is a filter in effect, with the address without it.
type activeFilter struct{ Kind, Value, Clear string }

// scopeOf returns the bank a request reads: "" for the bundled bank, or a
// server that publishes its own; ok is false (and a 404 shown) for a
// server that does not.
func (s *Server) scopeOf(w http.ResponseWriter, r *http.Request) (scope, root string, ok bool) {
	g := chi.URLParam(r, "guild")
	if g == "" {
		return "", "", true
	}
	if _, err := strconv.ParseUint(g, 10, 64); err != nil {
		s.fail(w, r, http.StatusNotFound, "There is no such server bank.")
		return "", "", false
	}
	on, err := s.st.Web.Published(r.Context(), g)
	if err != nil {
		s.internal(w, r, err)
		return "", "", false
	}
	if !on {
		s.fail(w, r, http.StatusNotFound, "This server does not publish its bank.")
		return "", "", false
	}
	return g, "/s/" + g, true
}

// bankFilter reads the filters of a bank address: the clean path
// (/bank/company/tiktok) and the query (?role=…&difficulty=…&q=…).
func bankFilter(r *http.Request, scope string) (store.Filter, error) {
	f := store.Filter{Scope: scope}
	q := r.URL.Query()
	set := func(kind, v string) error {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil
		}
		if len(v) > 100 {
			return errs.E(errs.Invalid, "A filter value is at most 100 characters.")
		}
		switch kind {
		case "difficulty":
			if !slices.Contains(data.Difficulties, strings.ToLower(v)) {
				return errs.E(errs.Invalid, "Difficulty is easy, medium or hard.")
			}
			f.Difficulty = strings.ToLower(v)
		case "q":
			f.Search = v
		default:
			k := data.Kind(kind)
			if !slices.Contains(facetKinds, k) {
				return errs.E(errs.NotFound, "There is no filter %q.", kind)
			}
			f = f.With(k, v)
		}
		return nil
	}
	if kind := chi.URLParam(r, "kind"); kind != "" {
		if err := set(kind, chi.URLParam(r, "value")); err != nil {
			return f, err
		}
	}
	for _, k := range []string{"company", "role", "category", "level", "round", "difficulty", "q"} {
		if err := set(k, q.Get(k)); err != nil {
			return f, err
		}
	}
	return f, nil
}

// bank is the browse and search page of a bank.
func (s *Server) bank(w http.ResponseWriter, r *http.Request) {
	scope, root, ok := s.scopeOf(w, r)
	if !ok {
		return
	}
	f, err := bankFilter(r, scope)
	if err != nil {
		s.userError(w, r, err)
		return
	}
	pageNo, _ := strconv.Atoi(r.URL.Query().Get("page"))
	pageNo = max(pageNo, 1)
	v := &bankView{Root: root + "/bank", QRoot: root + "/q", Filter: f, Page: pageNo}
	ctx := r.Context()
	if v.Facets, v.Total, err = s.facets(ctx, f); err != nil {
		s.internal(w, r, err)
		return
	}
	if v.Questions, err = s.st.Questions.List(ctx, f, pageSize, (pageNo-1)*pageSize); err != nil {
		s.internal(w, r, err)
		return
	}
	v.Active = activeFilters(v.Root, f)
	if pageNo > 1 {
		v.Prev = v.Root + "?" + filterQuery(f, pageNo-1)
	}
	if pageNo*pageSize < v.Total {
		v.Next = v.Root + "?" + filterQuery(f, pageNo+1)
	}
	v.Heading = "Interview questions"
	if scope != "" {
		v.Heading = "This server's interview questions"
	}
	s.render(w, r, http.StatusOK, "bank", v.Heading, v)
}

// facets counts the values of each facet among the questions f selects,
// and the questions themselves (the sum over the difficulties), from the
// store's bank index.
func (s *Server) facets(ctx context.Context, f store.Filter) ([]facet, int, error) {
	var out []facet
	for _, k := range facetKinds {
		vals, err := s.st.Questions.Values(ctx, k, f)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, facet{Kind: string(k), Values: vals[:min(len(vals), 30)]})
	}
	diff, err := s.st.Questions.DifficultyCounts(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	total := 0
	for _, d := range diff {
		if f.Difficulty == "" || f.Difficulty == d.Name {
			total += d.Count
		}
	}
	return append(out, facet{Kind: "difficulty", Values: diff}), total, nil
}

// filterValues lists f's filters as query keys and values.
func filterValues(f store.Filter) url.Values {
	q := url.Values{}
	for _, k := range facetKinds {
		if v := f.Get(k); v != "" {
			q.Set(string(k), v)
		}
	}
	if f.Difficulty != "" {
		q.Set("difficulty", f.Difficulty)
	}
	if f.Search != "" {
		q.Set("q", f.Search)
	}
	return q
}

// filterQuery is the query string of f at page n.
func filterQuery(f store.Filter, n int) string {
	q := filterValues(f)
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	return q.Encode()
}

// activeFilters lists the filters in effect, each with the address of
// the same page without it.
func activeFilters(root string, f store.Filter) []activeFilter {
	q := filterValues(f)
	var out []activeFilter
	for _, k := range []string{"company", "role", "category", "level", "round", "difficulty", "q"} {
		v := q.Get(k)
		if v == "" {
			continue
		}
		rest := filterValues(f)
		rest.Del(k)
		clear := root
		if enc := rest.Encode(); enc != "" {
			clear += "?" + enc
		}
		name := k
		if k == "q" {
			name = "search"
		}
		out = append(out, activeFilter{Kind: name, Value: v, Clear: clear})
	}
	return out
}

// questionView is a question's page.
type questionView struct {
	Q       *store.Question
	Root    string // the bank's browse address
	QRoot   string
	Related []*store.Question
	Command string // the /question command that finds it in Discord
}

// question is a question's page.
func (s *Server) question(w http.ResponseWriter, r *http.Request) {
	scope, root, ok := s.scopeOf(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	q, err := s.st.Questions.ByID(ctx, scope, chi.URLParam(r, "id"))
	if err != nil {
		s.userError(w, r, err)
		return
	}
	v := &questionView{Q: q, Root: root + "/bank", QRoot: root + "/q", Command: discordCommand(q)}
	if v.Related, err = s.related(ctx, scope, q); err != nil {
		s.internal(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "question", q.Title, v)
}

// related returns up to five questions to read next: the question's own
// related list, then others of its company.
func (s *Server) related(ctx context.Context, scope string, q *store.Question) ([]*store.Question, error) {
	var out []*store.Question
	seen := map[string]bool{q.ID: true}
	for _, id := range q.Related {
		if len(out) == 5 {
			return out, nil
		}
		rq, err := s.st.Questions.ByID(ctx, scope, id)
		if errs.CodeOf(err) == errs.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		seen[rq.ID] = true
		out = append(out, rq)
	}
	more, err := s.st.Questions.List(ctx, store.Filter{Scope: scope, Company: q.Company}, 10, 0)
	if err != nil {
		return nil, err
	}
	for _, m := range more {
		if len(out) < 5 && !seen[m.ID] {
			seen[m.ID] = true
			out = append(out, m)
		}
	}
	return out, nil
}

// discordCommand is the /question command that brings q up in Discord.
func discordCommand(q *store.Question) string {
	cmd := "/question company:" + q.Company
	if words := store.SearchText(q.Title); words != "" {
		cmd += " search:" + words
	}
	return cmd
}

// userError shows an errs error's message to the visitor (NotFound as
// 404, Invalid as 400), and anything else as internal.
func (s *Server) userError(w http.ResponseWriter, r *http.Request, err error) {
	switch errs.CodeOf(err) {
	case errs.NotFound:
		s.fail(w, r, http.StatusNotFound, errs.Message(err))
	case errs.Invalid:
		s.fail(w, r, http.StatusBadRequest, errs.Message(err))
	default:
		s.internal(w, r, err)
	}
}
