package store

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// memberColumn reports whether a column's name says it holds a member's
// id: user_id, author_id, giver_id, receiver_id, reporter_id, absent_id,
// or any *_by.
func memberColumn(name string) bool {
	switch name {
	case "user_id", "author_id", "giver_id", "receiver_id", "reporter_id", "absent_id":
		return true
	}
	return strings.HasSuffix(name, "_by")
}

// TestMyDataCoversEveryMemberColumn reads the schema the migrations made
// and fails for any column holding a member's id that /mydata does not
// account for: a table added later cannot be forgotten.
func TestMyDataCoversEveryMemberColumn(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var tables []string
	listTables := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'questions_fts%' AND name <> ?"
	listColumns := "SELECT name FROM pragma_table_info(?)"
	if s.Backend() == "postgres" {
		listTables = "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE 'questions_fts%' AND table_name <> ?"
		listColumns = "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
	}
	if err := s.r.SelectContext(ctx, &tables, listTables, migrationTable); err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, p := range memberParts {
		for _, c := range p.covers {
			if covered[c] {
				t.Errorf("%s is covered twice", c)
			}
			covered[c] = true
		}
	}
	found := 0
	for _, table := range tables {
		var cols []struct {
			Name string `db:"name"`
		}
		if err := s.r.SelectContext(ctx, &cols, listColumns, table); err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			key := table + "." + c.Name
			if !memberColumn(c.Name) {
				continue
			}
			found++
			if !covered[key] && notMemberColumns[key] == "" {
				t.Errorf("%s holds a member's id but /mydata neither exports nor forgets it: add it to memberParts (or notMemberColumns)", key)
			}
			delete(covered, key)
		}
	}
	for c := range covered {
		t.Errorf("memberParts covers %s, which the schema does not have", c)
	}
	if found < 20 {
		t.Fatalf("only %d member columns found in %d tables: the schema was not read", found, len(tables))
	}
}

