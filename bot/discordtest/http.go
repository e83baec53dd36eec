package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxBody is Discord's upload limit for bots without boosts (25 MiB) plus form overhead.
const maxBody = 26 << 20

// Request is one recorded REST request and its answer.
type Request struct {
	Time time.Time // the server's clock (Options.Now)
	// Received is the real time the request arrived, the clock the global
	// rate limit counts by.
	Received    time.Time
	Method      string
	Path        string // without the /api/v9 prefix
	Route       string // method and template: "POST /channels/{id}/messages"
	Query       string
	ContentType string
	Body        []byte // raw body as sent
	JSON        []byte // the JSON payload (payload_json for multipart/form-data)
	Files       []File // files[n] parts of a multipart body
	Status      int
	Response    []byte
	Duration    time.Duration
}

// File is an uploaded or attached file.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// Requests returns every REST request recorded so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// RequestsTo returns the recorded requests of one route, for example
// "POST /channels/{id}/messages" or "POST /interactions/{id}/{token}/callback".
func (s *Server) RequestsTo(route string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Route == route {
			out = append(out, r)
		}
	}
	return out
}

// Fault makes the server answer matching requests with an error or slowly.
type Fault struct {
	// Route is "METHOD /template" as in Request.Route; empty matches every REST request.
	Route string
	// Status to answer with: 429, 500, 502, 503, ...; 0 answers normally after Delay.
	Status int
	// RetryAfter is the 429 wait in seconds. Default 0.1.
	RetryAfter float64
	// Global marks a 429 as the global rate limit.
	Global bool
	// Times is how many requests the fault affects; 0 means until ClearFaults.
	Times int
	// Delay holds the answer back this long.
	Delay time.Duration
}

type faultState struct {
	Fault
	used int
}

// Fault registers a fault; faults apply in registration order, one per request.
func (s *Server) Fault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultState{Fault: f})
}

