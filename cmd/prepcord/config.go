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
	"unicode"

	"github.com/joho/godotenv"

	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/internal/shard"
	"github.com/prepcord/prepcord/store"
	"github.com/prepcord/prepcord/web"
)

// Config is prepcord's configuration, read from the environment after a
// .env file (when present) has been loaded into it. Every variable is
// documented in .env.example.
type Config struct {
	Token         string        // DISCORD_TOKEN
	APIURL        string        // DISCORD_API_URL
	GuildID       string        // DISCORD_GUILD_ID
	DatabasePath  string        // DATABASE_PATH
	DatabaseURL   string        // DATABASE_URL: postgres://… selects PostgreSQL; empty keeps SQLite
	HTTPAddr      string        // HTTP_ADDR
	LogLevel      slog.Level    // LOG_LEVEL
	LogFormat     string        // LOG_FORMAT
	CatchUpWindow time.Duration // DAILY_CATCHUP_WINDOW
	QueueExpiry   time.Duration // MOCK_QUEUE_EXPIRY
	GlobalRate    float64       // DISCORD_GLOBAL_RATE
	ShardCount    int           // SHARD_COUNT; 0 with ShardAuto
	ShardAuto     bool          // SHARD_COUNT=auto: Discord's recommendation
	ShardIDs      []int         // SHARD_IDS; nil = every shard
	WebAddr       string        // WEB_ADDR: the web companion's listener; "" = off
	PublicBank    bool          // WEB_PUBLIC_BANK
	PublicURL     string        // PUBLIC_URL, checked; "" = relative links, login off
	ClientSecret  string        // DISCORD_CLIENT_SECRET

	// secrets hides the configured secrets in log lines.
	secrets *secretHider
}

// settings are the environment variables prepcord reads, each documented
// in the README's settings table.
func settings() []string {
	return []string{
		"DISCORD_TOKEN", "DISCORD_API_URL", "DISCORD_GLOBAL_RATE", "DISCORD_GUILD_ID",
		"DATABASE_PATH", "DATABASE_URL", "HTTP_ADDR", "LOG_LEVEL", "LOG_FORMAT",
		"DAILY_CATCHUP_WINDOW", "MOCK_QUEUE_EXPIRY", "SHARD_COUNT", "SHARD_IDS",
		"WEB_ADDR", "WEB_PUBLIC_BANK", "PUBLIC_URL",
		"DISCORD_CLIENT_SECRET", // for the web companion's login; hidden in every message
	}
}

// defaultDatabasePath is DATABASE_PATH's default.
const defaultDatabasePath = "prepcord.db"

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
		return dotEnvError(path, content, err)
	}
	for k, v := range vals {
		if _, set := os.LookupEnv(k); !set {
			os.Setenv(k, v)
		}
	}
	return nil
}

// dotEnvError describes a malformed .env by the number of its first bad
// line and, when that line assigns a well-formed variable name, the name.
// It never quotes the line or godotenv's message, which quotes it: the value
// there may be the bot token.
func dotEnvError(path string, content []byte, err error) error {
	n := badDotEnvLine(content)
	lines := strings.Split(string(content), "\n")
	name := ""
	if n >= 1 && n <= len(lines) {
		name = dotEnvName(lines[n-1])
	}
	var reason string
	switch msg := err.Error(); {
	case strings.HasPrefix(msg, "unterminated quoted value"):
		reason = "its quoted value has no closing quote"
	case strings.HasPrefix(msg, "unexpected character"):
		reason = "a variable name may hold only letters, digits, '_' and '.'"
	default:
		reason = "it does not parse"
	}
	if name != "" {
		return fmt.Errorf("%s:%d: %s: %s (expected KEY=value; the value is not shown)", path, n, name, reason)
	}
	return fmt.Errorf("%s:%d: %s (expected KEY=value; the line is not shown)", path, n, reason)
}