// fillMember gives u data in every table that keeps something about
// members, with partner p (feedback, pairings, reports) and other o (to
// whom u's drafts and reports refer, so that p's own data does not
// mention u except where u gave p feedback).
func fillMember(t *testing.T, s *Store, u, p, o string, seq int64) {
	t.Helper()
	ctx := context.Background()
	now := int64(1_790_000_000_000)
	var pairing int64
	if err := s.w.GetContext(ctx, &pairing, "INSERT INTO mock_pairings (guild_id, topic, source, status, created_at, suggested_start, last_activity) VALUES ('g', 'coding', 'queue', 'finished', ?, ?, ?) RETURNING id", now, now, now); err != nil {
		t.Fatal(err)
	}
	var plan int64
	if err := s.w.GetContext(ctx, &plan, "INSERT INTO plans (guild_id, user_id, company, role, interview_date, start_date, zone, status, created_at) VALUES ('g', ?, 'TikTok', 'SWE', '2026-12-24', '2026-12-01', 'UTC', 'active', ?) RETURNING id", u, now); err != nil {
		t.Fatal(err)
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{"INSERT INTO seen (user_id, seq, seen_at) VALUES (?, ?, ?)", []any{u, seq, now}},
		{"INSERT INTO audit_log (guild_id, user_id, source, action, detail, at) VALUES ('g', ?, 'web', 'daily.pause', 'feed daily', ?)", []any{u, now}},
		{"INSERT INTO seen_guilds (user_id, guild_id, seq) VALUES (?, 'g', ?)", []any{u, seq}},
		{"INSERT INTO review_cards (guild_id, user_id, question_seq, due, stability, difficulty, reps, lapses, state, last_review, updated_at) VALUES ('g', ?, ?, ?, 1, 5, 1, 0, 2, ?, ?)", []any{u, seq, now, now, now}},
		{"INSERT INTO plan_items (plan_id, question_seq, position, category) VALUES (?, ?, 0, 'SQL')", []any{plan, seq}},
		{"INSERT INTO plan_reminders (user_id, clock, zone, next_due, next_date, updated_at) VALUES (?, '09:00', 'UTC', ?, '2026-12-02', ?)", []any{u, now, now}},
		{"INSERT INTO plan_reminder_sends (user_id, local_date, status, claimed_at) VALUES (?, '2026-12-01', 'sent', ?)", []any{u, now}},
		{"INSERT INTO daily_participation (guild_id, user_id, local_date, post_id, first_at) VALUES ('g', ?, '2026-12-01', 1, ?)", []any{u, now}},
		{"INSERT INTO daily_posts (guild_id, local_date, due_at, status, claimed_by) VALUES ('g' || ?, '2026-12-05', ?, 'skipped', 'skip:' || ?)", []any{u, now, u}},
		{"INSERT INTO daily_feeds (guild_id, feed, channel_id, clock, zone, days, updated_by) VALUES ('g' || ?, 'daily', 'c', '09:00', 'UTC', 127, ?)", []any{u, u}},
		{"INSERT INTO daily_champions (guild_id, role_id, feed, next_month, next_due, holder_id, holder_role, updated_by) VALUES ('g' || ?, 'r', 'daily', '2026-12', ?, ?, 'r', ?)", []any{u, now, u, u}},
		{"INSERT INTO daily_champion_awards (guild_id, month, role_id, feed, user_id, days, state) VALUES ('g' || ?, '2026-11', 'r', 'daily', ?, 3, 'done')", []any{u, u}},
		{"INSERT INTO daily_answers (post_id, guild_id, user_id, body, submitted_at, updated_at) VALUES (?, 'g', ?, 'Use a hash map.', ?, ?)", []any{seq, u, now, now}},
		{"INSERT INTO daily_votes (post_id, user_id, answer_id, guild_id, voted_at) VALUES (?, ?, 0, 'g', ?)", []any{seq, u, now}},
		{"INSERT INTO daily_best_answers (post_id, guild_id, local_date, answer_id, user_id, votes, state) VALUES (?, 'g', '2026-12-01', 1, ?, 2, 'done')", []any{seq*1000 + 1, u}},
		{"INSERT INTO mock_member_zones (user_id, zone, updated_at) VALUES (?, 'Europe/Paris', ?)", []any{u, now}},
		{"INSERT INTO mock_proposals (pairing_id, guild_id, proposer_id, starts_at, zone, created_at) VALUES (?, 'g', ?, ?, 'UTC', ?)", []any{pairing, u, now, now}},
		{"INSERT INTO mock_snoozes (guild_id, user_id, until_at) VALUES ('g', ?, ?)", []any{u, now}},
		{"INSERT INTO mock_strikes (guild_id, user_id, strikes) VALUES ('g', ?, 1)", []any{u}},
		{"INSERT INTO suggestions (guild_id, author_id, title, company, category, difficulty, prompt, created_at) VALUES ('g', ?, 'T', 'C', 'SQL', 'easy', 'P', ?)", []any{u, now}},
		{"INSERT INTO suggestions (guild_id, author_id, status, title, company, category, difficulty, prompt, created_at, decided_by) VALUES ('g', ?, 'approved', 'T', 'C', 'SQL', 'easy', 'P', ?, ?)", []any{o, now, u}},
		{"INSERT INTO suggestion_drafts (guild_id, user_id, title, company_role, category_difficulty, prompt, answer, created_at) VALUES ('g', ?, 't', 'c', 'd', 'p', 'a', ?)", []any{u, now}},
		{"UPDATE questions SET author_id = ? WHERE seq = ?", []any{u, seq + 1}},
		{"INSERT INTO web_sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES ('h' || ?, ?, 'x', ?, ?)", []any{u, u, now, now}},
		{"INSERT INTO mock_queue (guild_id, user_id, topic, joined_at, expires_at) VALUES ('g', ?, 'coding', ?, ?)", []any{u, now, now}},
		{"INSERT INTO mock_members (pairing_id, guild_id, user_id) VALUES (?, 'g', ?)", []any{pairing, u}},
		{"INSERT INTO mock_members (pairing_id, guild_id, user_id) VALUES (?, 'g', ?)", []any{pairing, p}},
		{"INSERT INTO mock_feedback (pairing_id, guild_id, giver_id, receiver_id, communication, problem_solving, structure, went_well, created_at, updated_at) VALUES (?, 'g', ?, ?, 4, 3, 5, 'clear', ?, ?)", []any{pairing, u, p, now, now}},
		{"INSERT INTO mock_feedback (pairing_id, guild_id, giver_id, receiver_id, communication, problem_solving, structure, created_at, updated_at) VALUES (?, 'g', ?, ?, 2, 2, 2, ?, ?)", []any{pairing, p, u, now + 1, now}},
		{"INSERT INTO mock_feedback_drafts (pairing_id, giver_id, receiver_id, updated_at) VALUES (?, ?, ?, ?)", []any{pairing, u, o, now}},
		{"INSERT INTO mock_noshows (guild_id, user_id, count) VALUES ('g', ?, 1)", []any{u}},
		{"INSERT INTO mock_noshow_reports (pairing_id, guild_id, reporter_id, absent_id, reported_at) VALUES (?, 'g', ?, ?, ?)", []any{pairing, u, o, now}},
		{"INSERT INTO mock_round_members (guild_id, user_id, joined_at) VALUES ('g', ?, ?)", []any{u, now}},
	}
	for _, st := range stmts {
		if _, err := s.w.ExecContext(ctx, st.q, st.args...); err != nil {
			t.Fatalf("%s: %v", st.q, err)
		}
	}
}

