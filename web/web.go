// Package web is prepcord's web companion: the question bank as public
// pages, login with Discord, a member's own practice, and the admin pages
// of the servers a member manages. Pages are rendered on the server with
// html/template and need no JavaScript.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/go-chi/chi/v5"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Config is what the web companion needs.
type Config struct {
	Store *store.Store
	Log   *slog.Logger
	// PublicBank serves the bank pages without login (WEB_PUBLIC_BANK).
	PublicBank bool
	// PublicURL is the site's address (PUBLIC_URL), checked with
	// ParsePublicURL; empty keeps links relative and login off.
	PublicURL string
	// APIURL is DISCORD_API_URL: the OAuth2 endpoints follow its host.
	APIURL string
	// ClientID is the application's id, ClientSecret its OAuth2 secret
	// (DISCORD_CLIENT_SECRET); login is off without both.
	ClientID, ClientSecret string
	// HTTPClient calls Discord (default: one with a 10 s timeout).
	HTTPClient *http.Client
	// Now is the clock (default time.Now).
	Now func() time.Time
	// AdminRecheck is how long Discord's answer that a member manages a
	// server is trusted before an admin change asks again (default 30 s).
	AdminRecheck time.Duration
	// Bot is the bot's REST connection, which the dashboard uses to list a
	// server's channels and roles, check a daily channel, and tell members
	// by DM as the bot does; nil leaves those forms refusing with a reason.
	Bot *discordgo.Session
	// Rounds applies weekly mock rounds changed on the web and posts or
	// updates their sign-up message (the interview feature, through the
	// runtime's interface); nil leaves the rounds form refusing.
	Rounds bot.RoundsKeeper
	// ReviewPosts shows a decision made on the web on the suggestion's
	// review post in Discord (the suggest feature); nil leaves the post as
	// it is.
	ReviewPosts bot.ReviewPoster
	// BotUserID is the bot's user id (its application id), whose
	// permissions a daily channel is checked for.
	BotUserID string
}

// Server serves the web companion.
type Server struct {
	cfg    Config
	st     *store.Store
	log    *slog.Logger
	pages  map[string]*template.Template
	router chi.Router
	base   *url.URL // PublicURL, nil when unset
	https  bool

	adminMu    sync.Mutex
	adminCache map[string]time.Time   // user+"/"+guild -> when Discord last confirmed Manage Server
	botID      string                 // the bot's user id, once known
	lists      map[string]serverLists // guild -> its channels and roles, briefly
}

// ParsePublicURL checks PUBLIC_URL: the http or https address of the
// site's root (the pages link from the root, so a path is refused).
func ParsePublicURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" ||
		strings.Trim(u.Path, "/") != "" || u.Opaque != "" {
		return nil, fmt.Errorf("PUBLIC_URL must be the http or https address of the site's root, e.g. https://prep.example.org, got %q", raw)
	}
	u.Path, u.RawPath = "", ""
	return u, nil
}

// New builds the web companion.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: no store")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.AdminRecheck <= 0 {
		cfg.AdminRecheck = 30 * time.Second
	}
	s := &Server{cfg: cfg, st: cfg.Store, log: cfg.Log, adminCache: map[string]time.Time{}, botID: cfg.BotUserID,
		lists: map[string]serverLists{}}
	if cfg.PublicURL != "" {
		u, err := ParsePublicURL(cfg.PublicURL)
		if err != nil {
			return nil, err
		}
		s.base, s.https = u, u.Scheme == "https"
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.router = s.routes()
	return s, nil
}

// Handler is the site.
func (s *Server) Handler() http.Handler { return s.router }

// Router is the site's router, for tests that walk its routes.
func (s *Server) Router() chi.Routes { return s.router }

// routes lays out the site. Admin pages live under /s/{guild}/admin,
// behind requireAdmin: a route added there is refused to non-admins
// without further work.
func (s *Server) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(s.recoverer, securityHeaders, s.loadSession)
	static, _ := fs.Sub(staticFiles, "static")
	r.Handle("/static/*", http.StripPrefix("/static/", http.FileServerFS(static)))
	r.Get("/", s.home)
	r.Get("/login", s.login)
	r.Get("/auth/callback", s.callback)
	r.With(s.requireLogin, s.checkCSRF).Post("/logout", s.logout)
	r.With(s.requireLogin).Get("/me", s.member)
	r.With(s.requireLogin).Get("/me/activity/{guild}.png", s.activityPNG)
	r.Group(func(r chi.Router) {
		r.Use(s.publicBank)
		r.Get("/bank", s.bank)
		r.Get("/bank/{kind}/{value}", s.bank)
		r.Get("/q/{id}", s.question)
		r.Get("/s/{guild}/bank", s.bank)
		r.Get("/s/{guild}/bank/{kind}/{value}", s.bank)
		r.Get("/s/{guild}/q/{id}", s.question)
	})
	r.Route("/s/{guild}/admin", func(r chi.Router) {
		r.Use(s.requireLogin, s.requireAdmin, s.checkCSRF)
		r.Get("/", s.adminOverview)
		r.Post("/publish", s.adminPublish)
		r.Get("/daily", s.dailyFeeds)
		r.Get("/daily/edit", s.dailyForm)
		r.Post("/daily/edit", s.dailySave)
		r.Post("/daily/pause", s.dailyPause)
		r.Post("/daily/resume", s.dailyResume)
		r.Get("/daily/preview", s.dailyPreview)
		r.Get("/suggestions", s.suggestions)
		r.Post("/suggestions/approve", s.suggestionApprove)
		r.Post("/suggestions/reject", s.suggestionReject)
		r.Get("/bank", s.adminBank)
		r.Get("/bank/edit", s.bankEdit)
		r.Post("/bank/edit", s.bankSave)
		r.Post("/bank/import", s.bankImport)
		r.Get("/bank/export", s.bankExport)
		r.Get("/mock", s.mockPage)
		r.Post("/mock", s.mockSave)
		r.Post("/mock/rounds", s.roundsSave)
		r.Get("/charts", s.charts)
		r.Get("/audit", s.auditPage)
	})
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "There is no page here.")
	})
	return r
}

// Serve serves on ln until ctx ends, then shuts down, letting requests
// in flight finish for a few seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-done; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// securityHeaders sets the headers every page carries: no script at all,
// styles only from the site, never framed, no sniffing, and no address
// sent to other sites.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic in a handler into a 500 page and a log line.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("web handler panicked", "path", r.URL.Path, "panic", fmt.Sprint(v))
				s.fail(w, r, http.StatusInternalServerError, "Something went wrong.")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// publicBank hides the public bank pages unless WEB_PUBLIC_BANK is on.
func (s *Server) publicBank(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.cfg.PublicBank {
			s.fail(w, r, http.StatusNotFound, "There is no page here.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// link is the address of path: absolute under PUBLIC_URL, else relative
// to the site's root.
func (s *Server) link(path string) string {
	if s.base == nil {
		return path
	}
	return s.base.String() + path
}

// QuestionURL is the public page of question id on the site at
// publicURL, or "" when there is no public page.
func QuestionURL(publicURL string, publicBank bool, id string) string {
	if publicURL == "" || !publicBank || id == "" {
		return ""
	}
	return strings.TrimSuffix(publicURL, "/") + "/q/" + url.PathEscape(id)
}
