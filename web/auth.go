package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Cookies of the site.
const (
	sessionCookie = "prepcord_session"
	loginCookie   = "prepcord_login" // state and PKCE verifier while Discord asks
)

// sessionLifetime is how long a login lasts.
const sessionLifetime = 7 * 24 * time.Hour

// Discord permission bits the admin pages look at.
const (
	permAdministrator = 1 << 3
	permManageGuild   = 1 << 5
)

// guildInfo is a server of a logged-in member, as Discord lists it.
type guildInfo struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Owner       bool   `json:"owner"`
	Permissions string `json:"permissions"`
}

// manages reports whether the member may manage the server.
func (g guildInfo) manages() bool {
	p, _ := strconv.ParseInt(g.Permissions, 10, 64)
	return g.Owner || p&(permAdministrator|permManageGuild) != 0
}

// loginOn reports whether login with Discord is configured.
func (s *Server) loginOn() bool {
	return s.base != nil && s.cfg.ClientID != "" && s.cfg.ClientSecret != ""
}

// oauthConfig is the OAuth2 client. Its endpoints follow DISCORD_API_URL's
// host, as the bot's REST calls do: discord.com in production, the
// loopback Discord in tests and `prepcord try --web`.
func (s *Server) oauthConfig() *oauth2.Config {
	api := strings.TrimSuffix(s.cfg.APIURL, "/")
	site := "https://discord.com"
	if u, err := url.Parse(api); err == nil && u.Host != "discord.com" {
		site = u.Scheme + "://" + u.Host
	}
	return &oauth2.Config{
		ClientID: s.cfg.ClientID, ClientSecret: s.cfg.ClientSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL: site + "/oauth2/authorize", TokenURL: api + "/oauth2/token",
			AuthStyle: oauth2.AuthStyleInHeader,
		},
		RedirectURL: s.link("/auth/callback"),
		Scopes:      []string{"identify", "guilds"},
	}
}

// randomToken is 256 random bits, URL-safe.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// cookie is a site cookie: HttpOnly, SameSite=Lax, Secure behind https.
func (s *Server) cookie(name, value, path string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{Name: name, Value: value, Path: path, HttpOnly: true, Secure: s.https, SameSite: http.SameSiteLaxMode}
	if maxAge < 0 {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(maxAge.Seconds())
	}
	return c
}

