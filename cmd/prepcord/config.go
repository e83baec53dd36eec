package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"

	"github.com/prepcord/prepcord/bot/match"
)

// Config is prepcord's configuration, read from the environment after a
// .env file (when present) has been loaded into it. Every variable is
// documented in .env.example.
type Config struct {
	Token         string        // DISCORD_TOKEN
	APIURL        string        // DISCORD_API_URL
	GuildID       string        // DISCORD_GUILD_ID
	DatabasePath  string        // DATABASE_PATH
	HTTPAddr      string        // HTTP_ADDR
	LogLevel      slog.Level    // LOG_LEVEL
	LogFormat     string        // LOG_FORMAT
	CatchUpWindow time.Duration // DAILY_CATCHUP_WINDOW
	QueueExpiry   time.Duration // MOCK_QUEUE_EXPIRY
}

// DefaultAPIURL is Discord's REST base.
const DefaultAPIURL = "https://discord.com/api/v9"

// loadDotEnv loads path into the environment without overriding variables
// already set. A missing file is fine; a malformed one is an error naming
// the line.
func loadDotEnv(path string) error {
	content, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	vals, err := godotenv.UnmarshalBytes(content)
	if err != nil {
		return fmt.Errorf("%s:%d: %s", path, badDotEnvLine(content), dotEnvReason(err))
	}
	for k, v := range vals {
		if _, set := os.LookupEnv(k); !set {
			os.Setenv(k, v)
		}
	}
	return nil
}

// badDotEnvLine finds the first line that does not parse on its own, so the
// error can name it (godotenv's messages carry no line numbers).
func badDotEnvLine(content []byte) int {
	lines := strings.Split(string(content), "\n")
	for i := range lines {
		if _, err := godotenv.Unmarshal(strings.Join(lines[:i+1], "\n")); err != nil {
			// A quoted value may span lines: only blame a line whose prefix
			// still fails once the next lines are added.
			if _, err2 := godotenv.Unmarshal(strings.Join(lines[:min(len(lines), i+4)], "\n")); err2 != nil {
				// Blame the last line with content (a trailing newline can be
				// where the parser notices).
				for i > 0 && strings.TrimSpace(lines[i]) == "" {
					i--
				}
				return i + 1
			}
		}
	}
	return len(lines)
}

func dotEnvReason(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, " near "); i > 0 {
		msg = msg[:i]
	}
	return msg + " (expected KEY=value)"
}

// loadConfig reads Config from the environment, validating every value.
func loadConfig(getenv func(string) string) (*Config, error) {
	c := &Config{
		Token:        strings.TrimSpace(getenv("DISCORD_TOKEN")),
		APIURL:       strings.TrimSpace(getenv("DISCORD_API_URL")),
		GuildID:      strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		DatabasePath: strings.TrimSpace(getenv("DATABASE_PATH")),
		HTTPAddr:     strings.TrimSpace(getenv("HTTP_ADDR")),
		LogFormat:    strings.ToLower(strings.TrimSpace(getenv("LOG_FORMAT"))),
	}
	c.Token = strings.TrimPrefix(c.Token, "Bot ")
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if c.DatabasePath == "" {
		c.DatabasePath = "prepcord.db"
	}
	if c.GuildID != "" {
		if _, err := strconv.ParseUint(c.GuildID, 10, 64); err != nil {
			return nil, fmt.Errorf("DISCORD_GUILD_ID must be a server id (a number, from Copy Server ID), got %q", c.GuildID)
		}
	}
	switch lvl := strings.ToLower(strings.TrimSpace(getenv("LOG_LEVEL"))); lvl {
	case "", "info":
		c.LogLevel = slog.LevelInfo
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "warn", "warning":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		return nil, fmt.Errorf("LOG_LEVEL must be debug, info, warn or error, got %q", lvl)
	}
	switch c.LogFormat {
	case "":
		c.LogFormat = "text"
	case "text", "json":
	default:
		return nil, fmt.Errorf("LOG_FORMAT must be text or json, got %q", c.LogFormat)
	}
	if c.HTTPAddr != "" {
		host, port, err := net.SplitHostPort(c.HTTPAddr)
		if err != nil {
			return nil, fmt.Errorf("HTTP_ADDR must be host:port, e.g. 127.0.0.1:9090, got %q", c.HTTPAddr)
		}
		if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
			return nil, fmt.Errorf("HTTP_ADDR has a bad port %q", port)
		}
		if host != "" && net.ParseIP(host) == nil && host != "localhost" {
			return nil, fmt.Errorf("HTTP_ADDR host must be an IP address or localhost, got %q", host)
		}
	}
	var err error
	if c.CatchUpWindow, err = durationVar(getenv, "DAILY_CATCHUP_WINDOW", 6*time.Hour); err != nil {
		return nil, err
	}
	c.QueueExpiry = match.DefaultExpiry
	if v := strings.TrimSpace(getenv("MOCK_QUEUE_EXPIRY")); v != "" {
		// The same reader as /mock-admin setup expiry: one set of rules.
		if c.QueueExpiry, err = match.ParseExpiry(v); err != nil {
			return nil, fmt.Errorf("MOCK_QUEUE_EXPIRY: %w", err)
		}
	}
	return c, nil
}

func durationVar(getenv func(string) string, name string, def time.Duration) (time.Duration, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration such as 6h or 90m, got %q", name, v)
	}
	return d, nil
}

// quietLogger is the logger of offline commands: warnings and errors only,
// unless LOG_LEVEL asks for debug.
func (c *Config) quietLogger(w io.Writer) *slog.Logger {
	lvl := max(c.LogLevel, slog.LevelWarn)
	if c.LogLevel == slog.LevelDebug {
		lvl = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: lvl}))
}

// logger builds the process logger.
func (c *Config) logger(w *os.File) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