// ClearFaults removes every registered fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault returns the first fault matching a route and counts its use. Callers hold s.mu.
func (s *Server) takeFault(route string) *Fault {
	for i, f := range s.faults {
		if f.Route != "" && f.Route != route {
			continue
		}
		f.used++
		if f.Times > 0 && f.used >= f.Times {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		out := f.Fault
		return &out
	}
	return nil
}

// exemptFromGlobal reports whether a route is outside the global rate limit (interaction
// endpoints are, per Discord's documentation).
func exemptFromGlobal(route string) bool {
	return strings.Contains(route, " /interactions/") || strings.Contains(route, " /webhooks/{app}/{token}")
}

// overGlobalLimit applies Options.RateLimit and returns the wait when exceeded. Callers hold s.mu.
func (s *Server) overGlobalLimit(route string) time.Duration {
	if s.opts.RateLimit <= 0 || exemptFromGlobal(route) {
		return 0
	}
	now := time.Now()
	cut := now.Add(-time.Second)
	i := 0
	for i < len(s.rateWin) && s.rateWin[i].Before(cut) {
		i++
	}
	s.rateWin = s.rateWin[i:]
	if len(s.rateWin) >= s.opts.RateLimit {
		return s.rateWin[0].Add(time.Second).Sub(now)
	}
	s.rateWin = append(s.rateWin, now)
	return 0
}

// call is one REST request being answered.
type call struct {
	s     *Server
	w     http.ResponseWriter
	r     *http.Request
	route string
	rec   *Request
	raw   []byte // JSON payload
	files []File
	// changed asks serveAPI to wake waiters once the request is recorded, so a test that
	// waited for an effect also finds the request that caused it.
	changed bool
	// publish runs under s.mu when the request is recorded.
	publish []func()
}

type handlerFunc func(c *call)

// handle registers a REST route; pattern is "METHOD /template" without the prefix.
func (s *Server) handle(pattern string, fn handlerFunc) {
	method, path, _ := strings.Cut(pattern, " ")
	s.mux.HandleFunc(method+" "+apiPrefix+path, func(w http.ResponseWriter, r *http.Request) {
		s.serveAPI(w, r, pattern, fn)
	})
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, route string, fn handlerFunc) {
	start := time.Now()
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	rec := &Request{
		Time: s.now(), Received: start, Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, apiPrefix), Route: route,
		Query: r.URL.RawQuery, ContentType: r.Header.Get("Content-Type"), Body: body,
	}
	c := &call{s: s, w: w, r: r, route: route, rec: rec}
	defer func() {
		rec.Duration = time.Since(start)
		s.mu.Lock()
		s.reqs = append(s.reqs, *rec)
		for _, f := range c.publish {
			f()
		}
		if c.changed || len(c.publish) > 0 {
			s.notify()
		}
		s.mu.Unlock()
		s.log.Debug("rest", "route", route, "status", rec.Status, "took", rec.Duration)
	}()
	if err != nil {
		c.error(http.StatusBadRequest, 0, "400: Bad Request")
		return
	}
	if len(body) > maxBody {
		c.error(http.StatusRequestEntityTooLarge, 40005, "Request entity too large")
		return
	}

	s.mu.Lock()
	var f *Fault
	wait := s.overGlobalLimit(route)
	if wait == 0 {
		f = s.takeFault(route)
	}
	s.mu.Unlock()
	if f != nil && f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if wait > 0 {
		c.rateLimited(wait.Seconds(), true)
		return
	}
	if f != nil && f.Status != 0 {
		c.fault(f)
		return
	}
	if route == "" {
		s.mu.Lock()
		s.violate("unknown-route", r.Method+" "+rec.Path, rec.Path, "no such route on Discord's API v9")
		s.mu.Unlock()
		c.error(http.StatusNotFound, 0, "404: Not Found")
		return
	}
	s.mu.Lock()
	_, bearer, bearerOK := s.bearerUser(r)
	s.mu.Unlock()
	if bearer && (!bearerRoute(route) || !bearerOK) || !bearer && needsAuth(route) && !validAuth(r.Header.Get("Authorization"), s.opts.Token) {
		s.mu.Lock()
		s.violate("unauthorized", route, rec.Path, "missing or wrong Authorization header")
		s.mu.Unlock()
		c.error(http.StatusUnauthorized, 0, "401: Unauthorized")
		return
	}
	if !c.decodeBody() {
		return
	}
	if s.spec != nil && c.raw != nil {
		if msg := s.spec.validate(r.Method, route, rec.Path, c.raw); msg != "" {
			s.mu.Lock()
			s.violate("openapi", route, rec.Path, msg)
			s.mu.Unlock()
		}
	}
	fn(c)
}

// needsAuth reports whether a route requires the bot's Authorization header.
func needsAuth(route string) bool {
	return route != "GET /gateway" && route != "POST /oauth2/token" && !exemptFromGlobal(route)
}

// bearerRoute reports whether a member's OAuth2 Bearer token may call a
// route (the scopes identify and guilds).
func bearerRoute(route string) bool {
	return route == "GET /users/@me" || route == "GET /users/@me/guilds"
}

func validAuth(header, token string) bool {
	v, ok := strings.CutPrefix(header, "Bot ")
	return ok && v == token
}

// decodeBody extracts the JSON payload and files from a JSON or multipart body.
func (c *call) decodeBody() bool {
	body := c.rec.Body
	if len(body) == 0 {
		return true
	}
	ct := c.rec.ContentType
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = ""
	}
	switch mt {
	case "application/json":
		c.raw = body
	case "application/x-www-form-urlencoded":
		// The OAuth2 token exchange: its handler reads the form.
		return true
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				c.error(http.StatusBadRequest, 50035, "Invalid Form Body")
				return false
			}
			data, _ := io.ReadAll(p)
			name := p.FormName()
			switch {
			case name == "payload_json":
				c.raw = data
			case strings.HasPrefix(name, "files[") || strings.HasPrefix(name, "file"):
				c.files = append(c.files, File{Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
			}
		}
	default:
		c.error(http.StatusBadRequest, 50035, "Invalid Form Body")
		return false
	}
	c.rec.JSON = c.raw
	c.rec.Files = c.files
	if c.raw != nil && !json.Valid(c.raw) {
		c.error(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return false
	}
	return true
}

