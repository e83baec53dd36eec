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

// maxCustomID is Discord's limit on a custom_id's length.
const maxCustomID = 100

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
	if b.Len() > maxCustomID {
		panic(fmt.Sprintf("custom_id %q is longer than %d characters", b.String(), maxCustomID))
	}
	return b.String()
}

// ParseCustomID splits a custom_id into its route and arguments. It rejects
// ids that are empty, too long, or have fewer than two route segments.
func ParseCustomID(id string) (route string, args []string, err error) {
	if id == "" || len(id) > maxCustomID {
		return "", nil, fmt.Errorf("custom_id must be 1-%d characters", maxCustomID)
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
