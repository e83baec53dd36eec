package bot

import (
	"fmt"
	"net/url"
	"strings"
)

// Component custom_ids are short, versioned paths: "q1/solution/{question}",
// "m1/feedback/{pairing}". The first two segments name the route (the
// feature's version prefix and the action); the rest are arguments,
// path-escaped. This file is the only place they are built and parsed.

// MaxCustomID is Discord's limit on a custom_id's length.
const MaxCustomID = 100

// CustomID builds a custom_id from a route such as "q1/solution" and its
// arguments. It panics when the result exceeds Discord's 100 characters,
// which is a programming error: routes and arguments are short ids.
func CustomID(route string, args ...string) string {
	var b strings.Builder
	b.WriteString(route)
	for _, a := range args {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(a))
	}
	if b.Len() > MaxCustomID {
		panic(fmt.Sprintf("custom_id %q is longer than %d characters", b.String(), MaxCustomID))
	}
	return b.String()
}

// ParseCustomID splits a custom_id into its route and arguments. It rejects
// ids that are empty, too long, or have fewer than two route segments.
func ParseCustomID(id string) (route string, args []string, err error) {
	if id == "" || len(id) > MaxCustomID {
		return "", nil, fmt.Errorf("custom_id must be 1-%d characters", MaxCustomID)
	}
	parts := strings.Split(id, "/")
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return "", nil, fmt.Errorf("custom_id %q has no route", id)
	}
	route = parts[0] + "/" + parts[1]
	for _, p := range parts[2:] {
		a, err := url.PathUnescape(p)
		if err != nil {
			return "", nil, fmt.Errorf("custom_id %q: bad argument %q", id, p)
		}
		args = append(args, a)
	}
	return route, args, nil
}

// Route is a component or modal route with the names of its arguments:
// "q1/solution/{question}". A feature declares each route once, as a
// constant, and uses it both to register the handler (Router.Component,
// Router.Modal) and to build the custom_ids its buttons carry (Route.ID),
// so the two cannot drift apart. Handlers read arguments by name with
// Ctx.Var. Trailing arguments may be optional, marked with "?":
// "s1/approve/{suggestion}/{names?}" takes one or two, and Ctx.Var of an
// absent one is "".
type Route string

// Key is the route's first two segments, under which it is registered and
// matched: "q1/solution".
func (r Route) Key() string {
	parts := strings.SplitN(string(r), "/", 3)
	if len(parts) < 2 {
		return string(r)
	}
	return parts[0] + "/" + parts[1]
}

// Params returns the names of the route's arguments, in order.
func (r Route) Params() []string {
	parts := strings.Split(string(r), "/")
	if len(parts) <= 2 {
		return nil
	}
	names := make([]string, 0, len(parts)-2)
	for _, p := range parts[2:] {
		names = append(names, strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(p, "{"), "}"), "?"))
	}
	return names
}

// Required returns how many arguments the route needs: its arguments up
// to the first optional one.
func (r Route) Required() int {
	parts := strings.Split(string(r), "/")
	for i := 2; i < len(parts); i++ {
		if strings.HasSuffix(parts[i], "?}") {
			return i - 2
		}
	}
	return max(len(parts)-2, 0)
}

// ID builds the custom_id of a button or modal for this route. It panics
// when the number of arguments is not one the route takes, a programming
// error that every test of the button would show.
func (r Route) ID(args ...string) string {
	if n := len(r.Params()); len(args) < r.Required() || len(args) > n {
		panic(fmt.Sprintf("route %s takes %d to %d arguments, got %d", r, r.Required(), n, len(args)))
	}
	return CustomID(r.Key(), args...)
}
