package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
)

// Suggestions is the questions members propose for a server's bank: the
// server's review settings, the suggestions and their review, and the
// drafts kept while a member writes one.
type Suggestions struct{ *shared }

// DefaultPendingLimit is how many suggestions a member may have awaiting
// review in one server, unless the server sets another limit.
const DefaultPendingLimit = 5

// BankSettings are a server's settings for its question bank.
type BankSettings struct {
	GuildID string `db:"guild_id"`
	// ReviewChannelID is where suggestions are posted for review ("" = not set).
	ReviewChannelID string `db:"review_channel_id"`
	// PendingLimit is how many suggestions a member may have pending.
	PendingLimit int `db:"pending_limit"`
}

// Settings returns guildID's settings, with defaults when none were saved.
func (s *Suggestions) Settings(ctx context.Context, guildID string) (BankSettings, error) {
	return getOr(ctx, s.r, BankSettings{GuildID: guildID, PendingLimit: DefaultPendingLimit},
		"SELECT guild_id, review_channel_id, pending_limit FROM bank_settings WHERE guild_id = ?", guildID)
}

// SetReviewChannel sets the channel where guildID's suggestions are reviewed.
func (s *Suggestions) SetReviewChannel(ctx context.Context, guildID, channelID string) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO bank_settings (guild_id, review_channel_id, pending_limit) VALUES (?, ?, ?)
		ON CONFLICT (guild_id) DO UPDATE SET review_channel_id = excluded.review_channel_id`, guildID, channelID, DefaultPendingLimit)
	return err
}

// SetPendingLimit sets how many suggestions a member of guildID may have
// awaiting review (1-100).
func (s *Suggestions) SetPendingLimit(ctx context.Context, guildID string, limit int) error {
	if limit < 1 || limit > 100 {
		return errs.E(errs.Invalid, "The pending-suggestion limit must be between 1 and 100.")
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO bank_settings (guild_id, review_channel_id, pending_limit) VALUES (?, '', ?)
		ON CONFLICT (guild_id) DO UPDATE SET pending_limit = excluded.pending_limit`, guildID, limit)
	return err
}

// Suggestion statuses.
const (
	SuggestionPending  = "pending"
	SuggestionApproved = "approved"
	SuggestionRejected = "rejected"
)

// Suggestion is a question a member proposed for a server's bank.
type Suggestion struct {
	ID       int64
	GuildID  string
	AuthorID string
	Status   string
	// Question holds the proposed fields: title, company, roles, category,
	// difficulty, prompt and solution.
	Question        data.Question
	ReviewChannelID string
	ReviewMessageID string
	// QuestionID is the id of the question an approval created.
	QuestionID string
	DecidedBy  string
	CreatedAt  time.Time
	DecidedAt  time.Time
}

type suggestionRow struct {
	ID              int64  `db:"id"`
	GuildID         string `db:"guild_id"`
	AuthorID        string `db:"author_id"`
	Status          string `db:"status"`
	Title           string `db:"title"`
	Company         string `db:"company"`
	Roles           string `db:"roles"`
	Category        string `db:"category"`
	Difficulty      string `db:"difficulty"`
	Prompt          string `db:"prompt"`
	Solution        string `db:"solution"`
	ReviewChannelID string `db:"review_channel_id"`
	ReviewMessageID string `db:"review_message_id"`
	QuestionID      string `db:"question_id"`
	DecidedBy       string `db:"decided_by"`
	CreatedAt       int64  `db:"created_at"`
	DecidedAt       int64  `db:"decided_at"`
}

const suggestionCols = `id, guild_id, author_id, status, title, company, roles, category, difficulty, prompt, solution,
	review_channel_id, review_message_id, question_id, decided_by, created_at, decided_at`

func (r *suggestionRow) suggestion() *Suggestion {
	sg := &Suggestion{
		ID: r.ID, GuildID: r.GuildID, AuthorID: r.AuthorID, Status: r.Status,
		Question: data.Question{Title: r.Title, Company: r.Company, Roles: data.SplitList(r.Roles), Category: r.Category,
			Difficulty: r.Difficulty, Prompt: r.Prompt, Solution: r.Solution, Tags: []string{}, Related: []string{}},
		ReviewChannelID: r.ReviewChannelID, ReviewMessageID: r.ReviewMessageID, QuestionID: r.QuestionID,
		DecidedBy: r.DecidedBy, CreatedAt: time.UnixMilli(r.CreatedAt),
	}
	if sg.Question.Roles == nil {
		sg.Question.Roles = []string{}
	}
	if r.DecidedAt != 0 {
		sg.DecidedAt = time.UnixMilli(r.DecidedAt)
	}
	return sg
}

