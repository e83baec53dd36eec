package store

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/data"
)

// Filter selects questions. Name filters take what a member typed: they
// are resolved through canonical names and aliases, so "tik tok" and
// "TikTok" select the same questions. Empty fields do not filter.
type Filter struct {
	// Scope is the server asking ("" in direct messages): it sees the
	// shared bank and its own questions.
	Scope      string
	Company    string
	Role       string
	Category   string
	Round      string
	Difficulty string
	// Search is free text matched against title, prompt and tags.
	Search string
}

// Get returns the filter's value for kind.
func (f Filter) Get(kind data.Kind) string {
	switch kind {
	case data.KindCompany:
		return f.Company
	case data.KindRole:
		return f.Role
	case data.KindCategory:
		return f.Category
	case data.KindRound:
		return f.Round
	}
	return ""
}

// With returns a copy of f with kind set to v.
func (f Filter) With(kind data.Kind, v string) Filter {
	switch kind {
	case data.KindCompany:
		f.Company = v
	case data.KindRole:
		f.Role = v
	case data.KindCategory:
		f.Category = v
	case data.KindRound:
		f.Round = v
	}
	return f
}

// where builds the SQL condition and arguments for f over table alias q.
func (f Filter) where() (string, []any) {
	conds := []string{"q.retired = 0", "q.scope IN ('', ?)"}
	args := []any{f.Scope}
	name := func(kind data.Kind, v, match string) {
		if v == "" {
			return
		}
		keys := data.FilterKeys(kind, v)
		conds = append(conds, strings.Replace(match, "?", "?"+strings.Repeat(", ?", len(keys)-1), 1))
		for _, k := range keys {
			args = append(args, k)
		}
	}
	name(data.KindCompany, f.Company, "q.company_key IN (?)")
	name(data.KindCategory, f.Category, "q.category_key IN (?)")
	name(data.KindRound, f.Round, "q.round_key IN (?)")
	if f.Difficulty != "" {
		conds = append(conds, "q.difficulty = ?")
		args = append(args, strings.ToLower(strings.TrimSpace(f.Difficulty)))
	}
	name(data.KindRole, f.Role, "q.seq IN (SELECT seq FROM question_roles WHERE role_key IN (?))")
	if f.Search != "" {
		// A search with no usable word matches nothing rather than everything.
		conds = append(conds, "q.seq IN (SELECT docid FROM questions_fts WHERE questions_fts MATCH ?)")
		args = append(args, ftsQueryOrNone(f.Search))
	}
	return strings.Join(conds, " AND "), args
}

// Search texts are read as words: letters and digits, lower-cased, each
// cut to maxSearchWordLen runes; the words and, or, not and near are left
// out (they are query syntax), and only the first maxSearchWords count.
const (
	maxSearchWords   = 8
	maxSearchWordLen = 40
)

// searchWords returns the words of a search text that a search looks for.
func searchWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w = strings.ToLower(w)
		if r := []rune(w); len(r) > maxSearchWordLen {
			w = string(r[:maxSearchWordLen])
		}
		if w == "and" || w == "or" || w == "not" || w == "near" {
			continue
		}
		out = append(out, w)
		if len(out) == maxSearchWords {
			break
		}
	}
	return out
}

// SearchText reduces a search text to the words a search looks for, joined
// by spaces: "Design a RATE-limiter, and more" and "design a rate limiter
// more" search alike and reduce alike. A text with no such word is kept as
// it is (it matches nothing, and reducing it to "" would match everything).
func SearchText(text string) string {
	if w := searchWords(text); len(w) > 0 {
		return strings.Join(w, " ")
	}
	return text
}

// Searchable reports whether a search text has a word a search looks for.
func Searchable(text string) bool { return len(searchWords(text)) > 0 }

func ftsQueryOrNone(text string) string {
	if q := ftsQuery(text); q != "" {
		return q
	}
	return "zzzznomatchzzzz"
}

// Pick is a question chosen for a member.
type Pick struct {
	*Question
	// SeenBefore is true when the member had seen every match, so this is
	// the one they saw longest ago.
	SeenBefore bool
}

// PickQuestion returns a random question matching f that userID has not
// seen, or, when they have seen every match, the one they saw longest ago.
// It returns a NotFound error when nothing matches f.
//
// Without a search text the candidates come from the in-memory bank index
// and only the member's history and the chosen row are read: each pick
// follows the member's previous history write, which in WAL mode empties
// the readers' page caches, so touching few pages is what keeps it fast.
func (s *Store) PickQuestion(ctx context.Context, f Filter, userID string) (*Pick, error) {
	if f.Search != "" {
		return s.pickSQL(ctx, f, userID)
	}
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	cands := idx.candidates(f)
	if len(cands) == 0 {
		return nil, errNoMatch
	}
	seen, err := s.seenAmong(ctx, userID, cands)
	if err != nil {
		return nil, err
	}
	unseen := make([]int64, 0, len(cands))
	for _, seq := range cands {
		if _, ok := seen[seq]; !ok {
			unseen = append(unseen, seq)
		}
	}
	var seq int64
	seenBefore := len(unseen) == 0
	if seenBefore {
		var oldest int64 = -1
		for _, c := range cands {
			if at := seen[c]; oldest < 0 || at < oldest || (at == oldest && c < seq) {
				seq, oldest = c, at
			}
		}
	} else {
		seq = unseen[rand.IntN(len(unseen))]
	}
	var r row
	err = s.r.GetContext(ctx, &r, "SELECT "+questionCols+" FROM questions WHERE seq = ? AND retired = 0", seq)
	if errors.Is(err, sql.ErrNoRows) {
		// Another process retired it a moment ago: ask the database.
		return s.pickSQL(ctx, f, userID)
	}
	if err != nil {
		return nil, err
	}
	return &Pick{Question: r.question(), SeenBefore: seenBefore}, nil
}

