package discordtest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// DefaultClientSecret is the OAuth2 client secret a Server accepts when
// Options.ClientSecret is empty.
const DefaultClientSecret = "loopback-client-secret"

// oauthCodeLifetime is how long an authorization code may be exchanged, as
// on Discord (codes are short-lived and used once).
const oauthCodeLifetime = 10 * time.Minute

// oauthCode is an authorization code handed out by /oauth2/authorize.
type oauthCode struct {
	userID, redirectURI, challenge string
	expires                        time.Time
}

// oauth is the loopback's OAuth2 state. It is guarded by Server.mu.
type oauth struct {
	user   string               // username /oauth2/authorize approves as
	codes  map[string]oauthCode // by code
	tokens map[string]string    // access token -> user id
}

// oauthRoutes registers Discord's OAuth2 endpoints: the authorization page
// (outside /api, as on discord.com), the token exchange and the two reads
// a Bearer token allows.
func (s *Server) oauthRoutes() {
	s.oa = oauth{user: "member", codes: map[string]oauthCode{}, tokens: map[string]string{}}
	s.mux.HandleFunc("GET /oauth2/authorize", s.authorize)
	s.handle("POST /oauth2/token", s.postToken)
	s.handle("GET /users/@me/guilds", s.getMyGuilds)
}

// SetOAuth2User sets the member /oauth2/authorize approves as (by
// username, created when new and made a member of every guild); the
// default is "member". It returns that user.
func (s *Server) SetOAuth2User(name string) *discordgo.User {
	u := s.AddUser(name)
	s.mu.Lock()
	s.oa.user = u.Username
	s.mu.Unlock()
	return u
}

// ClientSecret is the OAuth2 client secret the server accepts; the client
// id is the application id.
func (s *Server) ClientSecret() string {
	if s.opts.ClientSecret == "" {
		return DefaultClientSecret
	}
	return s.opts.ClientSecret
}

// OAuth2AuthorizeURL is the loopback's authorization page.
func (s *Server) OAuth2AuthorizeURL() string { return s.baseURL + "/oauth2/authorize" }

// authorize approves at once as the configured user, as if they pressed
// Authorize, and redirects back with code and state. It checks what
// Discord checks: the client, the response type, a redirect URI, the
// scopes, and a PKCE challenge (only S256 is accepted).
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fail := func(msg string) { http.Error(w, msg, http.StatusBadRequest) }
	redirect, err := url.Parse(q.Get("redirect_uri"))
	switch {
	case q.Get("client_id") != s.opts.ApplicationID:
		fail("unknown client_id")
		return
	case q.Get("response_type") != "code":
		fail("response_type must be code")
		return
	case err != nil || !redirect.IsAbs():
		fail("redirect_uri must be an absolute URL")
		return
	case !slices.Contains(strings.Fields(q.Get("scope")), "identify"):
		fail("scope must include identify")
		return
	case q.Get("code_challenge") != "" && q.Get("code_challenge_method") != "S256":
		fail("code_challenge_method must be S256")
		return
	}
	code := s.newID()
	s.mu.Lock()
	u := s.ensureUser(s.oa.user)
	for _, g := range s.w.guilds {
		s.addMember(g, u.ID)
	}
	s.oa.codes[code] = oauthCode{userID: u.ID, redirectURI: redirect.String(), challenge: q.Get("code_challenge"), expires: s.now().Add(oauthCodeLifetime)}
	s.mu.Unlock()
	back := redirect.Query()
	back.Set("code", code)
	if st := q.Get("state"); st != "" {
		back.Set("state", st)
	}
	redirect.RawQuery = back.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

// postToken exchanges an authorization code: the client's id and secret
// (HTTP Basic or form fields), the code (once, before it expires), the
// same redirect_uri, and the PKCE verifier of the code's challenge.
func (s *Server) postToken(c *call) {
	form, err := url.ParseQuery(string(c.rec.Body))
	if err != nil {
		c.json(http.StatusBadRequest, map[string]any{"error": "invalid_request"})
		return
	}
	id, secret, ok := c.r.BasicAuth()
	if !ok {
		id, secret = form.Get("client_id"), form.Get("client_secret")
	}
	if id != s.opts.ApplicationID || subtle.ConstantTimeCompare([]byte(secret), []byte(s.ClientSecret())) != 1 {
		c.json(http.StatusUnauthorized, map[string]any{"error": "invalid_client"})
		return
	}
	if form.Get("grant_type") != "authorization_code" {
		c.json(http.StatusBadRequest, map[string]any{"error": "unsupported_grant_type"})
		return
	}
	s.mu.Lock()
	code, found := s.oa.codes[form.Get("code")]
	delete(s.oa.codes, form.Get("code"))
	s.mu.Unlock()
	grantErr := func(desc string) {
		c.json(http.StatusBadRequest, map[string]any{"error": "invalid_grant", "error_description": desc})
	}
	switch {
	case !found || s.now().After(code.expires):
		grantErr("Invalid \"code\" in request.")
		return
	case form.Get("redirect_uri") != code.redirectURI:
		grantErr("Invalid \"redirect_uri\" in request.")
		return
	case code.challenge != "" && pkceChallenge(form.Get("code_verifier")) != code.challenge:
		grantErr("Invalid \"code_verifier\" in request.")
		return
	}
	token := s.newID() + "." + s.newID()
	s.mu.Lock()
	s.oa.tokens[token] = code.userID
	s.mu.Unlock()
	c.json(http.StatusOK, map[string]any{
		"access_token": token, "token_type": "Bearer", "expires_in": 604800,
		"refresh_token": s.newID(), "scope": "identify guilds",
	})
}

// pkceChallenge is the S256 challenge of a verifier (RFC 7636).
func pkceChallenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// bearerUser returns the user id of a request's Bearer token; ok is false
// when the request carries none. Callers hold s.mu.
func (s *Server) bearerUser(r *http.Request) (userID string, bearer, ok bool) {
	tok, isBearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !isBearer {
		return "", false, false
	}
	userID, ok = s.oa.tokens[tok]
	return userID, true, ok
}

// getMyGuilds lists the Bearer token's user's guilds with their
// permissions there (a string, as Discord sends it).
func (s *Server) getMyGuilds(c *call) {
	s.mu.Lock()
	userID, _, ok := s.bearerUser(c.r)
	if !ok {
		c.unlockAnd(http.StatusUnauthorized, 0, "401: Unauthorized")
		return
	}
	out := []map[string]any{}
	for _, id := range s.w.order {
		g := s.w.guilds[id]
		if _, member := g.members[userID]; !member {
			continue
		}
		perms := g.basePerms(userID)
		out = append(out, map[string]any{
			"id": id, "name": g.g.Name, "icon": nil, "owner": g.g.OwnerID == userID,
			"permissions": strconv.FormatInt(perms, 10), "features": []string{},
		})
	}
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}
