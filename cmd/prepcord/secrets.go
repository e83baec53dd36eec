package main

import (
	"cmp"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"

	"github.com/prepcord/prepcord/store"
)

// What stands in for a secret in messages.
const (
	hiddenSecret   = "[token not shown]"
	hiddenPassword = "***"
	hiddenClient   = "[client secret not shown]"
)

// tokenShape is anything shaped like a Discord bot token: three base64url
// parts joined by dots.
var tokenShape = regexp.MustCompile(`[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}`)

// secret is one value to hide and what stands in for it.
type secret struct{ value, shown string }

// secretHider hides in text the secrets prepcord is configured with: the
// value of DISCORD_TOKEN (with or without its "Bot " prefix), DATABASE_URL
// (shown redacted, postgres://user:***@host/db) and its password wherever
// it appears alone, DISCORD_CLIENT_SECRET, and anything shaped like a
// Discord bot token, which may have been pasted into the wrong variable,
// flag or file. Every error line the command line prints and every log
// line goes through it.
type secretHider struct {
	secrets []secret // longest first, so that no secret is cut by a shorter one
}

// newSecretHider reads the secrets from the environment.
func newSecretHider(getenv func(string) string) *secretHider {
	h := &secretHider{}
	add := func(value, shown string, minLen int) {
		if len(value) >= minLen {
			h.secrets = append(h.secrets, secret{value, shown})
		}
	}
	if tok := strings.TrimSpace(getenv("DISCORD_TOKEN")); tok != "" {
		add(tok, hiddenSecret, 8)
		add(strings.TrimPrefix(tok, "Bot "), hiddenSecret, 8)
	}
	if u := strings.TrimSpace(getenv("DATABASE_URL")); u != "" {
		add(u, store.RedactURL(u), 1)
		// A password of a few characters alone would hide every such run
		// of letters; inside the whole URL above it is hidden all the same.
		for _, pw := range databaseSecrets(u) {
			add(pw, hiddenPassword, 4)
		}
	}
	add(strings.TrimSpace(getenv("DISCORD_CLIENT_SECRET")), hiddenClient, 4)
	slices.SortStableFunc(h.secrets, func(a, b secret) int { return cmp.Compare(len(b.value), len(a.value)) })
	return h
}

// Hide returns msg with every secret replaced.
func (h *secretHider) Hide(msg string) string {
	for _, s := range h.secrets {
		msg = strings.ReplaceAll(msg, s.value, s.shown)
	}
	return tokenShape.ReplaceAllString(msg, hiddenSecret)
}

// replaceAttr hides secrets in a log record's message and attributes
// (slog.HandlerOptions.ReplaceAttr): strings, errors and any other value
// as the handler would print it.
func (h *secretHider) replaceAttr(_ []string, a slog.Attr) slog.Attr {
	switch a.Value.Kind() {
	case slog.KindString:
		a.Value = slog.StringValue(h.Hide(a.Value.String()))
	case slog.KindAny:
		var text string
		switch v := a.Value.Any().(type) {
		case error:
			text = v.Error()
		default:
			text = fmt.Sprint(v)
		}
		if hidden := h.Hide(text); hidden != text {
			a.Value = slog.StringValue(hidden)
		}
	}
	return a
}

// hideSecrets hides every secret of the environment in msg.
func hideSecrets(msg string, getenv func(string) string) string {
	return newSecretHider(getenv).Hide(msg)
}
