package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/newfile"
	"github.com/prepcord/prepcord/store"
)

// openStore opens the configured database (or path) for an offline
// command and syncs the bundled bank into it.
func openStore(ctx context.Context, e *env, path string) (*store.Store, error) {
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return nil, err
	}
	if path == "" {
		path = cfg.Location()
	}
	st, _, err := openSynced(ctx, path, cfg.quietLogger(e.stderr), nil)
	return st, err
}

// openSynced opens the database at path and syncs the bank embedded in
// this binary into it, as every command that reads the bank does first.
func openSynced(ctx context.Context, path string, log *slog.Logger, now func() time.Time) (*store.Store, store.SyncResult, error) {
	st, err := store.Open(ctx, path, store.Options{Logger: log, Now: now})
	if err != nil {
		return nil, store.SyncResult{}, err
	}
	bank, err := data.LoadBundled()
	if err != nil {
		st.Close()
		return nil, store.SyncResult{}, fmt.Errorf("the bundled bank is broken: %w", err)
	}
	res, err := st.Questions.SyncBundled(ctx, bank)
	if err != nil {
		st.Close()
		return nil, store.SyncResult{}, err
	}
	return st, res, nil
}

func cmdQuestions(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "questions", "questions [--company X] [--role X] [--category X] [--difficulty X] [--round X] [--search TEXT] [--limit N] [--json]")
	var f store.Filter
	fs.StringVar(&f.Company, "company", "", "company, e.g. tiktok")
	fs.StringVar(&f.Role, "role", "", "role, e.g. \"Machine Learning Engineer\" or mle")
	fs.StringVar(&f.Category, "category", "", "category, e.g. \"System Design\"")
	fs.StringVar(&f.Difficulty, "difficulty", "", "easy, medium or hard")
	fs.StringVar(&f.Round, "round", "", "interview round, e.g. onsite")
	fs.StringVar(&f.Search, "search", "", "words to find in title, prompt and tags")
	limit := fs.Int("limit", 50, "at most this many questions (0 = all)")
	asJSON := fs.Bool("json", false, "print the questions as JSON with every field")
	db := fs.String("db", "", "database file (default DATABASE_PATH)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", pos[0])}
	}
	if f.Difficulty != "" && !validDifficulty(f.Difficulty) {
		return usageError{fmt.Sprintf("--difficulty must be easy, medium or hard, got %q", f.Difficulty)}
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	n := *limit
	if n <= 0 {
		n = 1 << 30
	}
	qs, err := st.Questions.List(ctx, f, n, 0)
	if err != nil {
		return err
	}
	// An empty result is an answer, not a failure: exit 0 in both modes,
	// an empty list with --json, and why it is empty on stderr.
	if len(qs) == 0 {
		e.printErr("prepcord questions:", noMatch(ctx, st, f))
	}
	if *asJSON {
		out := make([]data.Question, len(qs))
		for i, q := range qs {
			out[i] = q.Question
		}
		return data.Write(e.stdout, out, data.JSON)
	}
	if len(qs) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCOMPANY\tDIFFICULTY\tCATEGORY\tTITLE")
	for _, q := range qs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", q.ID, q.Company, q.Difficulty, q.Category, q.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	total, _ := st.Questions.Count(ctx, f)
	if total > len(qs) {
		fmt.Fprintf(e.stdout, "\n%d of %d shown; use --limit 0 for all.\n", len(qs), total)
	}
	return nil
}

func validDifficulty(d string) bool {
	for _, v := range data.Difficulties {
		if strings.EqualFold(d, v) {
			return true
		}
	}
	return false
}

