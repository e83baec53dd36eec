package web

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/store"
)

// The dashboard's pages: each admin page under /s/{guild}/admin is about
// the server of the address only; every change goes through the same store
// operation as the Discord command and leaves an audit line (source "web").

// audit records a change made on the web by the member of the request.
// A failure is logged: the change itself is already made.
func (s *Server) audit(r *http.Request, action, detail string) {
	g, ws := adminGuildOf(r), sessionOf(r)
	if _, err := s.st.Audit.Record(r.Context(), store.AuditEntry{GuildID: g.ID, UserID: ws.UserID, Source: store.AuditWeb, Action: action, Detail: detail}); err != nil {
		s.log.Error("web: recording an audit line", "guild", g.ID, "action", action, "err", err)
	}
}

// auditPageSize is how many audit lines a page shows.
const auditPageSize = 50

// auditView is one page of a server's audit lines.
type auditView struct {
	Guild adminGuild
	Lines []auditLine
	// Older is the id to page on from ("" on the last page).
	Older string
}

type auditLine struct {
	store.AuditEntry
	When string
}

// auditPage lists the server's audit lines, newest first, paged with
// ?before=<id>.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	g := adminGuildOf(r)
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	lines, err := s.st.Audit.Log(r.Context(), g.ID, before, auditPageSize+1)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	v := &auditView{Guild: g}
	if len(lines) > auditPageSize {
		lines = lines[:auditPageSize]
		v.Older = strconv.FormatInt(lines[len(lines)-1].ID, 10)
	}
	for _, l := range lines {
		v.Lines = append(v.Lines, auditLine{AuditEntry: l, When: time.UnixMilli(l.AtMs).UTC().Format("2006-01-02 15:04 UTC")})
	}
	s.render(w, r, http.StatusOK, "audit", "Audit: "+g.Name, v)
}

// back sends the browser to an admin page of the server after a change.
func (s *Server) back(w http.ResponseWriter, r *http.Request, page string) {
	http.Redirect(w, r, s.link("/s/"+adminGuildOf(r).ID+"/admin/"+page), http.StatusSeeOther)
}

// listsFor is how long the dashboard reuses a server's channel and role
// lists for its forms, sparing Discord a request per page; what a form
// sends is always checked against Discord afresh.
const listsFor = 15 * time.Second

// serverLists are a server's channels and roles as Discord listed them.
type serverLists struct {
	at       time.Time
	channels []*discordgo.Channel
	roles    []*discordgo.Role
}

// listsOf returns the server's channels (in Discord's order) and roles,
// from the bot's connection.
func (s *Server) listsOf(ctx context.Context, guildID string) (serverLists, error) {
	now := s.cfg.Now()
	s.adminMu.Lock()
	l, ok := s.lists[guildID]
	s.adminMu.Unlock()
	if ok && now.Sub(l.at) < listsFor && now.Sub(l.at) >= 0 {
		return l, nil
	}
	chs, err := s.cfg.Bot.GuildChannels(guildID, discordgo.WithContext(ctx))
	if err != nil {
		return l, fmt.Errorf("listing the server's channels: %w", err)
	}
	sort.SliceStable(chs, func(i, j int) bool { return chs[i].Position < chs[j].Position })
	roles, err := s.cfg.Bot.GuildRoles(guildID, discordgo.WithContext(ctx))
	if err != nil {
		return l, fmt.Errorf("listing the server's roles: %w", err)
	}
	l = serverLists{at: now, channels: chs, roles: roles}
	s.adminMu.Lock()
	s.lists[guildID] = l
	s.adminMu.Unlock()
	return l, nil
}
