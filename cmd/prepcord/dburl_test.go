package main

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dbPassword is the password the tests put in DATABASE_URL; its pieces
// must never be printed.
const dbPassword = "Sup3r-S3cret/pw"

// dbPasswordForms are the ways the password can be written or shown.
var dbPasswordForms = []string{dbPassword, "Sup3r-S3cret%2Fpw", "Sup3r", "S3cret"}

// TestDatabaseURLErrors: every bad DATABASE_URL, and one that conflicts
// with DATABASE_PATH, stops prepcord with one clear line and exit 1, and
// the password appears nowhere in what it printed.
func TestDatabaseURLErrors(t *testing.T) {
	tests := []struct {
		name, url, path string
		want            string
	}{
		{"bad port", "postgres://prepcord:Sup3r-S3cret%2Fpw@db:54x2/prepcord", "", "DATABASE_URL is not a valid URL"},
		{"bad escape", "postgres://prepcord:Sup3r-S3cret%zz/pw@db/prepcord", "", "DATABASE_URL is not a valid URL"},
		{"slash not encoded", "postgres://prepcord:Sup3r-S3cret/pw@db/prepcord", "", "DATABASE_URL is not a valid URL"},
		{"hash not encoded", "postgres://prepcord:Sup3r-S3cret#pw@db/prepcord", "", "DATABASE_URL"},
		{"space in host", "postgres://prepcord:Sup3r-S3cret%2Fpw@db host/prepcord", "", "DATABASE_URL is not a valid URL"},
		{"no scheme", "prepcord:Sup3r-S3cret%2Fpw@db/prepcord", "", "DATABASE_URL must start with postgres:// or postgresql://"},
		{"no scheme, password first", "Sup3r-S3cret%2Fpw", "", "DATABASE_URL must start with postgres://"},
		{"mysql", "mysql://prepcord:Sup3r-S3cret%2Fpw@db/prepcord", "", "not mysql://"},
		{"sqlite", "sqlite:///data/prepcord.db?password=Sup3r-S3cret%2Fpw", "", "not sqlite://: prepcord keeps its data in PostgreSQL or, with DATABASE_URL empty, in SQLite at DATABASE_PATH"},
		{"opaque", "postgres:prepcord:Sup3r-S3cret%2Fpw@db/prepcord", "", "with // after the scheme"},
		{"both set", "postgres://prepcord:Sup3r-S3cret%2Fpw@db:5432/prepcord", "/data/prepcord-old.db", "DATABASE_URL selects PostgreSQL, but DATABASE_PATH names the SQLite file \"/data/prepcord-old.db\": set only one of them"},
		{"both set, password in query", "postgresql:///prepcord?host=/run/postgresql&password=Sup3r-S3cret%2Fpw", "other.db", "set only one of them"},
		{"unreachable", "postgres://prepcord:Sup3r-S3cret%2Fpw@127.0.0.1:1/prepcord?connect_timeout=5", "", "cannot reach the PostgreSQL database at postgres://prepcord:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTempDir(t)
			vars := map[string]string{"DATABASE_URL": tt.url, "DATABASE_PATH": tt.path}
			code, out, stderr := cli(t, vars, "questions")
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d stderr %q; want 1 and %q", code, stderr, tt.want)
			}
			if lines := strings.Count(strings.TrimSpace(stderr), "\n"); lines > 0 {
				t.Errorf("want one line on stderr, got %d: %s", lines+1, stderr)
			}
			assertNoPassword(t, out+stderr)
		})
	}
	// The default DATABASE_PATH is no choice, so it does not conflict.
	cfg, err := loadConfig(func(k string) string {
		return map[string]string{"DATABASE_URL": "postgresql://prepcord@db/prepcord", "DATABASE_PATH": "prepcord.db"}[k]
	})
	if err != nil || cfg.DatabaseURL != "postgresql://prepcord@db/prepcord" {
		t.Errorf("a PostgreSQL URL beside the default DATABASE_PATH: %+v, %v", cfg, err)
	}
}

func assertNoPassword(t *testing.T, printed string) {
	t.Helper()
	for _, form := range dbPasswordForms {
		if strings.Contains(printed, form) {
			t.Fatalf("the output shows %q of the password:\n%s", form, printed)
		}
	}
}

