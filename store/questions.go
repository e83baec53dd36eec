package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
)

// Questions is the question bank: the bundled bank kept in sync, imports
// and approved suggestions, lookups and exports, counts and pages of the
// questions a filter selects, the values its filters can take, and the
// threads where questions are discussed.
type Questions struct{ *shared }

// Origin says where a question came from.
type Origin string

// The origins of questions.
const (
	Bundled   Origin = "bundled"   // the default bank embedded in the binary
	Imported  Origin = "imported"  // an admin's import
	Suggested Origin = "suggested" // a member's suggestion, approved in one server
)

// Question is a question as stored: the bank fields plus where it lives.
type Question struct {
	data.Question
	Seq      int64  // internal row id
	Scope    string // "" when every server sees it, else the owning server's id
	Origin   Origin
	AuthorID string // the member who suggested it, for suggestions
}

// row mirrors the questions table.
type row struct {
	Seq         int64  `db:"seq"`
	ID          string `db:"id"`
	Scope       string `db:"scope"`
	Origin      string `db:"origin"`
	Title       string `db:"title"`
	Company     string `db:"company"`
	CompanyKey  string `db:"company_key"`
	Roles       string `db:"roles"`
	Category    string `db:"category"`
	CategoryKey string `db:"category_key"`
	Difficulty  string `db:"difficulty"`
	Level       string `db:"level"`
	Round       string `db:"round"`
	RoundKey    string `db:"round_key"`
	Tags        string `db:"tags"`
	Prompt      string `db:"prompt"`
	Overview    string `db:"overview"`
	Solution    string `db:"solution"`
	Related     string `db:"related"`
	Source      string `db:"source"`
	Added       string `db:"added"`
	AuthorID    string `db:"author_id"`
	Hash        string `db:"hash"`
	Retired     bool   `db:"retired"`
}

const questionCols = `seq, id, scope, origin, title, company, company_key, roles, category, category_key, difficulty, level,
	round, round_key, tags, prompt, overview, solution, related, source, added, author_id, hash, retired`

func (r *row) question() *Question {
	split := func(s string) []string {
		if s == "" {
			return []string{}
		}
		return strings.Split(s, ";")
	}
	return &Question{
		Seq: r.Seq, Scope: r.Scope, Origin: Origin(r.Origin), AuthorID: r.AuthorID,
		Question: data.Question{
			ID: r.ID, Title: r.Title, Company: r.Company, Roles: split(r.Roles), Category: r.Category,
			Difficulty: r.Difficulty, Level: split(r.Level), Round: r.Round, Tags: split(r.Tags), Prompt: r.Prompt,
			Overview: r.Overview, Solution: r.Solution, Related: split(r.Related), Source: r.Source, Added: r.Added,
		},
	}
}

// bumpBankVersion marks the bank as changed so cached facets reload.
func bumpBankVersion(ctx context.Context, tx *sqlx.Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('bank_version', '1')
		ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)`)
	return err
}

// insertQuestion adds q and its index rows, returning its seq.
func insertQuestion(ctx context.Context, tx *sqlx.Tx, q *data.Question, scope string, origin Origin, author string) (int64, error) {
	var seq int64
	err := tx.GetContext(ctx, &seq, `INSERT INTO questions (id, scope, origin, title, company, company_key, roles, category,
		category_key, difficulty, level, round, round_key, tags, prompt, overview, solution, related, source, added, author_id, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		q.ID, scope, string(origin), q.Title, q.Company, data.Key(q.Company), data.JoinList(q.Roles), q.Category,
		data.Key(q.Category), q.Difficulty, data.JoinList(q.Level), q.Round, data.Key(q.Round), data.JoinList(q.Tags), q.Prompt, q.Overview,
		q.Solution, data.JoinList(q.Related), q.Source, q.Added, author, q.Hash())
	if err != nil {
		return 0, fmt.Errorf("insert question %s: %w", q.ID, err)
	}
	return seq, indexQuestion(ctx, tx, seq, q)
}

