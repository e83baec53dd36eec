package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Handler handles one interaction. Returning an error answers the member
// with an ephemeral message: the error's own text for invalid, not found and
// conflict errors (see package errs), a generic sentence for anything else,
// which is logged.
type Handler func(c *Ctx) error

// Middleware wraps a handler.
type Middleware func(next Handler) Handler

// RouteOption configures a route.
type RouteOption func(*route)

// Admin restricts a route to members with Manage Server or Administrator,
// checked from member.permissions on every call, whatever Discord's
// default_member_permissions say (server admins can override those).
func Admin() RouteOption { return func(r *route) { r.admin = true } }

// DeferEphemeral makes an automatic defer (for a slow handler) ephemeral,
// for routes whose replies only the caller should see.
func DeferEphemeral() RouteOption { return func(r *route) { r.ephemeral = true } }

type route struct {
	name      string
	params    []string // argument names of a component or modal route
	required  int      // how many of them a custom_id must carry
	h         Handler
	admin     bool
	ephemeral bool
}

// Observer receives a record of every interaction handled; the metrics
// endpoint implements it.
type Observer interface {
	Interaction(route, outcome string, latency time.Duration)
}

// Router dispatches interactions to handlers by kind and path: slash
// commands by "name" or "name/subcommand", autocomplete by command name,
// components and modal submits by the route of their custom_id.
type Router struct {
	Log *slog.Logger
	// DeferAfter is how long a handler may run before the router defers
	// the interaction for it (Discord allows 3 s for the first response).
	DeferAfter time.Duration
	Observer   Observer

	commands     map[string]*route
	autocomplete map[string]*route
	components   map[string]*route
	modals       map[string]*route

	closed   atomic.Bool
	inflight sync.WaitGroup
}

// NewRouter returns an empty router.
func NewRouter(log *slog.Logger) *Router {
	return &Router{
		Log: log, DeferAfter: 2 * time.Second,
		commands: map[string]*route{}, autocomplete: map[string]*route{},
		components: map[string]*route{}, modals: map[string]*route{},
	}
}

func add(m map[string]*route, name string, h Handler, opts []RouteOption) {
	if _, dup := m[name]; dup {
		panic("bot: route registered twice: " + name)
	}
	r := &route{name: name, h: h}
	for _, o := range opts {
		o(r)
	}
	m[name] = r
}

// Command routes a slash command: "question", or "daily/setup" for a
// subcommand.
func (r *Router) Command(path string, h Handler, opts ...RouteOption) { add(r.commands, path, h, opts) }

// Autocomplete routes autocomplete requests of a command (any subcommand).
func (r *Router) Autocomplete(command string, h Handler) { add(r.autocomplete, command, h, nil) }

// Component routes buttons and selects by their custom_id's route
// ("q1/solution/{question}"). A custom_id with a number of arguments the
// route does not take is refused before the handler runs.
func (r *Router) Component(route Route, h Handler, opts ...RouteOption) {
	add(r.components, route.Key(), h, opts)
	r.components[route.Key()].params, r.components[route.Key()].required = route.Params(), route.Required()
}

// Modal routes modal submits by their custom_id's route, as Component.
func (r *Router) Modal(route Route, h Handler, opts ...RouteOption) {
	add(r.modals, route.Key(), h, opts)
	r.modals[route.Key()].params, r.modals[route.Key()].required = route.Params(), route.Required()
}

// commandPath returns "name" or "name/sub" or "name/group/sub".
func commandPath(d discordgo.ApplicationCommandInteractionData) string {
	path := d.Name
	opts := d.Options
	for len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		path += "/" + opts[0].Name
		opts = opts[0].Options
	}
	return path
}

// Close stops accepting interactions (new ones get a "restarting" reply)
// and waits up to ctx's deadline for the ones in flight.
func (r *Router) Close(ctx context.Context) error {
	r.closed.Store(true)
	done := make(chan struct{})
	go func() { r.inflight.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("interactions still in flight at shutdown: %w", ctx.Err())
	}
}

