package match

import "strings"

// Topic is a mock interview topic: a stable key (stored, and used as the
// /mock choice value), a display name, and the question bank category the
// interview packet draws from.
type Topic struct {
	Key      string // "system-design"
	Name     string // "System design"
	Category string // "System Design"
}

var topics = []Topic{
	{"behavioral", "Behavioral", "Behavioral & Leadership"},
	{"coding", "Coding", "Coding & Algorithms"},
	{"system-design", "System design", "System Design"},
	{"ml-system-design", "ML system design", "ML System Design"},
	{"machine-learning", "Machine learning", "Machine Learning"},
	{"product", "Product", "Product Sense"},
	{"sql-data", "SQL and data", "SQL & Data"},
	{"statistics", "Statistics", "Statistics & Experimentation"},
}

// Topics returns the mock interview topics in display order. The slice is
// a copy.
func Topics() []Topic { return append([]Topic(nil), topics...) }

// ParseTopic finds a topic by key, display name or bank category, ignoring
// case, spaces, dashes and "&"/"and" differences ("System Design",
// "system_design", "sql & data").
func ParseTopic(s string) (Topic, bool) {
	k := squash(s)
	if k == "" {
		return Topic{}, false
	}
	for _, t := range topics {
		if k == squash(t.Key) || k == squash(t.Name) || k == squash(t.Category) {
			return t, true
		}
	}
	return Topic{}, false
}

// squash lowercases s and keeps only letters and digits, spelling "&" as
// "and", so that spelling variants of a name compare equal.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '&':
			b.WriteString("and")
		}
	}
	return b.String()
}

// topicKey is the key two entries' topics are compared by: the topic's
// stable key when known, else the squashed text.
func topicKey(s string) string {
	if t, ok := ParseTopic(s); ok {
		return t.Key
	}
	return squash(s)
}
