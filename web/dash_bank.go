package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// adminBankView is the server's bank on the dashboard.
type adminBankView struct {
	Guild     adminGuild
	Filter    store.Filter
	Questions []*store.Question
	Total     int
	Page      int
	Prev      string
	Next      string
	// Result and Problems are what the last import did or why it was
	// refused.
	Result   string
	Problems []string
	Formats  []data.Format
}

// adminBank searches the bank this server sees with the public bank's
// filters (the store's search and index: bankFilter), marking the
// server's own questions, which it can edit.
func (s *Server) adminBank(w http.ResponseWriter, r *http.Request) {
	s.renderAdminBank(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderAdminBank(w http.ResponseWriter, r *http.Request, status int, result string, problems []string) {
	g, ctx := adminGuildOf(r), r.Context()
	f, err := bankFilter(r, g.ID)
	if err != nil {
		s.userError(w, r, err)
		return
	}
	pageNo, _ := strconv.Atoi(r.URL.Query().Get("page"))
	pageNo = max(pageNo, 1)
	v := &adminBankView{Guild: g, Filter: f, Page: pageNo, Result: result, Problems: problems, Formats: exportFormats}
	counts, err := s.st.Questions.DifficultyCounts(ctx, f) // the bank index, as the public pages count
	if err != nil {
		s.internal(w, r, err)
		return
	}
	for _, c := range counts {
		v.Total += c.Count
	}
	if v.Questions, err = s.st.Questions.List(ctx, f, pageSize, (pageNo-1)*pageSize); err != nil {
		s.internal(w, r, err)
		return
	}
	root := "/s/" + g.ID + "/admin/bank?"
	if pageNo > 1 {
		v.Prev = root + filterQuery(f, pageNo-1)
	}
	if pageNo*pageSize < v.Total {
		v.Next = root + filterQuery(f, pageNo+1)
	}
	s.render(w, r, status, "adminbank", "Bank: "+g.Name, v)
}

// exportFormats are /bank export's format choices, its default first.
var exportFormats = []data.Format{data.YAML, data.JSON, data.CSV}

// questionForm is the editor of one of the server's questions.
type questionForm struct {
	Guild    adminGuild
	Q        data.Question
	Problems []string
	Levels   []string
	Saved    bool
}

// ownQuestion reads one of the server's own questions (id in the query or
// the form); the shared bank's are not the server's to edit.
func (s *Server) ownQuestion(w http.ResponseWriter, r *http.Request, id string) *store.Question {
	g := adminGuildOf(r)
	q, err := s.st.Questions.ByID(r.Context(), g.ID, id)
	if err != nil && errs.CodeOf(err) != errs.NotFound {
		s.internal(w, r, err)
		return nil
	}
	if err != nil || q.Scope != g.ID {
		s.fail(w, r, http.StatusNotFound, "This server has no question of its own with that id (the bundled questions are edited in prepcord's bank, not here).")
		return nil
	}
	return q
}

// bankEdit shows the editor of a question of the server.
func (s *Server) bankEdit(w http.ResponseWriter, r *http.Request) {
	q := s.ownQuestion(w, r, r.URL.Query().Get("id"))
	if q == nil {
		return
	}
	s.render(w, r, http.StatusOK, "bankedit", "Edit "+q.Title, &questionForm{Guild: adminGuildOf(r), Q: q.Question, Levels: data.Levels,
		Saved: r.URL.Query().Get("saved") == "1"})
}

// bankSave saves an edited question through the import path: the same
// validation (data.Validate against the rest of the bank) and the same
// update, all or nothing. Refused input shows the form again with the
// problems, and changes nothing.
func (s *Server) bankSave(w http.ResponseWriter, r *http.Request) {
	cur := s.ownQuestion(w, r, r.PostFormValue("id"))
	if cur == nil {
		return
	}
	q := cur.Question
	text := func(k string) string { return strings.ReplaceAll(strings.TrimSpace(r.PostFormValue(k)), "\r\n", "\n") }
	q.Title, q.Company, q.Category, q.Difficulty, q.Round = text("title"), text("company"), text("category"), text("difficulty"), text("round")
	q.Roles, q.Tags, q.Level = data.SplitList(text("roles")), data.SplitList(text("tags")), r.PostForm["level"]
	q.Prompt, q.Overview, q.Solution = text("prompt"), text("overview"), text("solution")
	form := &questionForm{Guild: adminGuildOf(r), Q: q, Levels: data.Levels}
	_, err := s.st.Questions.Import(r.Context(), []*data.Entry{{Question: q, File: "the form"}}, store.ImportOptions{Scope: form.Guild.ID})
	var probs data.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			form.Problems = append(form.Problems, p.Msg)
		}
		s.render(w, r, http.StatusUnprocessableEntity, "bankedit", "Edit "+cur.Title, form)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.audit(r, "bank.edit", fmt.Sprintf("question %s %q edited", q.ID, q.Title))
	http.Redirect(w, r, s.link("/s/"+form.Guild.ID+"/admin/bank/edit?id="+q.ID+"&saved=1"), http.StatusSeeOther)
}

// bankImport imports an uploaded file as /bank import does: the same size
// limit, format detection, parser and import (all or nothing).
func (s *Server) bankImport(w http.ResponseWriter, r *http.Request) {
	file, hdr, err := r.FormFile("file")
	if err != nil {
		s.renderAdminBank(w, r, http.StatusBadRequest, "", []string{"Choose a .yaml, .json or .csv file to import."})
		return
	}
	defer file.Close()
	if hdr.Size > data.MaxFileBytes {
		s.renderAdminBank(w, r, http.StatusRequestEntityTooLarge, "", []string{fmt.Sprintf("%s is too large: the limit is %d MiB. Split it into smaller files.", hdr.Filename, data.MaxFileBytes>>20)})
		return
	}
	body, err := io.ReadAll(io.LimitReader(file, data.MaxFileBytes+1))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	format, err := data.DetectFormat(hdr.Filename, body)
	if err != nil {
		s.renderAdminBank(w, r, http.StatusUnprocessableEntity, "", []string{err.Error()})
		return
	}
	entries, err := data.Parse(hdr.Filename, body, format)
	var res store.ImportResult
	if err == nil {
		res, err = s.st.Questions.Import(r.Context(), entries, store.ImportOptions{Scope: adminGuildOf(r).ID})
	}
	var probs data.Problems
	if errors.As(err, &probs) {
		msgs := make([]string, 0, len(probs))
		for _, p := range probs {
			msgs = append(msgs, p.String())
		}
		s.renderAdminBank(w, r, http.StatusUnprocessableEntity, "", msgs)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	result := fmt.Sprintf("%s: %d added, %d updated, %d unchanged. They are visible in this server only.", hdr.Filename, res.Added, res.Updated, res.Unchanged)
	s.audit(r, "bank.import", result)
	s.renderAdminBank(w, r, http.StatusOK, result, nil)
}

// bankExport downloads the server's own questions as /bank export does
// (?format=yaml, json or csv; yaml by default).
func (s *Server) bankExport(w http.ResponseWriter, r *http.Request) {
	format := data.YAML
	if v := r.URL.Query().Get("format"); v != "" {
		ff, err := data.ParseFormat(v)
		if err != nil {
			s.fail(w, r, http.StatusBadRequest, "Choose yaml, json or csv.")
			return
		}
		format = ff
	}
	qs, err := s.st.Questions.Export(r.Context(), adminGuildOf(r).ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := data.Write(&buf, qs, format); err != nil {
		s.internal(w, r, err)
		return
	}
	ct := map[data.Format]string{data.YAML: "application/yaml", data.JSON: "application/json", data.CSV: "text/csv"}[format]
	w.Header().Set("Content-Type", ct+"; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="prepcord-bank.`+string(format)+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
