package interview

import (
	"fmt"
	"strings"
	"time"

	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/store"
)

// threadLink names a pairing's thread.
func threadLink(p *store.Pairing) string {
	if p.ThreadID != "" {
		return "<#" + p.ThreadID + ">"
	}
	return "your private thread"
}

// mentions mentions members.
func mentions(ms []store.PairMember) string {
	var parts []string
	for _, x := range ms {
		parts = append(parts, "<@"+x.UserID+">")
	}
	switch len(parts) {
	case 0:
		return "nobody"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// userIDs returns the user ids of members.
func userIDs(ms []store.PairMember) []string {
	out := make([]string, len(ms))
	for i, x := range ms {
		out[i] = x.UserID
	}
	return out
}

// timestamp renders t as Discord timestamps: full date and relative.
func timestamp(t time.Time) string {
	return fmt.Sprintf("<t:%d:F> (<t:%d:R>)", t.Unix(), t.Unix())
}

// duration renders a wait for people: "5 min", "1 h 20 min".
func duration(d time.Duration) string { return mocksetup.Duration(d) }