func TestConfigDatabaseRedacted(t *testing.T) {
	tests := []struct{ url, want string }{
		{"postgres://prepcord:Sup3r-S3cret%2Fpw@db:5432/prepcord", "postgres://prepcord:***@db:5432/prepcord"},
		{"postgresql://prepcord@db/prepcord?sslmode=require", "postgresql://prepcord@db/prepcord?sslmode=require"},
		{"postgres:///prepcord?host=/run/postgresql&password=Sup3r-S3cret%2Fpw&user=bot", "postgres:///prepcord?host=%2Frun%2Fpostgresql&password=***&user=bot"},
		{"postgres://db/prepcord?sslpassword=Sup3r-S3cret%2Fpw", "postgres://db/prepcord?sslpassword=***"},
		{"", "sqlite:prepcord.db"},
	}
	for _, tt := range tests {
		cfg, err := loadConfig(func(k string) string {
			if k == "DATABASE_URL" {
				return tt.url
			}
			return ""
		})
		if err != nil {
			t.Fatalf("%s: %v", tt.want, err)
		}
		if got := cfg.Database(); got != tt.want {
			t.Errorf("Database() = %q, want %q", got, tt.want)
		}
	}
}

// TestSecretsHiddenInErrorsAndLogs: an error or a log line that quotes
// DATABASE_URL, its password alone (written or decoded), the token or
// DISCORD_CLIENT_SECRET shows none of them; the URL shows redacted.
func TestSecretsHiddenInErrorsAndLogs(t *testing.T) {
	const (
		dbURL        = "postgres://prepcord:Sup3r-S3cret%2Fpw@db:5432/prepcord"
		token        = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.secretsecretsecretsecret"
		clientSecret = "cl13nt-s3cr3t-value"
	)
	vars := map[string]string{"DATABASE_URL": dbURL, "DISCORD_TOKEN": token, "DISCORD_CLIENT_SECRET": clientSecret, "LOG_LEVEL": "debug"}
	getenv := func(k string) string { return vars[k] }
	leaks := func(t *testing.T, printed string) {
		t.Helper()
		assertNoPassword(t, printed)
		for _, s := range []string{token, "secretsecret", clientSecret} {
			if strings.Contains(printed, s) {
				t.Fatalf("the output shows %q:\n%s", s, printed)
			}
		}
		if !strings.Contains(printed, "postgres://prepcord:***@db:5432/prepcord") {
			t.Errorf("the URL is not shown redacted:\n%s", printed)
		}
	}
	connErr := fmt.Errorf("connecting to %s: password %q (decoded %q) refused for token %s, client secret %s",
		dbURL, "Sup3r-S3cret%2Fpw", dbPassword, token, clientSecret)

	t.Run("errors", func(t *testing.T) {
		leaks(t, hideSecrets(connErr.Error(), getenv))
		var errb bytes.Buffer
		(&env{stderr: &errb, getenv: getenv}).printErr("prepcord run:", connErr)
		leaks(t, errb.String())
	})
	cfg, err := loadConfig(getenv)
	if err != nil {
		t.Fatal(err)
	}
	logAll := func(log *slog.Logger) {
		log.Error("opening "+dbURL+" failed", "err", connErr, "url", dbURL, "secret", clientSecret,
			"wrapped", fmt.Errorf("retry: %w", errors.New(dbPassword)), slog.Group("db", "dsn", dbURL))
		log.Debug("values", "list", []string{dbURL, token})
	}
	t.Run("text log", func(t *testing.T) {
		var buf bytes.Buffer
		logAll(cfg.quietLogger(&buf))
		leaks(t, buf.String())
	})
	t.Run("json log", func(t *testing.T) {
		cfg := *cfg
		cfg.LogFormat = "json"
		f, err := os.Create(filepath.Join(t.TempDir(), "log.json"))
		if err != nil {
			t.Fatal(err)
		}
		logAll(cfg.logger(f))
		f.Close()
		b, _ := os.ReadFile(f.Name())
		leaks(t, string(b))
		if !strings.Contains(string(b), `"level":"DEBUG"`) {
			t.Errorf("the debug line is missing:\n%s", b)
		}
	})
}
