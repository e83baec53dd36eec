package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/prepcord/prepcord/store"
)

// adminGuild is the server an admin page is about.
type adminGuild struct{ ID, Name string }

// requireAdmin lets through only members who manage the server of the
// address: as Discord listed it at login for pages, and as Discord says
// now (asked again when the last answer is older than AdminRecheck) for
// every change.
func (s *Server) requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, gid := sessionOf(r), chi.URLParam(r, "guild")
		var g *guildInfo
		for _, gi := range guildsOf(ws) {
			if gi.ID == gid && gi.manages() {
				g = &gi
				break
			}
		}
		if g == nil {
			s.fail(w, r, http.StatusForbidden, "Only members with Manage Server in that server can open its admin pages.")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			ok, err := s.stillAdmin(r.Context(), ws, gid)
			if errors.Is(err, errUnauthorized) {
				s.fail(w, r, http.StatusForbidden, "Discord no longer accepts your login: log out and log in again.")
				return
			}
			if err != nil {
				s.internal(w, r, err)
				return
			}
			if !ok {
				s.fail(w, r, http.StatusForbidden, "You no longer have Manage Server in that server.")
				return
			}
		}
		ctx := context.WithValue(r.Context(), keyAdminGuild, adminGuild{ID: g.ID, Name: g.Name})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// stillAdmin asks Discord whether the member still manages the server,
// trusting a yes for AdminRecheck.
func (s *Server) stillAdmin(ctx context.Context, ws *store.WebSession, guildID string) (bool, error) {
	key := ws.UserID + "/" + guildID
	now := s.cfg.Now()
	s.adminMu.Lock()
	at, ok := s.adminCache[key]
	s.adminMu.Unlock()
	if ok && now.Sub(at) < s.cfg.AdminRecheck {
		return true, nil
	}
	guilds, err := s.memberGuilds(ctx, ws.AccessToken)
	if err != nil {
		return false, err
	}
	for _, g := range guilds {
		if g.ID == guildID && g.manages() {
			s.adminMu.Lock()
			s.adminCache[key] = now
			s.adminMu.Unlock()
			return true, nil
		}
	}
	s.adminMu.Lock()
	delete(s.adminCache, key)
	s.adminMu.Unlock()
	return false, nil
}

// adminGuildOf is the server of an admin page.
func adminGuildOf(r *http.Request) adminGuild {
	g, _ := r.Context().Value(keyAdminGuild).(adminGuild)
	return g
}

// overviewView is the admin overview of a server.
type overviewView struct {
	Guild        adminGuild
	Feeds        []*store.DailyConfig
	Pending      []*store.Suggestion
	PendingTotal int
	Published    bool
	OwnQuestions int
}

// adminOverview shows a server's daily feeds, pending suggestions and
// whether its bank is published, read-only but for the publish switch.
func (s *Server) adminOverview(w http.ResponseWriter, r *http.Request) {
	g := adminGuildOf(r)
	ctx := r.Context()
	v := &overviewView{Guild: g}
	var err error
	if v.Feeds, err = s.st.Daily.Feeds(ctx, g.ID); err != nil {
		s.internal(w, r, err)
		return
	}
	if v.Pending, v.PendingTotal, err = s.st.Suggestions.Pending(ctx, g.ID, 20); err != nil {
		s.internal(w, r, err)
		return
	}
	if v.Published, err = s.st.Web.Published(ctx, g.ID); err != nil {
		s.internal(w, r, err)
		return
	}
	if v.OwnQuestions, err = s.ownQuestions(ctx, g.ID); err != nil {
		s.internal(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin", "Admin: "+g.Name, v)
}

// ownQuestions counts a server's own questions: what it sees less the
// shared bank, both from the store's bank index.
func (s *Server) ownQuestions(ctx context.Context, guildID string) (int, error) {
	n := 0
	for sign, scope := range map[int]string{1: guildID, -1: ""} {
		counts, err := s.st.Questions.DifficultyCounts(ctx, store.Filter{Scope: scope})
		if err != nil {
			return 0, err
		}
		for _, c := range counts {
			n += sign * c.Count
		}
	}
	return n, nil
}

// adminPublish publishes the server's own questions on the public bank
// pages, or stops (form field publish: "on" or "off").
func (s *Server) adminPublish(w http.ResponseWriter, r *http.Request) {
	g := adminGuildOf(r)
	var on bool
	switch r.PostFormValue("publish") {
	case "on":
		on = true
	case "off":
	default:
		s.fail(w, r, http.StatusBadRequest, "Choose whether to publish the bank (on) or not (off).")
		return
	}
	was, err := s.st.Web.Published(r.Context(), g.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if err := s.st.Web.SetPublished(r.Context(), g.ID, on); err != nil {
		s.internal(w, r, err)
		return
	}
	if was != on {
		detail := "own questions no longer published"
		if on {
			detail = "own questions published on the public pages"
		}
		s.audit(r, "bank.publish", detail)
	}
	http.Redirect(w, r, s.link("/s/"+g.ID+"/admin/"), http.StatusSeeOther)
}