// updateQuestion replaces the fields of the question at seq.
func updateQuestion(ctx context.Context, tx *sqlx.Tx, seq int64, q *data.Question, origin Origin) error {
	_, err := tx.ExecContext(ctx, `UPDATE questions SET origin = ?, title = ?, company = ?, company_key = ?, roles = ?,
		category = ?, category_key = ?, difficulty = ?, level = ?, round = ?, round_key = ?, tags = ?, prompt = ?, overview = ?,
		solution = ?, related = ?, source = ?, added = ?, hash = ?, retired = 0 WHERE seq = ?`,
		string(origin), q.Title, q.Company, data.Key(q.Company), data.JoinList(q.Roles), q.Category, data.Key(q.Category),
		q.Difficulty, data.JoinList(q.Level), q.Round, data.Key(q.Round), data.JoinList(q.Tags), q.Prompt, q.Overview, q.Solution,
		data.JoinList(q.Related), q.Source, q.Added, q.Hash(), seq)
	if err != nil {
		return fmt.Errorf("update question %s: %w", q.ID, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM question_roles WHERE seq = ?", seq); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM questions_fts WHERE docid = ?", seq); err != nil {
		return err
	}
	return indexQuestion(ctx, tx, seq, q)
}

func indexQuestion(ctx context.Context, tx *sqlx.Tx, seq int64, q *data.Question) error {
	for _, r := range q.Roles {
		if _, err := tx.ExecContext(ctx, "INSERT INTO question_roles (role_key, seq) VALUES (?, ?) ON CONFLICT DO NOTHING", data.Key(r), seq); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO questions_fts (docid, title, prompt, tags) VALUES (?, ?, ?, ?)",
		seq, q.Title, q.Prompt, strings.Join(q.Tags, " "))
	return err
}

// SyncResult counts what a bank sync did.
type SyncResult struct {
	Added, Updated, Unchanged, Retired, Skipped int
}

// SyncBundled brings the bundled questions in the database in line with qs,
// the bank embedded in this binary, in one transaction: new questions are
// added, changed ones updated, bundled ones no longer shipped are retired
// (kept for history, no longer served). Questions that admins imported are
// never touched, even when they share an id with a bundled one.
func (s *Questions) SyncBundled(ctx context.Context, qs []data.Question) (SyncResult, error) {
	var res SyncResult
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		type existing struct {
			Seq     int64  `db:"seq"`
			ID      string `db:"id"`
			Origin  string `db:"origin"`
			Hash    string `db:"hash"`
			Retired bool   `db:"retired"`
		}
		var rows []existing
		if err := tx.SelectContext(ctx, &rows, "SELECT seq, id, origin, hash, retired FROM questions WHERE scope = ''"); err != nil {
			return err
		}
		byID := make(map[string]existing, len(rows))
		for _, r := range rows {
			byID[r.ID] = r
		}
		shipped := make(map[string]bool, len(qs))
		for i := range qs {
			q := &qs[i]
			shipped[q.ID] = true
			cur, ok := byID[q.ID]
			switch {
			case !ok:
				if _, err := insertQuestion(ctx, tx, q, "", Bundled, ""); err != nil {
					return err
				}
				res.Added++
			case cur.Origin != string(Bundled):
				res.Skipped++
			case cur.Hash == q.Hash() && !cur.Retired:
				res.Unchanged++
			default:
				if err := updateQuestion(ctx, tx, cur.Seq, q, Bundled); err != nil {
					return err
				}
				res.Updated++
			}
		}
		for _, r := range rows {
			if r.Origin == string(Bundled) && !r.Retired && !shipped[r.ID] {
				if _, err := tx.ExecContext(ctx, "UPDATE questions SET retired = 1 WHERE seq = ?", r.Seq); err != nil {
					return err
				}
				res.Retired++
			}
		}
		if res.Added+res.Updated+res.Retired == 0 {
			return nil
		}
		return bumpBankVersion(ctx, tx)
	})
	s.bankGen.Add(1)
	return res, err
}

// ImportResult counts what an import did (or would do, for a dry run).
type ImportResult struct {
	Added, Updated, Unchanged int
}

// ImportOptions tune Questions.Import.
type ImportOptions struct {
	// Scope is "" for a bank every server sees (the command line), or the
	// id of the server that imports into its own bank.
	Scope string
	// DryRun checks everything and reports the counts, then rolls back.
	DryRun bool
	// Progress, when set, is called as questions are written.
	Progress func(done, total int)
}