// object decodes the payload as a JSON object; a missing body is an empty object.
func (c *call) object() (map[string]any, bool) {
	obj := map[string]any{}
	if c.raw == nil {
		return obj, true
	}
	if err := jsonUnmarshal(c.raw, &obj); err != nil {
		fe := newFormErrors()
		fe.add(nil, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		c.formError(fe)
		return nil, false
	}
	return obj, true
}

func (c *call) write(status int, body []byte) {
	h := c.w.Header()
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	if h.Get("X-RateLimit-Limit") == "" && status != http.StatusTooManyRequests {
		bucket := routeBucket(c.route, c.r)
		h.Set("X-RateLimit-Bucket", bucket)
		h.Set("X-RateLimit-Limit", "50")
		h.Set("X-RateLimit-Remaining", "49")
		h.Set("X-RateLimit-Reset-After", "1.000")
		h.Set("X-RateLimit-Reset", fmt.Sprintf("%.3f", float64(time.Now().Add(time.Second).UnixMilli())/1000))
	}
	c.w.WriteHeader(status)
	if body != nil {
		_, _ = c.w.Write(body)
	}
	c.rec.Status = status
	c.rec.Response = body
}

// routeBucket names a rate limit bucket after the route and its top-level resource.
func routeBucket(route string, r *http.Request) string {
	h := fnv.New64a()
	_, _ = io.WriteString(h, route+" "+r.PathValue("id"))
	return fmt.Sprintf("%016x", h.Sum64())
}

func (c *call) json(status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		c.error(http.StatusInternalServerError, 0, "500: Internal Server Error")
		return
	}
	c.write(status, b)
}

func (c *call) noContent() { c.write(http.StatusNoContent, nil) }

// error answers with Discord's error JSON: {"message": ..., "code": ...}.
func (c *call) error(status, code int, message string) {
	c.json(status, map[string]any{"message": message, "code": code})
}

func (c *call) formError(fe *formErrors) {
	c.json(http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035, "errors": fe.tree})
}

// rateLimited answers 429 as Discord does, with body and headers.
func (c *call) rateLimited(retryAfter float64, global bool) {
	h := c.w.Header()
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(retryAfter))))
	scope := "user"
	if global {
		h.Set("X-RateLimit-Global", "true")
		scope = "global"
	} else {
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset-After", fmt.Sprintf("%.3f", retryAfter))
		h.Set("X-RateLimit-Reset", fmt.Sprintf("%.3f", float64(time.Now().UnixMilli())/1000+retryAfter))
		h.Set("X-RateLimit-Bucket", routeBucket(c.route, c.r))
	}
	h.Set("X-RateLimit-Scope", scope)
	c.json(http.StatusTooManyRequests, map[string]any{"message": "You are being rate limited.", "retry_after": retryAfter, "global": global})
}

func (c *call) fault(f *Fault) {
	switch f.Status {
	case http.StatusTooManyRequests:
		ra := f.RetryAfter
		if ra <= 0 {
			ra = 0.1
		}
		c.rateLimited(ra, f.Global)
	case http.StatusBadGateway:
		c.w.Header().Set("Content-Type", "text/html")
		c.w.WriteHeader(http.StatusBadGateway)
		body := []byte("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>")
		_, _ = c.w.Write(body)
		c.rec.Status = http.StatusBadGateway
		c.rec.Response = body
	default:
		c.error(f.Status, 0, fmt.Sprintf("%d: %s", f.Status, http.StatusText(f.Status)))
	}
}