// seenAmong returns when userID last saw each of cands that they have seen.
func (s *Store) seenAmong(ctx context.Context, userID string, cands []int64) (map[int64]int64, error) {
	var rows []struct {
		Seq    int64 `db:"seq"`
		SeenAt int64 `db:"seen_at"`
	}
	var err error
	if len(cands) <= 64 {
		q, args, qerr := sqlx.In("SELECT seq, seen_at FROM seen WHERE user_id = ? AND seq IN (?)", userID, cands)
		if qerr != nil {
			return nil, qerr
		}
		err = s.r.SelectContext(ctx, &rows, s.r.Rebind(q), args...)
	} else {
		err = s.r.SelectContext(ctx, &rows, "SELECT seq, seen_at FROM seen WHERE user_id = ?", userID)
	}
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.Seq] = r.SeenAt
	}
	return out, nil
}

// pickSQL is PickQuestion done in SQL, for filters with a search text.
func (s *Store) pickSQL(ctx context.Context, f Filter, userID string) (*Pick, error) {
	where, args := f.where()
	// The inner query orders only ids (unseen first, at random; then the
	// one seen longest ago), so SQLite sorts small keys, not whole rows;
	// the outer one reads the chosen row.
	inner := "SELECT q.seq, s.seen_at IS NOT NULL AS seen_before FROM questions q LEFT JOIN seen s ON s.seq = q.seq AND s.user_id = ? WHERE " +
		where + " ORDER BY s.seen_at IS NOT NULL, s.seen_at, random() LIMIT 1"
	query := "SELECT " + pickCols + ", p.seen_before FROM (" + inner + ") p JOIN questions q ON q.seq = p.seq"
	var r struct {
		row
		SeenBefore bool `db:"seen_before"`
	}
	err := s.r.GetContext(ctx, &r, query, append([]any{userID}, args...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoMatch
	}
	if err != nil {
		return nil, err
	}
	return &Pick{Question: r.row.question(), SeenBefore: r.SeenBefore}, nil
}

// pickCols are the question columns qualified by the alias q.
var pickCols = prefixCols("q.")

func prefixCols(p string) string {
	cols := strings.Split(questionCols, ",")
	for i, c := range cols {
		cols[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// MarkSeen records that userID was shown the question now, in guildID (""
// in a DM).
func (s *Store) MarkSeen(ctx context.Context, userID, guildID string, seq int64) error {
	return s.MarkSeenAt(ctx, userID, guildID, seq, s.Now())
}

// MarkSeenAt records that userID was shown the question in guildID ("" in
// a DM) at a given time, for a write made a moment after it was shown.
func (s *Store) MarkSeenAt(ctx context.Context, userID, guildID string, seq int64, at time.Time) error {
	if guildID == "" {
		return markSeen(ctx, s.w, userID, guildID, seq, at.UnixMilli())
	}
	return s.write(ctx, func(tx *sqlx.Tx) error { return markSeen(ctx, tx, userID, guildID, seq, at.UnixMilli()) })
}

// markSeen writes the history of a question shown: when userID last saw
// it (what picks read), and in which server (what /profile counts), in
// the transaction or connection pool ex.
func markSeen(ctx context.Context, ex sqlx.ExecerContext, userID, guildID string, seq, at int64) error {
	if _, err := ex.ExecContext(ctx, `INSERT INTO seen (user_id, seq, seen_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id, seq) DO UPDATE SET seen_at = excluded.seen_at`, userID, seq, at); err != nil || guildID == "" {
		return err
	}
	_, err := ex.ExecContext(ctx, `INSERT INTO seen_guilds (user_id, guild_id, seq) VALUES (?, ?, ?)
		ON CONFLICT (user_id, guild_id, seq) DO NOTHING`, userID, guildID, seq)
	return err
}

// SeenCount returns how many questions userID has been shown anywhere:
// in every server, in DMs, and before servers were recorded.
func (s *Store) SeenCount(ctx context.Context, userID string) (int, error) {
	var n int
	err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM seen WHERE user_id = ?", userID)
	return n, err
}

// SeenCountIn returns how many questions userID has been shown in guildID.
func (s *Store) SeenCountIn(ctx context.Context, guildID, userID string) (int, error) {
	var n int
	err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM seen_guilds WHERE user_id = ? AND guild_id = ?", userID, guildID)
	return n, err
}

// CountQuestions returns how many questions match f.
func (s *Store) CountQuestions(ctx context.Context, f Filter) (int, error) {
	where, args := f.where()
	var n int
	err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM questions q WHERE "+where, args...)
	return n, err
}

// ListQuestions returns a page of questions matching f, ordered by company
// then title.
func (s *Store) ListQuestions(ctx context.Context, f Filter, limit, offset int) ([]*Question, error) {
	where, args := f.where()
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