func TestMyDataExportAndForgetAreComplete(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Questions.SyncBundled(ctx, genBank(20, 2)); err != nil {
		t.Fatal(err)
	}
	fillMember(t, s, "alice", "bob", "carol", 1)
	fillMember(t, s, "bob", "alice", "carol", 5)
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	ex, err := s.MyData.Export(ctx, "alice", now)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range memberParts {
		if len(ex.Data[p.name]) == 0 {
			t.Errorf("export of alice has nothing in %s", p.name)
		}
	}
	raw, err := json.Marshal(ex)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"went_well":"clear"`) || strings.Contains(string(raw), `"user_id":"bob"`) {
		t.Fatalf("export JSON: %s", raw)
	}
	bobBefore, err := s.MyData.Export(ctx, "bob", now)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := s.MyData.Forget(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if changed["review_cards"] != 1 || changed["mock_feedback_given"] != 2 {
		t.Fatalf("forget changed %v", changed)
	}
	after, err := s.MyData.Export(ctx, "alice", now)
	if err != nil {
		t.Fatal(err)
	}
	for name, rows := range after.Data {
		if len(rows) > 0 {
			t.Errorf("after forget alice still has %s: %v", name, rows)
		}
	}
	// What stays: the feedback alice gave bob (anonymised), the question
	// she wrote (without her name), carol's suggestion alice approved.
	var stays struct {
		Feedback int `db:"f"`
		Question int `db:"q"`
		Decided  int `db:"d"`
	}
	if err := s.r.GetContext(ctx, &stays, `SELECT
		(SELECT COUNT(*) FROM mock_feedback WHERE receiver_id = 'bob' AND giver_id LIKE 'anonymous:%') AS f,
		(SELECT COUNT(*) FROM questions WHERE seq = 2 AND author_id = '') AS q,
		(SELECT COUNT(*) FROM suggestions WHERE author_id = 'carol' AND decided_by = '') AS d`); err != nil {
		t.Fatal(err)
	}
	if stays.Feedback != 2 || stays.Question != 1 || stays.Decided != 1 {
		t.Fatalf("kept anonymised: %+v", stays)
	}
	bobAfter, err := s.MyData.Export(ctx, "bob", now)
	if err != nil {
		t.Fatal(err)
	}
	// Bob's own data is untouched, except what was about alice: the
	// feedback bob gave her goes with her (it is about her), and the
	// pairing no longer lists her.
	if n := len(bobAfter.Data["mock_feedback_given"]); n != 0 {
		t.Errorf("bob's feedback about alice kept: %v", bobAfter.Data["mock_feedback_given"])
	}
	for _, k := range []string{"mock_pairings", "mock_feedback_given"} {
		delete(bobBefore.Data, k)
		delete(bobAfter.Data, k)
	}
	if !reflect.DeepEqual(bobBefore.Data, bobAfter.Data) {
		for k := range bobBefore.Data {
			if !reflect.DeepEqual(bobBefore.Data[k], bobAfter.Data[k]) {
				t.Errorf("bob's %s changed: %v -> %v", k, bobBefore.Data[k], bobAfter.Data[k])
			}
		}
	}
}
