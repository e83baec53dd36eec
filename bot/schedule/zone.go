package schedule

import (
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	_ "time/tzdata" // zone data inside the binary, so a slim image still knows every zone
)

//go:embed zones.tsv
var zonesTSV string

// zoneEntry is one row of zones.tsv with its normalised search keys.
type zoneEntry struct {
	name    string // "America/New_York"
	key     string // "america/new_york"
	city    string // "new_york"
	country string // "united states"
}

var (
	zonesOnce sync.Once
	zoneList  []zoneEntry
	zoneNames []string
	zoneByKey map[string]string
)

func loadZoneList() {
	zonesOnce.Do(func() {
		zoneByKey = make(map[string]string)
		for _, line := range strings.Split(zonesTSV, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			name, country, _ := strings.Cut(line, "\t")
			e := zoneEntry{name: name, key: normZone(name), country: normZone(country)}
			e.city = e.key[strings.LastIndexByte(e.key, '/')+1:]
			zoneList = append(zoneList, e)
			zoneNames = append(zoneNames, name)
			zoneByKey[e.key] = name
		}
		sort.Strings(zoneNames)
		sort.Slice(zoneList, func(i, j int) bool { return zoneList[i].name < zoneList[j].name })
	})
}

// normZone lowercases s and writes spaces as underscores, the way IANA names
// spell city names ("new york" -> "new_york").
func normZone(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Join(strings.Fields(s), "_")
	return strings.ReplaceAll(s, "_/_", "/")
}

// Zones returns the IANA zone names offered for autocomplete, sorted: one
// canonical zone per country region (tzdata zone.tab) plus "UTC". LoadZone
// accepts other valid IANA names too. The caller may not modify the slice.
func Zones() []string {
	loadZoneList()
	return zoneNames
}

// zoneAliases are common names that are not IANA zone names, or that users
// type in a form LoadLocation would not find.
var zoneAliases = map[string]string{
	"utc": "UTC", "gmt": "UTC", "z": "UTC", "zulu": "UTC", "etc/utc": "UTC", "etc/gmt": "UTC",
	"universal": "UTC", "coordinated_universal_time": "UTC",
	"calcutta": "Asia/Kolkata", "asia/calcutta": "Asia/Kolkata", "bombay": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
	"delhi": "Asia/Kolkata", "new_delhi": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata",
	"kiev": "Europe/Kyiv", "europe/kiev": "Europe/Kyiv", "saigon": "Asia/Ho_Chi_Minh",
	"san_francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles",
	"boston": "America/New_York", "washington": "America/New_York", "beijing": "Asia/Shanghai",
	"peking": "Asia/Shanghai", "hongkong": "Asia/Hong_Kong",
}

// LoadZone returns the location for an IANA time zone name such as
// "Europe/London". Letter case and spaces for underscores are forgiven
// ("europe/london", "America/New York"); "UTC" and "GMT" mean UTC; a unique
// city ("London", "Kolkata") stands for its zone. "Local" and "" are refused:
// a server's schedule must not depend on the host's zone. An unknown name
// gives an error listing the closest known names.
func LoadZone(name string) (*time.Location, error) {
	loadZoneList()
	raw := strings.TrimSpace(name)
	if raw == "" {
		return nil, errors.New(`no time zone given; use an IANA name such as "Europe/London" or "America/New_York", or "UTC"`)
	}
	key := normZone(raw)
	if key == "local" {
		return nil, errors.New(`"Local" depends on the host; use an IANA name such as "Europe/London", or "UTC"`)
	}
	if a, ok := zoneAliases[key]; ok {
		return time.LoadLocation(a)
	}
	if n, ok := zoneByKey[key]; ok {
		return time.LoadLocation(n)
	}
	if validZoneSyntax(raw) {
		if loc, err := time.LoadLocation(raw); err == nil {
			return loc, nil
		}
	}
	if !strings.Contains(key, "/") {
		var hit string
		for _, e := range zoneList {
			if e.city == key {
				if hit != "" {
					hit = ""
					break
				}
				hit = e.name
			}
		}
		if hit != "" {
			return time.LoadLocation(hit)
		}
	}
	if loc := loadLegacy(key); loc != nil {
		return loc, nil
	}
	if h := abbreviationHint(raw); h != "" {
		return nil, errors.New(h)
	}
	msg := fmt.Sprintf("unknown time zone %q; use an IANA name such as \"Europe/London\" or \"America/New_York\"", raw)
	if s := SuggestZones(raw, 3); len(s) > 0 {
		msg = fmt.Sprintf("unknown time zone %q; did you mean %s?", raw, quoteJoin(s))
	}
	return nil, errors.New(msg)
}