// noMatch explains which filter emptied the result, with suggestions.
func noMatch(ctx context.Context, st *store.Store, f store.Filter) error {
	for _, k := range []data.Kind{data.KindCompany, data.KindRole, data.KindCategory, data.KindRound} {
		v := f.Get(k)
		if v == "" {
			continue
		}
		if _, ok, err := st.Questions.Resolve(ctx, k, "", v); err == nil && !ok {
			msg := fmt.Sprintf("no %s named %q", k, v)
			if dym, _ := st.Questions.DidYouMean(ctx, k, "", v, 3); len(dym) > 0 {
				msg += "; did you mean " + strings.Join(quoteAll(dym), " or ") + "?"
			}
			return errors.New(msg)
		}
	}
	n := 0
	for _, v := range []string{f.Company, f.Role, f.Category, f.Difficulty, f.Round, f.Search} {
		if v != "" {
			n++
		}
	}
	switch {
	case n == 0:
		return errors.New("the bank holds no question")
	case n == 1 && f.Search != "":
		return errors.New("no question matches that search; try other words")
	case n == 1:
		return errors.New("no question matches that filter")
	}
	return errors.New("no question matches those filters together; try fewer filters")
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "import FILE [--dry-run] [--format yaml|json|csv]")
	dry := fs.Bool("dry-run", false, "check the file and report what would change, without writing")
	format := fs.String("format", "", "file format (default: from the file name)")
	db := fs.String("db", "", "database file (default DATABASE_PATH)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"give exactly one file to import, e.g. prepcord import my-bank.yaml"}
	}
	name := pos[0]
	content, err := readLimited(name)
	if err != nil {
		return err
	}
	var f data.Format
	if *format != "" {
		if f, err = data.ParseFormat(*format); err != nil {
			return usageError{err.Error()}
		}
	} else if f, err = data.DetectFormat(name, content); err != nil {
		return err
	}
	entries, err := data.Parse(name, content, f)
	if err != nil {
		return reportProblems(e, err)
	}
	path, note, cleanup, err := dryRunPath(e, *db, *dry)
	if err != nil {
		return err
	}
	defer cleanup()
	st, err := openStore(ctx, e, path)
	if err != nil {
		return err
	}
	defer st.Close()
	opts := store.ImportOptions{DryRun: *dry}
	if isTerminal(e.stdout) && len(entries) >= 200 {
		bar := progressbar.NewOptions(len(entries), progressbar.OptionSetWriter(e.stdout),
			progressbar.OptionSetDescription("importing"), progressbar.OptionClearOnFinish())
		opts.Progress = func(done, _ int) { bar.Set(done) }
	}
	existing, err := st.Questions.Export(ctx, "")
	if err != nil {
		return err
	}
	res, err := st.Questions.Import(ctx, entries, opts)
	if err != nil {
		return reportProblems(e, err)
	}
	verb := "imported"
	if *dry {
		verb = "dry run, nothing written" + note
	}
	fmt.Fprintf(e.stdout, "%s: %d added, %d updated, %d unchanged (%s)\n", name, res.Added, res.Updated, res.Unchanged, verb)
	warnSimilar(e, data.Questions(entries), existing)
	return nil
}

// dryRunPath returns the database an import checks against. A dry run
// must not create the configured database, so when it does not exist yet the
// import is checked against a new database in a temporary folder (removed by
// cleanup), which starts with the bundled bank exactly as the configured one
// would: the counts are those a real import would report. note says so.
func dryRunPath(e *env, db string, dry bool) (path, note string, cleanup func(), err error) {
	cleanup = func() {}
	if !dry {
		return db, "", cleanup, nil
	}
	if db == "" {
		cfg, err := loadConfig(e.getenv)
		if err != nil {
			return "", "", cleanup, err
		}
		db = cfg.Location()
	}
	if store.IsPostgresURL(db) {
		return db, "", cleanup, nil
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		return db, "", cleanup, nil
	}
	dir, err := os.MkdirTemp("", "prepcord-dry-run-*")
	if err != nil {
		return "", "", cleanup, err
	}
	note = fmt.Sprintf("; there is no database at %s yet, so the file was checked against the bundled bank a new one starts with", db)
	return filepath.Join(dir, "dry-run.db"), note, func() { os.RemoveAll(dir) }, nil
}

