package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
)

// template is a database set up once per test process and copied for
// each test of NewDatabaseFrom.
type template struct {
	once sync.Once
	name string
	err  error
}

// NewDatabaseFrom is NewDatabase for a database that starts as a copy of a
// template instead of empty: the first call with a key creates the
// template and runs setup on its URL (for instance opening and closing a
// store, which applies the migrations); every call, the first included,
// returns a fresh copy of it, dropped when tb's test ends. Copying costs
// about as much as creating an empty database, so tests skip their setup.
// setup must close its connections before it returns (leftovers are ended).
// The templates are dropped by Stop, which Main calls.
func NewDatabaseFrom(tb testing.TB, key string, setup func(ctx context.Context, url string) error) string {
	tb.Helper()
	return shared.newDatabaseFrom(tb, key, setup)
}

func (p *provider) newDatabaseFrom(tb testing.TB, key string, setup func(ctx context.Context, url string) error) string {
	tb.Helper()
	serverURL := p.serverOrSkip(tb)
	p.tmu.Lock()
	if p.templates == nil {
		p.templates = map[string]*template{}
	}
	tmpl := p.templates[key]
	if tmpl == nil {
		tmpl = &template{}
		p.templates[key] = tmpl
	}
	p.tmu.Unlock()
	tmpl.once.Do(func() { tmpl.name, tmpl.err = p.makeTemplate(serverURL, setup) })
	if tmpl.err != nil {
		tb.Fatalf("pgtest: template %q: %v", key, tmpl.err)
	}
	return p.createDatabase(tb, serverURL, " TEMPLATE "+pgx.Identifier{tmpl.name}.Sanitize())
}

// makeTemplate creates a database, runs setup on it, ends any connection
// setup left, and closes it to connections so that copies cannot fail on
// one.
func (p *provider) makeTemplate(serverURL string, setup func(ctx context.Context, url string) error) (string, error) {
	name := p.uniqueName("prepcord_template")
	quoted := pgx.Identifier{name}.Sanitize()
	if err := p.exec("CREATE DATABASE " + quoted); err != nil {
		return "", fmt.Errorf("creating %s: %w", name, err)
	}
	u, _ := url.Parse(serverURL)
	u.Path, u.RawPath = "/"+name, ""
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	err := setup(ctx, u.String())
	if err == nil {
		err = p.exec("ALTER DATABASE " + quoted + " WITH ALLOW_CONNECTIONS false")
	}
	if err == nil {
		err = p.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'")
	}
	if err != nil {
		p.exec("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)")
		return "", err
	}
	return name, nil
}

// dropTemplates drops the templates this process made on a server it did
// not start (a throwaway server goes with its files).
func (p *provider) dropTemplates() {
	p.tmu.Lock()
	defer p.tmu.Unlock()
	for key, tmpl := range p.templates {
		if tmpl.name != "" && p.srv == nil {
			p.exec("DROP DATABASE IF EXISTS " + pgx.Identifier{tmpl.name}.Sanitize() + " WITH (FORCE)")
		}
		delete(p.templates, key)
	}
}