// validZoneSyntax keeps odd input (paths, very long strings) away from
// time.LoadLocation, which would otherwise look for files by that name.
func validZoneSyntax(s string) bool {
	if len(s) == 0 || len(s) > 64 || strings.Contains(s, "..") || strings.HasPrefix(s, "/") {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("/_-+", r)) {
			return false
		}
	}
	return true
}

func quoteJoin(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " or " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// SuggestZones returns up to n zone names from Zones for autocomplete on
// what the user typed so far. Matches come in tiers: the exact zone, city
// or country ("kolkata", "india"); the zone name or its city starts with the
// query ("lon" -> Europe/London); then the name or
// country contains it ("york", "india"); then names whose city or full name
// is within a small edit distance ("Europe/Londn", "kolkatta"). Case and
// spaces-for-underscores are forgiven. An empty query returns the first n
// zones; n <= 0 returns nil.
func SuggestZones(prefix string, n int) []string {
	loadZoneList()
	if n <= 0 {
		return nil
	}
	q := normZone(prefix)
	if len(q) > 64 {
		q = q[:64]
	}
	if q == "" {
		return append([]string(nil), zoneNames[:min(n, len(zoneNames))]...)
	}
	out := make([]string, 0, n)
	seen := make(map[string]bool)
	add := func(name string) bool {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
		return len(out) >= n
	}
	if a, ok := zoneAliases[q]; ok && add(a) {
		return out
	}
	for _, z := range placeZones[q] { // "pst", "est", "cet": the zones of the places meant
		if add(z) {
			return out
		}
	}
	// Tier 0: the exact name, city or country.
	for _, e := range zoneList {
		if (e.key == q || e.city == q || e.country == q) && add(e.name) {
			return out
		}
	}
	// Tier 1: prefix of the full name or of the city.
	for _, e := range zoneList {
		if (strings.HasPrefix(e.key, q) || strings.HasPrefix(e.city, q)) && add(e.name) {
			return out
		}
	}
	// Tier 2: substring of the name, or of the country.
	for _, e := range zoneList {
		if (strings.Contains(e.key, q) || strings.Contains(e.country, q)) && add(e.name) {
			return out
		}
	}
	// Tier 3: fuzzy, by edit distance to the city or to the full name.
	type scored struct {
		name string
		d    int
	}
	limit := max(1, min(3, len(q)/3))
	var fz []scored
	for _, e := range zoneList {
		if seen[e.name] {
			continue
		}
		d := min(levenshtein(q, e.key), levenshtein(q, e.city))
		if i := strings.LastIndexByte(q, '/'); i >= 0 {
			d = min(d, levenshtein(q[i+1:], e.city)+1)
		}
		if d <= limit {
			fz = append(fz, scored{e.name, d})
		}
	}
	sort.Slice(fz, func(i, j int) bool {
		if fz[i].d != fz[j].d {
			return fz[i].d < fz[j].d
		}
		return fz[i].name < fz[j].name
	})
	for _, s := range fz {
		if add(s.name) {
			break
		}
	}
	return out
}

// levenshtein returns the edit distance between a and b, in bytes.
func levenshtein(a, b string) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