// checkSuggestion validates a suggestion's fields with the bank's rules and
// returns them normalised (canonical names, trimmed text).
func (s *Suggestions) checkSuggestion(q data.Question) (data.Question, error) {
	q.ID, q.Round, q.Source, q.Overview, q.Added = "", "", "", "", ""
	q.Tags, q.Related = []string{}, []string{}
	if q.Roles == nil {
		q.Roles = []string{}
	}
	entries := []*data.Entry{{Question: q, File: "suggestion"}}
	if err := data.Validate(entries, data.ValidateOptions{Today: s.now()}); err != nil {
		var probs data.Problems
		if errors.As(err, &probs) {
			msgs := make([]string, len(probs))
			for i, p := range probs {
				msgs[i] = p.Msg
			}
			return q, errs.E(errs.Invalid, "The suggestion is not a valid question: %s.", strings.Join(msgs, "; "))
		}
		return q, err
	}
	return entries[0].Question, nil
}

// Add stores a pending suggestion by authorID in guildID. It
// refuses (Conflict) when the author already has the server's limit of
// pending suggestions; the check and the insert are one transaction.
func (s *Suggestions) Add(ctx context.Context, guildID, authorID string, q data.Question) (*Suggestion, error) {
	q, err := s.checkSuggestion(q)
	if err != nil {
		return nil, err
	}
	var out *Suggestion
	err = s.write(ctx, func(tx *sqlx.Tx) error {
		limit, err := getOr(ctx, tx, DefaultPendingLimit, "SELECT pending_limit FROM bank_settings WHERE guild_id = ?", guildID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.GetContext(ctx, &n, "SELECT count(*) FROM suggestions WHERE guild_id = ? AND author_id = ? AND status = 'pending'", guildID, authorID); err != nil {
			return err
		}
		if n >= limit {
			them := "suggestions awaiting review here (the limit is %d). Please wait until a moderator reviews them."
			if n == 1 {
				them = "suggestion awaiting review here (the limit is %d). Please wait until a moderator reviews it."
			}
			return errs.E(errs.Conflict, "You already have %d "+them, n, limit)
		}
		now := s.now()
		var id int64
		err = tx.GetContext(ctx, &id, `INSERT INTO suggestions (guild_id, author_id, status, title, company, roles, category, difficulty,
			prompt, solution, created_at) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			guildID, authorID, q.Title, q.Company, data.JoinList(q.Roles), q.Category, q.Difficulty, q.Prompt, q.Solution, now.UnixMilli())
		if err != nil {
			return err
		}
		out = &Suggestion{ID: id, GuildID: guildID, AuthorID: authorID, Status: SuggestionPending, Question: q, CreatedAt: time.UnixMilli(now.UnixMilli())}
		return nil
	})
	return out, err
}

// PendingCount returns how many suggestions authorID has pending in guildID.
func (s *Suggestions) PendingCount(ctx context.Context, guildID, authorID string) (int, error) {
	var n int
	err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM suggestions WHERE guild_id = ? AND author_id = ? AND status = 'pending'", guildID, authorID)
	return n, err
}

// SetMessage records where a suggestion's review message is.
func (s *Suggestions) SetMessage(ctx context.Context, guildID string, id int64, channelID, messageID string) error {
	_, err := s.w.ExecContext(ctx, "UPDATE suggestions SET review_channel_id = ?, review_message_id = ? WHERE id = ? AND guild_id = ?",
		channelID, messageID, id, guildID)
	return err
}

// Get returns suggestion id of guildID.
func (s *Suggestions) Get(ctx context.Context, guildID string, id int64) (*Suggestion, error) {
	r, err := suggestionByID(ctx, s.r, guildID, id)
	if err != nil {
		return nil, err
	}
	return r.suggestion(), nil
}

// Pending returns up to limit pending suggestions of guildID,
// oldest first, and how many are pending in all.
func (s *Suggestions) Pending(ctx context.Context, guildID string, limit int) ([]*Suggestion, int, error) {
	var total int
	if err := s.r.GetContext(ctx, &total, "SELECT count(*) FROM suggestions WHERE guild_id = ? AND status = 'pending'", guildID); err != nil {
		return nil, 0, err
	}
	var rows []suggestionRow
	if err := s.r.SelectContext(ctx, &rows, "SELECT "+suggestionCols+" FROM suggestions WHERE guild_id = ? AND status = 'pending' ORDER BY id LIMIT ?", guildID, limit); err != nil {
		return nil, 0, err
	}
	out := make([]*Suggestion, len(rows))
	for i := range rows {
		out[i] = rows[i].suggestion()
	}
	return out, total, nil
}

// errDecided is returned when a suggestion was already approved or rejected.
func errDecided(sg *suggestionRow) error {
	return errs.E(errs.Conflict, "Suggestion #%d was already %s.", sg.ID, sg.Status)
}

// pendingTx loads a suggestion in tx and checks that it is still pending.
// suggestionByID reads one of a server's suggestions.
func suggestionByID(ctx context.Context, q sqlx.QueryerContext, guildID string, id int64) (*suggestionRow, error) {
	r, err := getRow[suggestionRow](ctx, q, "SELECT "+suggestionCols+" FROM suggestions WHERE id = ? AND guild_id = ?", id, guildID)
	return found(r, err, errs.E(errs.NotFound, "Suggestion #%d does not exist in this server.", id))
}

func pendingTx(ctx context.Context, tx *sqlx.Tx, guildID string, id int64) (*suggestionRow, error) {
	r, err := suggestionByID(ctx, tx, guildID, id)
	if err != nil {
		return nil, err
	}
	if r.Status != SuggestionPending {
		return nil, errDecided(r)
	}
	return r, nil
}

// Update replaces the fields of a pending suggestion (a
// moderator's edit before approval).
func (s *Suggestions) Update(ctx context.Context, guildID string, id int64, q data.Question) (*Suggestion, error) {
	q, err := s.checkSuggestion(q)
	if err != nil {
		return nil, err
	}
	var out *Suggestion
	err = s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := pendingTx(ctx, tx, guildID, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE suggestions SET title = ?, company = ?, roles = ?, category = ?, difficulty = ?,
			prompt = ?, solution = ? WHERE id = ?`, q.Title, q.Company, data.JoinList(q.Roles), q.Category, q.Difficulty,
			q.Prompt, q.Solution, id); err != nil {
			return err
		}
		out = r.suggestion()
		out.Question = q
		return nil
	})
	return out, err
}

// Approve turns a pending suggestion into a question of its
// server, credited to its author, and marks it approved, in one
// transaction: two moderators pressing Approve at once create one question
// (the second gets a Conflict error). It is AddSuggested and the status
// change made atomic.
func (s *Suggestions) Approve(ctx context.Context, guildID string, id int64, by string) (*Suggestion, *Question, error) {
	var sg *Suggestion
	var q *Question
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := pendingTx(ctx, tx, guildID, id)
		if err != nil {
			return err
		}
		sg = r.suggestion()
		qq, err := s.checkSuggestion(sg.Question)
		if err != nil {
			return err
		}
		qq.Source = "suggested by a member"
		qq.ID = data.DeriveID(qq.Company, qq.Title)
		var n int
		if err := tx.GetContext(ctx, &n, "SELECT count(*) FROM questions WHERE id = ? AND scope IN ('', ?)", qq.ID, guildID); err != nil {
			return err
		}
		if n > 0 {
			qq.ID = data.DeriveID(qq.Company, qq.Title+" suggestion "+strconv.FormatInt(id, 10))
		}
		seq, err := insertQuestion(ctx, tx, &qq, guildID, Suggested, sg.AuthorID)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, "UPDATE suggestions SET status = 'approved', question_id = ?, decided_by = ?, decided_at = ? WHERE id = ?",
			qq.ID, by, now.UnixMilli(), id); err != nil {
			return err
		}
		sg.Status, sg.QuestionID, sg.DecidedBy, sg.DecidedAt = SuggestionApproved, qq.ID, by, time.UnixMilli(now.UnixMilli())
		q = &Question{Question: qq, Seq: seq, Scope: guildID, Origin: Suggested, AuthorID: sg.AuthorID}
		return bumpBankVersion(ctx, tx)
	})
	if err != nil {
		return nil, nil, err
	}
	s.bankGen.Add(1) // this process's bank index sees the new question at once
	return sg, q, nil
}

// Reject marks a pending suggestion rejected.
func (s *Suggestions) Reject(ctx context.Context, guildID string, id int64, by string) (*Suggestion, error) {
	var sg *Suggestion
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := pendingTx(ctx, tx, guildID, id)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, "UPDATE suggestions SET status = 'rejected', decided_by = ?, decided_at = ? WHERE id = ?", by, now.UnixMilli(), id); err != nil {
			return err
		}
		sg = r.suggestion()
		sg.Status, sg.DecidedBy, sg.DecidedAt = SuggestionRejected, by, time.UnixMilli(now.UnixMilli())
		return nil
	})
	return sg, err
}
