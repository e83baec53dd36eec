package data

import (
	"strings"
	"unicode"
)

// Kind says which filter a name belongs to.
type Kind string

// The kinds of names a question is filtered by.
const (
	KindCompany  Kind = "company"
	KindRole     Kind = "role"
	KindCategory Kind = "category"
	KindRound    Kind = "round"
	KindLevel    Kind = "level"
)

// NameKinds are the kinds a question is filtered by name (a member types
// or picks a company, role, category or round), in the order filters are
// checked and shown.
var NameKinds = [...]Kind{KindCompany, KindRole, KindCategory, KindRound}

// FilterKinds are all the kinds a question is filtered by: NameKinds, then
// the level (one of Levels, or an alias such as "junior"), which a
// question has several of, like roles.
var FilterKinds = [...]Kind{KindCompany, KindRole, KindCategory, KindRound, KindLevel}

// Key folds a name to the form names are compared in: lower-case letters
// and digits only, so "TikTok", "tiktok" and "Tik Tok" share the key
// "tiktok". Letters of every script are kept; emoji and punctuation fold away.
func Key(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// canonical maps, per kind, each known key (canonical or alias) to its
// canonical display form. It is read-only data.
var canonical = buildCanonical(map[Kind]map[string][]string{
	KindCompany: {
		"TikTok":     {"tik tok", "bytedance tiktok"},
		"Google":     {"alphabet", "google deepmind"},
		"Meta":       {"facebook", "fb", "instagram", "whatsapp"},
		"Amazon":     {"aws", "amazon web services"},
		"Microsoft":  {"msft", "azure"},
		"Apple":      {"aapl"},
		"Netflix":    {"nflx"},
		"Uber":       {},
		"Airbnb":     {"air bnb"},
		"Stripe":     {},
		"LinkedIn":   {"linked in"},
		"Snap":       {"snapchat", "snap inc"},
		"Pinterest":  {},
		"Spotify":    {},
		"Databricks": {"data bricks"},
		"NVIDIA":     {"nvda"},
		"OpenAI":     {"open ai"},
		"DoorDash":   {"door dash"},
		"Shopify":    {},
		"Salesforce": {"sfdc"},
		"Adobe":      {},
		"Coinbase":   {},
		"Robinhood":  {},
		"Instacart":  {},
		"Lyft":       {},
		"Atlassian":  {"jira"},
		"Bloomberg":  {"bloomberg lp"},
		"Reddit":     {},
		"Duolingo":   {},
	},
	KindRole: {
		"Software Engineer":         {"swe", "sde", "software developer", "software development engineer", "developer", "engineer"},
		"Machine Learning Engineer": {"mle", "ml engineer", "ml", "machine learning", "ai engineer"},
		"Data Scientist":            {"ds", "data science"},
		"Data Engineer":             {"de", "data engineering"},
		"Product Manager":           {"pm", "product", "product management"},
		"Site Reliability Engineer": {"sre", "site reliability", "devops", "production engineer"},
		"Frontend Engineer":         {"fe", "front end", "front-end engineer", "frontend", "web engineer"},
		"Engineering Manager":       {"em", "eng manager", "manager"},
		"Data Analyst":              {"da", "analyst", "data analytics"},
		"Backend Engineer":          {"be", "back end", "backend", "back-end engineer"},
		"Mobile Engineer":           {"mobile", "ios", "android", "ios engineer", "android engineer", "mobile developer"},
	},
	KindCategory: {
		"Behavioral & Leadership":      {"behavioral", "behavioural", "leadership", "behavioral and leadership"},
		"Coding & Algorithms":          {"coding", "algorithms", "dsa", "leetcode", "coding and algorithms"},
		"System Design":                {"systems design", "design", "sysdesign"},
		"ML System Design":             {"ml design", "machine learning system design", "mlsd"},
		"Machine Learning":             {"ml theory", "ml concepts"},
		"Statistics & Experimentation": {"statistics", "stats", "experimentation", "ab testing", "a/b testing", "probability"},
		"SQL & Data":                   {"sql", "data", "sql and data", "databases"},
		"Product Sense":                {"product sense", "product design", "product thinking"},
	},
	KindRound: {
		"Phone Screen":      {"phone", "recruiter screen", "screen"},
		"Technical Screen":  {"tech screen", "technical", "technical phone screen"},
		"Onsite":            {"on site", "on-site", "final", "final round", "loop", "virtual onsite"},
		"Hiring Manager":    {"hm", "hiring manager round", "manager round"},
		"Online Assessment": {"oa", "online test", "coding assessment", "hackerrank", "codesignal"},
		"Take-home":         {"take home", "take-home assignment", "take home project", "homework"},
		"Low-level Design":  {"lld", "machine coding", "object-oriented design", "ood", "low level design round"},
		"Bar Raiser":        {"bar raiser round", "bar-raiser"},
		"Debugging":         {"bug fix", "bug-fix round", "debugging round", "bug squash"},
		"Team Matching":     {"team match", "host matching", "team fit"},
	},
	KindLevel: {
		"intern":   {"internship", "co-op", "coop"},
		"new grad": {"new-grad", "ng", "new graduate", "graduate", "entry level", "entry-level", "junior", "university grad"},
		"mid":      {"mid-level", "mid level", "intermediate"},
		"senior":   {"sr", "senior engineer"},
		"staff":    {"staff engineer"},
	},
})

// groups maps, per kind, the key of a word that names several values to
// their canonical names: a "screen" is a phone screen or a technical
// screen. As a filter, a group selects all of its names. A question still
// has one value, so Canonical keeps mapping such a word to one name (an
// import's round "screen" is a Phone Screen).
var groups = map[Kind]map[string][]string{
	KindRound: {"screen": {"Phone Screen", "Technical Screen"}},
}

// Group returns the canonical names a filter value stands for when it
// names several of them ("screen": Phone Screen and Technical Screen),
// else nil.
func Group(kind Kind, name string) []string {
	return groups[kind][Key(name)]
}

// FilterKey returns the key a filter value is compared and carried under:
// its own key when it names a group, else its CanonicalKey.
func FilterKey(kind Kind, name string) string {
	if k := Key(name); groups[kind][k] != nil {
		return k
	}
	return CanonicalKey(kind, name)
}

// FilterKeys returns the comparison keys of the values a filter value
// selects: those of its group's names, or its CanonicalKey alone.
func FilterKeys(kind Kind, name string) []string {
	g := Group(kind, name)
	if g == nil {
		return []string{CanonicalKey(kind, name)}
	}
	keys := make([]string, len(g))
	for i, n := range g {
		keys[i] = Key(n)
	}
	return keys
}

func buildCanonical(src map[Kind]map[string][]string) map[Kind]map[string]string {
	out := make(map[Kind]map[string]string, len(src))
	for kind, names := range src {
		m := make(map[string]string)
		for display, aliases := range names {
			m[Key(display)] = display
			for _, a := range aliases {
				m[Key(a)] = display
			}
		}
		out[kind] = m
	}
	return out
}

// Canonical returns the display form of a name: the canonical form when
// the name or one of its aliases is known ("tik tok" -> "TikTok",
// "facebook" -> "Meta"), else the name with its blanks trimmed and folded.
func Canonical(kind Kind, name string) string {
	name = strings.Join(strings.Fields(name), " ")
	if d, ok := canonical[kind][Key(name)]; ok {
		return d
	}
	return name
}

// CanonicalKey returns the comparison key of name after alias resolution:
// what the store filters on.
func CanonicalKey(kind Kind, name string) string {
	return Key(Canonical(kind, name))
}

// Known returns the canonical display forms of kind that prepcord knows.
func Known(kind Kind) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range canonical[kind] {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
