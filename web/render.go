package web

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/prepcord/prepcord/store"
)

// page is what every template receives.
type page struct {
	Title string
	// User is the logged-in member, nil for visitors.
	User *store.WebSession
	// CSRF is the session's form token.
	CSRF string
	// LoginOn says whether login with Discord is configured.
	LoginOn bool
	// PublicBank says whether the bank pages are served.
	PublicBank bool
	Data       any
}

// parsePages parses each page template together with the layout.
func parsePages() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"pathEscape": pathSegment,
		"join":       strings.Join,
		"list":       func(v ...string) []string { return v },
		"num":        num,
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, err
		}
		pages[strings.TrimSuffix(base, ".html")] = t
	}
	return pages, nil
}

// render writes page name with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	p := page{Title: title, LoginOn: s.loginOn(), PublicBank: s.cfg.PublicBank, Data: data}
	if ws := sessionOf(r); ws != nil {
		p.User, p.CSRF = ws, ws.CSRF
	}
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout.html", p); err != nil {
		s.log.Error("rendering a page", "page", name, "err", err)
		http.Error(w, "Something went wrong.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail shows an error page with a message for the person who caused it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", http.StatusText(status), msg)
}

// internal logs err and shows "Something went wrong".
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("web page failed", "path", r.URL.Path, "err", err)
	s.fail(w, r, http.StatusInternalServerError, "Something went wrong. Try again in a moment.")
}

// pathSegment escapes a filter value for a clean URL (/bank/company/tiktok).
func pathSegment(v string) string {
	return url.PathEscape(strings.ToLower(v))
}

// home is the start page.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "home", "Interview practice on Discord", nil)
}