// dotEnvName returns the variable a .env line assigns (KEY=… or KEY: …,
// optionally after "export"), or "" when the line has no well-formed name
// before its '=' or ':'. A line without either gives "": such a line may be
// a token pasted on its own, which looks like a name.
func dotEnvName(line string) string {
	line = strings.TrimSpace(line)
	if rest, ok := strings.CutPrefix(line, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		line = strings.TrimSpace(rest)
	}
	i := strings.IndexAny(line, "=:")
	if i <= 0 {
		return ""
	}
	name := strings.TrimSpace(line[:i])
	if name == "" {
		return ""
	}
	for _, r := range name {
		if r != '_' && r != '.' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return ""
		}
	}
	return name
}

// badDotEnvLine finds the line where a malformed .env goes wrong, so the
// error can name it (godotenv's messages carry no line numbers): the line
// after the longest run of leading lines that parses, which is where the
// statement that never parses begins (a quoted value may span lines, so a
// prefix ending inside one fails for a while and then parses again).
func badDotEnvLine(content []byte) int {
	lines := strings.Split(string(content), "\n")
	good := 0
	for k := 1; k <= len(lines); k++ {
		if _, err := godotenv.Unmarshal(strings.Join(lines[:k], "\n")); err == nil {
			good = k
		}
	}
	// Blame the last line with content (a trailing newline can be where
	// the parser notices).
	i := min(good, len(lines)-1)
	for i > 0 && strings.TrimSpace(lines[i]) == "" {
		i--
	}
	return i + 1
}

// loadConfig reads Config from the environment, validating every value.
func loadConfig(getenv func(string) string) (*Config, error) {
	c := &Config{
		Token:        strings.TrimSpace(getenv("DISCORD_TOKEN")),
		APIURL:       strings.TrimSpace(getenv("DISCORD_API_URL")),
		GuildID:      strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		DatabasePath: strings.TrimSpace(getenv("DATABASE_PATH")),
		DatabaseURL:  strings.TrimSpace(getenv("DATABASE_URL")),
		HTTPAddr:     strings.TrimSpace(getenv("HTTP_ADDR")),
		LogFormat:    strings.ToLower(strings.TrimSpace(getenv("LOG_FORMAT"))),
		secrets:      newSecretHider(getenv),
	}
	c.Token = strings.TrimPrefix(c.Token, "Bot ")
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if _, err := discordhttp.ParseAPIURL(c.APIURL); err != nil {
		// Not quoted: a proxy's address may carry a password or a key.
		return nil, errors.New("DISCORD_API_URL must be an http or https address with a host and no user name, password, query or fragment, e.g. " + DefaultAPIURL + " (the value is not shown)")
	}
	if c.DatabaseURL != "" {
		if err := checkDatabaseURL(c.DatabaseURL); err != nil {
			return nil, err
		}
		// DATABASE_PATH at its default names no choice; any other file does.
		if c.DatabasePath != "" && c.DatabasePath != defaultDatabasePath {
			return nil, fmt.Errorf("DATABASE_URL selects PostgreSQL, but DATABASE_PATH names the SQLite file %q: set only one of them (empty DATABASE_URL keeps SQLite)", c.DatabasePath)
		}
	}
	if c.DatabasePath == "" {
		c.DatabasePath = defaultDatabasePath
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
	if err := checkListenAddr("HTTP_ADDR", c.HTTPAddr, "127.0.0.1:9090"); err != nil {
		return nil, err
	}
	if err := c.loadWeb(getenv); err != nil {
		return nil, err
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
	if c.GlobalRate, err = globalRate(getenv("DISCORD_GLOBAL_RATE")); err != nil {
		return nil, err
	}
	if err := c.loadShards(getenv); err != nil {
		return nil, err
	}
	return c, nil
}

// checkListenAddr checks a listener setting: empty (off) or host:port
// with an IP address or localhost.
func checkListenAddr(name, addr, example string) error {
	if addr == "" {
		return nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%s must be host:port, e.g. %s, got %q", name, example, addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("%s has a bad port %q", name, port)
	}
	if host != "" && net.ParseIP(host) == nil && host != "localhost" {
		return fmt.Errorf("%s host must be an IP address or localhost, got %q", name, host)
	}
	return nil
}

// loadWeb reads the web companion's settings: WEB_ADDR, WEB_PUBLIC_BANK,
// PUBLIC_URL and DISCORD_CLIENT_SECRET.
func (c *Config) loadWeb(getenv func(string) string) error {
	c.WebAddr = strings.TrimSpace(getenv("WEB_ADDR"))
	if err := checkListenAddr("WEB_ADDR", c.WebAddr, "127.0.0.1:8080"); err != nil {
		return err
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("WEB_PUBLIC_BANK"))); v {
	case "", "false", "0", "no", "off":
	case "true", "1", "yes", "on":
		c.PublicBank = true
	default:
		return fmt.Errorf("WEB_PUBLIC_BANK must be true or false, got %q", v)
	}
	c.PublicURL = strings.TrimSpace(getenv("PUBLIC_URL"))
	if c.PublicURL != "" {
		u, err := web.ParsePublicURL(c.PublicURL)
		if err != nil {
			return err
		}
		c.PublicURL = u.String()
	}
	c.ClientSecret = strings.TrimSpace(getenv("DISCORD_CLIENT_SECRET"))
	return nil
}

// globalRate reads DISCORD_GLOBAL_RATE: this process's share of Discord's
// global limit, in requests per second.
func globalRate(v string) (float64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return discordhttp.GlobalRate, nil
	}
	r, err := strconv.ParseFloat(v, 64)
	if err != nil || !(r >= 1 && r <= discordhttp.GlobalRate) {
		return 0, fmt.Errorf("DISCORD_GLOBAL_RATE must be a number of requests per second from 1 to %d, Discord's global limit (N processes without a shared proxy set %d/N each, e.g. 16.6 for 3), got %q",
			discordhttp.GlobalRate, discordhttp.GlobalRate, v)
	}
	return r, nil
}