// Import validates entries against the rest of the bank and
// writes them, all or nothing, in one transaction. Existing questions with
// the same id in the same scope are updated; an import into the shared bank
// may replace a bundled question (it then counts as imported and bank syncs
// leave it alone). An import into a server may not reuse an id of the
// shared bank. Validation problems come back as data.Problems.
func (s *Questions) Import(ctx context.Context, entries []*data.Entry, opts ImportOptions) (ImportResult, error) {
	var res ImportResult
	errDryRun := errors.New("dry run")
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		known := func(id string) bool {
			var n int
			_ = tx.GetContext(ctx, &n, "SELECT count(*) FROM questions WHERE id = ? AND scope IN ('', ?) AND retired = 0", id, opts.Scope)
			return n > 0
		}
		if err := data.Validate(entries, data.ValidateOptions{Today: s.now(), KnownIDs: known}); err != nil {
			return err
		}
		var probs data.Problems
		for i, e := range entries {
			q := &e.Question
			var cur struct {
				Seq    int64  `db:"seq"`
				Scope  string `db:"scope"`
				Hash   string `db:"hash"`
				Origin string `db:"origin"`
			}
			err := tx.GetContext(ctx, &cur, "SELECT seq, scope, hash, origin FROM questions WHERE id = ? AND scope IN ('', ?) ORDER BY scope DESC LIMIT 1", q.ID, opts.Scope)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if _, err := insertQuestion(ctx, tx, q, opts.Scope, Imported, ""); err != nil {
					return err
				}
				res.Added++
			case err != nil:
				return err
			case cur.Scope != opts.Scope:
				probs = append(probs, data.Problem{File: e.File, Line: e.FieldLine("id"), ID: q.ID,
					Msg: "this id belongs to the shared bank; give your question another id (or leave id empty to derive one)"})
			case cur.Hash == q.Hash():
				res.Unchanged++
			default:
				origin := Imported
				if Origin(cur.Origin) == Suggested {
					origin = Suggested
				}
				if err := updateQuestion(ctx, tx, cur.Seq, q, origin); err != nil {
					return err
				}
				res.Updated++
			}
			if opts.Progress != nil {
				opts.Progress(i+1, len(entries))
			}
		}
		if len(probs) > 0 {
			return probs
		}
		if opts.DryRun {
			return errDryRun
		}
		return bumpBankVersion(ctx, tx)
	})
	s.bankGen.Add(1)
	if errors.Is(err, errDryRun) {
		return res, nil
	}
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// AddSuggested stores an approved suggestion as a question of one server,
// credited to its author.
func (s *Questions) AddSuggested(ctx context.Context, guildID, authorID string, q data.Question) (*Question, error) {
	entries := []*data.Entry{{Question: q, File: "suggestion"}}
	var out *Question
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if err := data.Validate(entries, data.ValidateOptions{Today: s.now(), KnownIDs: func(string) bool { return true }}); err != nil {
			return errs.Wrap(errs.Invalid, err, "the suggestion is not a valid question")
		}
		qq := &entries[0].Question
		var n int
		if err := tx.GetContext(ctx, &n, "SELECT count(*) FROM questions WHERE id = ? AND scope IN ('', ?)", qq.ID, guildID); err != nil {
			return err
		}
		if n > 0 {
			qq.ID = data.DeriveID(qq.Company, qq.Title+" "+authorID+" "+s.now().Format("20060102150405"))
		}
		seq, err := insertQuestion(ctx, tx, qq, guildID, Suggested, authorID)
		if err != nil {
			return err
		}
		out = &Question{Question: *qq, Seq: seq, Scope: guildID, Origin: Suggested, AuthorID: authorID}
		return bumpBankVersion(ctx, tx)
	})
	s.bankGen.Add(1)
	return out, err
}

// ByID returns the question with id visible in scope (a server id, or
// "" for direct messages), preferring the server's own.
func (s *Questions) ByID(ctx context.Context, scope, id string) (*Question, error) {
	r, err := getRow[row](ctx, s.r, "SELECT "+questionCols+" FROM questions WHERE id = ? AND scope IN ('', ?) ORDER BY scope DESC LIMIT 1", id, scope)
	if r, err = found(r, err, errs.E(errs.NotFound, "There is no question with id %q.", truncate(id, 80))); err != nil {
		return nil, err
	}
	return r.question(), nil
}

// BySeq returns the question with the given internal id.
func (s *Questions) BySeq(ctx context.Context, seq int64) (*Question, error) {
	r, err := getRow[row](ctx, s.r, "SELECT "+questionCols+" FROM questions WHERE seq = ?", seq)
	if r, err = found(r, err, errs.E(errs.NotFound, "That question no longer exists.")); err != nil {
		return nil, err
	}
	return r.question(), nil
}

// Export returns the questions of scope in export order: for ""
// every question that every server sees (bundled and imported); for a
// server, that server's own questions.
func (s *Questions) Export(ctx context.Context, scope string) ([]data.Question, error) {
	var rows []row
	if err := s.r.SelectContext(ctx, &rows, "SELECT "+questionCols+" FROM questions WHERE scope = ? AND retired = 0", scope); err != nil {
		return nil, err
	}
	out := make([]data.Question, len(rows))
	for i := range rows {
		out[i] = rows[i].question().Question
	}
	data.SortForExport(out)
	return out, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// Count returns how many questions match f.
func (s *Questions) Count(ctx context.Context, f Filter) (int, error) {
	return countQuestions(ctx, s.dialect, s.r, f)
}

// countQuestions counts the questions matching f (Daily counts them too).
func countQuestions(ctx context.Context, d *dialect, q sqlx.QueryerContext, f Filter) (int, error) {
	where, args := f.where(d)
	var n int
	err := sqlx.GetContext(ctx, q, &n, "SELECT count(*) FROM questions q WHERE "+where, args...)
	return n, err
}

// List returns a page of questions matching f, ordered by company
// then title: from the bank index when f has no search text (see
// listFromIndex), else from the database.
func (s *Questions) List(ctx context.Context, f Filter, limit, offset int) ([]*Question, error) {
	if out, ok, err := s.listFromIndex(ctx, f, limit, offset); ok || err != nil {
		return out, err
	}
	return s.listSQL(ctx, f, limit, offset)
}

// listSQL is List asking the database.
func (s *Questions) listSQL(ctx context.Context, f Filter, limit, offset int) ([]*Question, error) {
	where, args := f.where(s.dialect)
	var rows []row
	err := s.r.SelectContext(ctx, &rows, "SELECT "+prefixCols("q.")+" FROM questions q WHERE "+where+
		" ORDER BY q.company_key, q.title, q.seq LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, err
	}
	out := make([]*Question, len(rows))
	for i := range rows {
		out[i] = rows[i].question()
	}
	return out, nil
}
