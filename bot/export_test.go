package bot

import "sort"

// SetAppID sets the application id as READY would, for tests that drive
// a bot without a gateway (bot_test's fuzzing of every route).
func SetAppID(b *Bot, id string) { b.appID.Store(id) }

// RouteInfo describes one registered route, for tests that cover whatever
// the features register.
type RouteInfo struct {
	Name   string
	Params []string
	Admin  bool
}

// Routes lists the router's routes of one kind ("command", "component" or
// "modal"), sorted by name.
func Routes(r *Router, kind string) []RouteInfo {
	m := map[string]map[string]*route{"command": r.commands, "component": r.components, "modal": r.modals}[kind]
	out := make([]RouteInfo, 0, len(m))
	for _, rt := range m {
		out = append(out, RouteInfo{Name: rt.name, Params: rt.params, Admin: rt.admin})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