// maxSimilarWarnings bounds how many near-duplicate pairs an import lists.
const maxSimilarWarnings = 20

// warnSimilar tells the admin, on stderr, which imported questions are very
// close to a question already in the bank or to another one of the file
// (title and prompt, data.Similarity), so duplicates can be reviewed. The
// import itself stands: a near-duplicate is allowed, just worth a look.
func warnSimilar(e *env, imported, existing []data.Question) {
	pairs := data.FindSimilarImport(imported, existing)
	for i, p := range pairs {
		if i == maxSimilarWarnings {
			fmt.Fprintf(e.stderr, "warning: %d more pairs of very close questions\n", len(pairs)-i)
			break
		}
		where := "existing"
		if p.InFile {
			where = "imported"
		}
		fmt.Fprintf(e.stderr, "warning: question %s is very close to %s %s (%.2f)\n", p.ID, where, p.OtherID, p.Score)
	}
}

// reportProblems prints every problem on stderr and returns a one-line error.
func reportProblems(e *env, err error) error {
	var ps data.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintln(e.stderr, hideSecrets(p.String(), e.getenv))
		}
		if len(ps) == 1 {
			return errors.New("1 problem; nothing was imported")
		}
		return fmt.Errorf("%d problems; nothing was imported", len(ps))
	}
	return err
}

func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, data.MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(content) > data.MaxFileBytes {
		return nil, fmt.Errorf("%s is larger than %d MiB, the import limit", name, data.MaxFileBytes>>20)
	}
	return content, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func cmdExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", "export [--format yaml|json|csv] [--out FILE [--force]]")
	format := fs.String("format", "yaml", "yaml, json or csv")
	out := fs.String("out", "", "write to FILE (created 0600; an existing FILE is refused) instead of standard output")
	force := fs.Bool("force", false, "with --out, replace FILE if it exists")
	db := fs.String("db", "", "database file (default DATABASE_PATH)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q (use --out FILE)", pos[0])}
	}
	f, err := data.ParseFormat(*format)
	if err != nil {
		return usageError{err.Error()}
	}
	if *force && *out == "" {
		return usageError{"--force goes with --out FILE"}
	}
	if *out != "" && !*force {
		if err := newfile.Free(*out); err != nil {
			return fmt.Errorf("%w, or add --force to replace it", err)
		}
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	qs, err := st.Questions.Export(ctx, "")
	if err != nil {
		return err
	}
	if *out == "" {
		return data.Write(e.stdout, qs, f)
	}
	tmp, err := newfile.Temp(*out, ".prepcord-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := data.Write(tmp, qs, f); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := newfile.Publish(tmp.Name(), *out, *force); err != nil {
		if errs.CodeOf(err) == errs.Conflict {
			return fmt.Errorf("%w, or add --force to replace it", err)
		}
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d questions to %s\n", len(qs), *out)
	return nil
}

func cmdBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup", "backup FILE")
	db := fs.String("db", "", "database file (default DATABASE_PATH)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"give the backup file to write, e.g. prepcord backup prepcord-2026-11-29.db"}
	}
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	path := *db
	if path == "" {
		path = cfg.Location()
	}
	if store.IsPostgresURL(path) {
		return errors.New("prepcord backs up SQLite files only; back up a PostgreSQL database with pg_dump, or copy it into a SQLite file with `prepcord copy-db`")
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no database at %s to back up", path)
	}
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", path, pos[0])
	return nil
}

func cmdVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "version [--json]")
	asJSON := fs.Bool("json", false, "print as JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	bank, err := data.LoadBundled()
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(map[string]any{"version": version, "go": runtime.Version(), "bundled_questions": len(bank)})
	}
	fmt.Fprintf(e.stdout, "prepcord %s (%s, %d bundled questions)\n", version, runtime.Version(), len(bank))
	return nil
}