// Handle is the discordgo event handler for INTERACTION_CREATE.
func (r *Router) Handle(s *discordgo.Session, i *discordgo.InteractionCreate) {
	r.Dispatch(context.Background(), s, i)
}

// Dispatch handles one interaction; it never panics.
func (r *Router) Dispatch(ctx context.Context, s *discordgo.Session, i *discordgo.InteractionCreate) {
	if i == nil || i.Interaction == nil {
		return
	}
	c := &Ctx{Context: ctx, Session: s, I: i, Log: r.Log, Started: time.Now()}
	r.inflight.Add(1)
	defer r.inflight.Done()
	defer func() {
		// Last line of defence: a panic while routing (not in a handler).
		if p := recover(); p != nil {
			r.Log.Error("panic routing interaction", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	rt, kind := r.match(c)
	if r.closed.Load() {
		if kind != "autocomplete" && i.Type != discordgo.InteractionPing {
			_ = c.ReplyEphemeral("prepcord is restarting; please try again in a minute.")
		}
		return
	}
	if rt == nil {
		r.Log.Warn("no route for interaction", "type", i.Type.String(), "route", c.Route)
		if kind == "autocomplete" {
			_ = c.Choices(nil)
		} else if i.Type != discordgo.InteractionPing {
			_ = c.ReplyEphemeral("This button or command is no longer supported. Run the command again to get a fresh one.")
		}
		return
	}
	h := r.wrap(rt, kind)
	_ = h(c)
}

// match finds the route for the interaction, switching on its type first:
// discordgo's typed data accessors panic on the wrong type.
func (r *Router) match(c *Ctx) (*route, string) {
	switch c.I.Type {
	case discordgo.InteractionApplicationCommand:
		c.Route = commandPath(c.I.ApplicationCommandData())
		return r.commands[c.Route], "command"
	case discordgo.InteractionApplicationCommandAutocomplete:
		d := c.I.ApplicationCommandData()
		c.Route = d.Name
		return r.autocomplete[d.Name], "autocomplete"
	case discordgo.InteractionMessageComponent:
		route, args, err := ParseCustomID(c.I.MessageComponentData().CustomID)
		if err != nil {
			c.Route = "?"
			return nil, "component"
		}
		c.Route, c.Args = route, args
		return r.withArgs(c, r.components[route]), "component"
	case discordgo.InteractionModalSubmit:
		route, args, err := ParseCustomID(c.I.ModalSubmitData().CustomID)
		if err != nil {
			c.Route = "?"
			return nil, "modal"
		}
		c.Route, c.Args = route, args
		return r.withArgs(c, r.modals[route]), "modal"
	}
	return nil, "unknown"
}

// withArgs returns rt when the custom_id carries as many arguments as the
// route takes (a route that names none takes any), else nil: a forged or
// outdated custom_id never reaches a handler that would misread it.
func (r *Router) withArgs(c *Ctx, rt *route) *route {
	if rt == nil || rt.params == nil {
		return rt
	}
	if len(c.Args) < rt.required || len(c.Args) > len(rt.params) {
		return nil
	}
	c.params = rt.params
	return rt
}

// wrap applies the middleware chain: recover, log and observe, admin guard,
// automatic defer, error replies.
func (r *Router) wrap(rt *route, kind string) Handler {
	h := rt.h
	if rt.admin {
		h = adminOnly(h)
	}
	h = r.replyErrors(h, kind)
	if kind != "autocomplete" {
		h = r.autoDefer(h, rt.ephemeral)
	}
	h = r.recovered(h, kind)
	h = r.logged(h, kind)
	return h
}

// recovered turns a panic in a handler into a logged error and an
// ephemeral "Something went wrong" for the member.
func (r *Router) recovered(next Handler, kind string) Handler {
	return func(c *Ctx) (err error) {
		defer func() {
			if p := recover(); p != nil {
				c.Log.Error("panic in handler", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				err = fmt.Errorf("panic: %v", p)
				answerError(c, kind, errs.E(errs.Internal, "panic"))
			}
		}()
		return next(c)
	}
}

// logged records one structured line per interaction and feeds the observer.
func (r *Router) logged(next Handler, kind string) Handler {
	return func(c *Ctx) error {
		c.Log = r.Log.With("interaction", c.I.ID, "guild", c.GuildID(), "user", c.UserID(), "route", c.Route, "kind", kind)
		err := next(c)
		latency := time.Since(c.Started)
		outcome := "ok"
		if err != nil {
			outcome = string(errs.CodeOf(err))
		}
		lvl := slog.LevelInfo
		if kind == "autocomplete" {
			lvl = slog.LevelDebug
		}
		if outcome == string(errs.Internal) {
			lvl = slog.LevelError
		}
		if c.Log.Enabled(c, lvl) {
			attrs := []any{"outcome", outcome, "latency", latency}
			if err != nil {
				attrs = append(attrs, "err", err.Error())
			}
			c.Log.Log(c, lvl, "interaction", attrs...)
		}
		if r.Observer != nil {
			name := c.Route
			if kind == "autocomplete" {
				name += ":autocomplete"
			}
			r.Observer.Interaction(name, outcome, latency)
		}
		return err
	}
}

// adminOnly refuses members without Manage Server or Administrator.
func adminOnly(next Handler) Handler {
	return func(c *Ctx) error {
		if c.InDM() {
			return errs.E(errs.Invalid, "This command works in a server, not in direct messages.")
		}
		if !c.IsAdmin() {
			return errs.E(errs.Invalid, "This needs the **Manage Server** permission in this server.")
		}
		return next(c)
	}
}

// autoDefer defers the interaction when the handler has not answered
// within DeferAfter, so slow work never misses Discord's 3 s deadline.
func (r *Router) autoDefer(next Handler, ephemeral bool) Handler {
	return func(c *Ctx) error {
		if r.DeferAfter <= 0 {
			return next(c)
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTimer(r.DeferAfter)
			defer t.Stop()
			select {
			case <-t.C:
				if err := c.Defer(ephemeral); err != nil {
					c.Log.Warn("automatic defer failed", "err", err)
				}
			case <-stop:
			}
		}()
		err := next(c)
		close(stop)
		wg.Wait()
		return err
	}
}

// replyErrors answers the member when the handler returns an error.
func (r *Router) replyErrors(next Handler, kind string) Handler {
	return func(c *Ctx) error {
		err := next(c)
		if err != nil {
			answerError(c, kind, err)
		}
		return err
	}
}

// answerError tells the member what went wrong, ephemerally.
func answerError(c *Ctx, kind string, err error) {
	if kind == "autocomplete" {
		if !c.Responded() {
			_ = c.Choices(nil)
		}
		return
	}
	msg := errs.Message(err)
	if errs.CodeOf(err) == errs.Internal {
		c.Log.Error("handler failed", "err", err)
		if store.Unavailable(err) {
			msg = UnavailableMessage
		}
	}
	if rerr := c.Reply(ErrorMessage(msg)); rerr != nil {
		c.Log.Warn("could not send the error reply", "err", rerr)
	}
}

// UnavailableMessage is what members see when the database cannot be
// reached (e.g. PostgreSQL restarting): nothing they did was wrong, and the
// same command works again once the database is back.
const UnavailableMessage = "prepcord cannot reach its database right now. Please try again in a moment."

// ErrorColor is the embed colour of error replies.
const ErrorColor = 0xED4245

// ErrorMessage is an ephemeral reply that explains a problem.
func ErrorMessage(text string) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Flags:  discordgo.MessageFlagsEphemeral,
		Embeds: []*discordgo.MessageEmbed{{Description: Truncate(text, 4000), Color: ErrorColor}},
	}
}

// IsErrorMessage reports whether m is an error reply (see ErrorMessage).
func IsErrorMessage(m *discordgo.Message) bool {
	return m != nil && len(m.Embeds) > 0 && m.Embeds[0].Color == ErrorColor
}