// loadShards reads SHARD_COUNT and SHARD_IDS. With SHARD_COUNT=auto the ids
// are checked against Discord's recommendation when the bot starts.
func (c *Config) loadShards(getenv func(string) string) error {
	switch v := strings.ToLower(strings.TrimSpace(getenv("SHARD_COUNT"))); v {
	case "":
		c.ShardCount = 1
	case "auto":
		c.ShardAuto = true
	default:
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return fmt.Errorf("SHARD_COUNT must be a number of shards (1 or more) or auto, got %q", v)
		}
		c.ShardCount = n
	}
	v := strings.TrimSpace(getenv("SHARD_IDS"))
	if v == "" {
		return nil
	}
	ids, err := shard.ParseIDs(v)
	if err != nil {
		return fmt.Errorf("SHARD_IDS must list shards such as 0-3, 5 or 0,2,4-6: %v", err)
	}
	if !c.ShardAuto {
		if _, err := shard.Check(ids, c.ShardCount); err != nil {
			return fmt.Errorf("SHARD_IDS: %v; set SHARD_COUNT to the deployment's number of shards", err)
		}
	}
	c.ShardIDs = ids
	return nil
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

// Database describes where the data is kept, fit to print: DATABASE_URL
// with its password replaced by *** (postgres://prepcord:***@db/prepcord),
// or the SQLite file.
func (c *Config) Database() string {
	if c.DatabaseURL != "" {
		return store.RedactURL(c.DatabaseURL)
	}
	return "sqlite:" + c.DatabasePath
}

// Location is where the store opens the data: DATABASE_URL when set
// (PostgreSQL), else the SQLite file at DATABASE_PATH. It may hold a
// password: print Database() instead.
func (c *Config) Location() string {
	if c.DatabaseURL != "" {
		return c.DatabaseURL
	}
	return c.DatabasePath
}

// quietLogger is the logger of offline commands: warnings and errors only,
// unless LOG_LEVEL asks for debug.
func (c *Config) quietLogger(w io.Writer) *slog.Logger {
	lvl := max(c.LogLevel, slog.LevelWarn)
	if c.LogLevel == slog.LevelDebug {
		lvl = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(w, c.handlerOptions(lvl)))
}

// logger builds the process logger.
func (c *Config) logger(w *os.File) *slog.Logger {
	opts := c.handlerOptions(c.LogLevel)
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// handlerOptions are the log handlers' options: the level, and every
// configured secret hidden in every line.
func (c *Config) handlerOptions(lvl slog.Level) *slog.HandlerOptions {
	opts := &slog.HandlerOptions{Level: lvl}
	if c.secrets != nil {
		opts.ReplaceAttr = c.secrets.replaceAttr
	}
	return opts
}