// login sends the visitor to Discord with a fresh state and PKCE verifier,
// kept in a short-lived cookie until Discord sends them back.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if !s.loginOn() {
		s.render(w, r, http.StatusServiceUnavailable, "loginoff", "Login is off", nil)
		return
	}
	state, verifier := randomToken(), oauth2.GenerateVerifier()
	http.SetCookie(w, s.cookie(loginCookie, state+"."+verifier, "/auth", 10*time.Minute))
	http.Redirect(w, r, s.oauthConfig().AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

// callback finishes a login: the state must be the one this browser was
// given, Discord must accept the code with the PKCE verifier, and then
// the member and their servers are read and a session begins.
func (s *Server) callback(w http.ResponseWriter, r *http.Request) {
	if !s.loginOn() {
		s.render(w, r, http.StatusServiceUnavailable, "loginoff", "Login is off", nil)
		return
	}
	http.SetCookie(w, s.cookie(loginCookie, "", "/auth", -1))
	c, err := r.Cookie(loginCookie)
	state, verifier, _ := strings.Cut(valueOf(c, err), ".")
	got := r.URL.Query().Get("state")
	if state == "" || verifier == "" || subtle.ConstantTimeCompare([]byte(state), []byte(got)) != 1 {
		s.fail(w, r, http.StatusBadRequest, "This login link is stale or was not started here. Log in again.")
		return
	}
	if e := r.URL.Query().Get("error"); e != "" {
		s.fail(w, r, http.StatusBadRequest, "Discord did not approve the login. Log in again to retry.")
		return
	}
	ctx := context.WithValue(r.Context(), oauth2.HTTPClient, s.cfg.HTTPClient)
	tok, err := s.oauthConfig().Exchange(ctx, r.URL.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		s.log.Warn("web login: Discord refused the code", "err", err)
		s.fail(w, r, http.StatusBadRequest, "Discord did not accept this login. Log in again.")
		return
	}
	var me struct {
		ID       string `json:"id"`
		Username string `json:"username"`
		Global   string `json:"global_name"`
	}
	if err := s.discordGet(r.Context(), tok.AccessToken, "/users/@me", &me); err != nil || me.ID == "" {
		s.internal(w, r, fmt.Errorf("reading the member from Discord: %v", err))
		return
	}
	guilds, err := s.memberGuilds(r.Context(), tok.AccessToken)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	gj, _ := json.Marshal(guilds)
	name := me.Global
	if name == "" {
		name = me.Username
	}
	id := randomToken()
	ws := store.WebSession{
		UserID: me.ID, Username: name, CSRF: randomToken(), Guilds: string(gj), AccessToken: tok.AccessToken,
		CreatedAt: s.cfg.Now().UnixMilli(), ExpiresAt: s.cfg.Now().Add(sessionLifetime).UnixMilli(),
	}
	if err := s.st.Web.CreateSession(r.Context(), id, ws); err != nil {
		s.internal(w, r, err)
		return
	}
	http.SetCookie(w, s.cookie(sessionCookie, id, "/", sessionLifetime))
	http.Redirect(w, r, s.link("/me"), http.StatusSeeOther)
}

// valueOf is a cookie's value, "" when absent.
func valueOf(c *http.Cookie, err error) string {
	if err != nil {
		return ""
	}
	return c.Value
}

// memberGuilds asks Discord for the member's servers and permissions.
func (s *Server) memberGuilds(ctx context.Context, accessToken string) ([]guildInfo, error) {
	var guilds []guildInfo
	if err := s.discordGet(ctx, accessToken, "/users/@me/guilds", &guilds); err != nil {
		return nil, fmt.Errorf("reading the member's servers from Discord: %w", err)
	}
	return guilds, nil
}

// discordGet reads path from Discord's API with the member's token.
func (s *Server) discordGet(ctx context.Context, accessToken, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(s.cfg.APIURL, "/")+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	resp, err := s.cfg.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		return errUnauthorized
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("Discord answered %s", resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// errUnauthorized: Discord no longer accepts the member's token.
var errUnauthorized = errors.New("Discord no longer accepts this login")

// logout ends the session (POST, with the form's CSRF token).
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.st.Web.DeleteSession(r.Context(), c.Value); err != nil {
			s.internal(w, r, err)
			return
		}
	}
	http.SetCookie(w, s.cookie(sessionCookie, "", "/", -1))
	http.Redirect(w, r, s.link("/"), http.StatusSeeOther)
}

// ctxKey keys the request context.
type ctxKey int

const (
	keySession    ctxKey = iota // *store.WebSession
	keyAdminGuild               // adminGuild, on admin pages
)

// sessionOf is the request's session, nil for visitors.
func sessionOf(r *http.Request) *store.WebSession {
	ws, _ := r.Context().Value(keySession).(*store.WebSession)
	return ws
}

// loadSession finds the session of the request's cookie, if any.
func (s *Server) loadSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		ws, err := s.st.Web.Session(r.Context(), c.Value)
		switch {
		case errs.CodeOf(err) == errs.NotFound:
			http.SetCookie(w, s.cookie(sessionCookie, "", "/", -1)) // ended or expired
		case err != nil:
			s.internal(w, r, err)
			return
		default:
			r = r.WithContext(context.WithValue(r.Context(), keySession, ws))
		}
		next.ServeHTTP(w, r)
	})
}

// requireLogin sends visitors to the login page.
func (s *Server) requireLogin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sessionOf(r) == nil {
			if r.Method != http.MethodGet {
				s.fail(w, r, http.StatusForbidden, "Your session has ended: log in again.")
				return
			}
			http.Redirect(w, r, s.link("/login"), http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// checkCSRF refuses a form sent without the session's token.
func (s *Server) checkCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		ws := sessionOf(r)
		limit := int64(1 << 20)
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			// A bank file: /bank import's limit, and room for the form.
			limit += data.MaxFileBytes
			var tooLarge *http.MaxBytesError
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			if err := r.ParseMultipartForm(1 << 20); errors.As(err, &tooLarge) {
				s.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("The file is too large: the limit is %d MiB. Split it into smaller files.", data.MaxFileBytes>>20))
				return
			}
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if ws == nil || subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(ws.CSRF)) != 1 {
			s.fail(w, r, http.StatusForbidden, "This form is out of date. Go back, reload the page and send it again.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// guildsOf is the session's servers as listed at login.
func guildsOf(ws *store.WebSession) []guildInfo {
	var gs []guildInfo
	_ = json.Unmarshal([]byte(ws.Guilds), &gs)
	return gs
}
