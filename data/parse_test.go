package data

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const goodYAML = `# two questions
- id: acme-two-sum
  title: Two sum on a price list
  company: tik tok
  roles: [swe, Data Scientist]
  category: coding
  difficulty: Easy
  level: [Senior, New Grad, senior]
  round: phone
  tags: [arrays, hashing]
  prompt: |
    Given prices and a budget, find two items that add up to it.
  overview: Hash maps.
  solution: |
    Use a map from price to index.

    O(n) time.
  related: [acme-lru]
  source: prepcord
  added: 2026-11-01
- title: Design an LRU cache
  company: Acme
  category: Coding & Algorithms
  difficulty: medium
  prompt: Implement get and put in O(1).
`

func TestParseAndValidateYAML(t *testing.T) {
	entries, err := Parse("bank.yaml", []byte(goodYAML), YAML)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(entries, ValidateOptions{KnownIDs: func(id string) bool { return id == "acme-lru" }}); err != nil {
		t.Fatal(err)
	}
	q := entries[0].Question
	if q.Company != "TikTok" || q.Category != "Coding & Algorithms" || q.Round != "Phone Screen" || q.Difficulty != "easy" {
		t.Errorf("names not canonical: %+v", q)
	}
	if strings.Join(q.Roles, "|") != "Software Engineer|Data Scientist" {
		t.Errorf("roles = %q", q.Roles)
	}
	// Levels are lower case, deduplicated and in Levels order.
	if strings.Join(q.Level, "|") != "new grad|senior" {
		t.Errorf("level = %q", q.Level)
	}
	// Level is optional: the second question has none.
	if len(entries[1].Level) != 0 {
		t.Errorf("level of a question without one = %q", entries[1].Level)
	}
	if q.Solution != "Use a map from price to index.\n\nO(n) time." {
		t.Errorf("solution = %q", q.Solution)
	}
	if got, want := entries[1].ID, "acme-design-an-lru-cache"; got != want {
		t.Errorf("derived id = %q, want %q", got, want)
	}
}

func TestProblemsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name    string
		format  Format
		content string
		want    []string // each must appear in the error text
	}{
		{"bad yaml", YAML, "- id: a\n  title: [unclosed\n", []string{"f:", "not valid YAML"}},
		{"missing field", YAML, "- id: a\n  title: T\n  company: C\n  category: X\n  difficulty: easy\n", []string{`f:1: question "a": missing required field "prompt"`}},
		{"unknown difficulty", YAML, "- id: a\n  title: T\n  company: C\n  category: X\n  difficulty: brutal\n  prompt: P\n", []string{`f:5: question "a": unknown difficulty "brutal"`}},
		{"duplicate id", YAML, "- {id: a, title: T, company: C, category: X, difficulty: easy, prompt: P}\n- {id: a, title: U, company: C, category: X, difficulty: easy, prompt: P}\n", []string{`f:2: question "a": duplicate id "a" (first at f:1)`}},
		{"long title", YAML, "- id: a\n  title: " + strings.Repeat("x", MaxTitleLen+1) + "\n  company: C\n  category: X\n  difficulty: easy\n  prompt: P\n", []string{"f:2:", "title is 201 characters"}},
		{"unknown field", YAML, "- id: a\n  titel: T\n", []string{"f:2:", `unknown field "titel"`}},
		{"alias", YAML, "- &x {id: a}\n- *x\n", []string{"anchors and aliases"}},
		{"deep nesting", YAML, strings.Repeat("[", 1000), []string{"nest more than"}},
		{"not a list", YAML, "id: a\n", []string{"expected a list of questions"}},
		{"csv missing column", CSV, "id,title,company,category,difficulty,prompt\na,T,C,X,easy,P\nb,T2,C,X,easy\n", []string{"f:3: row has 5 columns; the header has 6"}},
		{"csv unknown column", CSV, "id,titel\n", []string{"f:1:", `unknown column "titel"`}},
		{"csv bad difficulty", CSV, "id,title,company,category,difficulty,prompt\na,T,C,X,easy,P\nb,T2,C,X,extreme,P\n", []string{`f:3: question "b": unknown difficulty "extreme"`}},
		{"json bad", JSON, "[\n{\"id\": \"a\",\n \"title\": 5}\n]", []string{"f:3:", `field "title" must be a string`}},
		{"json truncated", JSON, "[\n{\"id\": \"a\"", []string{"not valid JSON"}},
		{"csv invalid utf-8", CSV, "title,company,category,difficulty,prompt\nBad \xff title,Acme,Coding,easy,P\n", []string{"f:2:", "title is not valid UTF-8"}},
		// JSON problems name the line of the error, not the line where the item starts.
		{"json trailing comma", JSON, jsonItem(`"prompt": "P",`) + "\n]\n", []string{"f:8:", "item 1:", "trailing comma"}},
		{"json trailing comma in second item", JSON, jsonItem(`"prompt": "P"`) + ",\n" + strings.TrimPrefix(jsonItem(`"prompt": "P",`), "[\n") + "\n]\n", []string{"f:16:", "item 2:", "trailing comma"}},
		{"json missing comma", JSON, "[\n  {\n    \"id\": \"a\"\n    \"title\": \"T\"\n  }\n]\n", []string{"f:4:", "item 1:", "after object key:value pair"}},
		{"json wrong type on a later line", JSON, jsonItem(`"prompt": ["P"]`) + "\n]\n", []string{"f:8:", `field "prompt" must be a string`}},
		{"json duplicate field", JSON, jsonItem(`"prompt": "P",`+"\n    "+`"title": "U"`) + "\n]\n", []string{"f:9:", `field "title" appears twice`}},
		{"json item not an object", JSON, "[\n  {\"id\": \"a\"},\n  \"a question\"\n]\n", []string{"f:3:", "item 2 is not a question object"}},

		{"unknown level", YAML, "- id: a\n  title: T\n  company: C\n  category: X\n  difficulty: easy\n  level: [mid, seniro]\n  prompt: P\n", []string{`f:6: question "a": unknown level "seniro": did you mean "senior"? use intern, new grad, mid, senior, staff`}},
		{"unknown level no guess", YAML, "- id: a\n  title: T\n  company: C\n  category: X\n  difficulty: easy\n  level: wizard\n  prompt: P\n", []string{`f:6: question "a": unknown level "wizard": use intern, new grad, mid, senior, staff`}},
		{"csv unknown level", CSV, "id,title,company,category,difficulty,level,prompt\nb,T2,C,X,easy,mid;principal,P\n", []string{`f:2: question "b": unknown level "principal"`}},
		{"json level not a list", JSON, `[{"id":"a","title":"T","company":"C","category":"X","difficulty":"easy","prompt":"P","level":{"x":1}}]`, []string{`field "level" must be a list of strings`}},
		{"difficulty typo", YAML, "- id: a\n  title: T\n  company: C\n  category: X\n  difficulty: meduim\n  prompt: P\n", []string{`unknown difficulty "meduim": did you mean "medium"? use easy, medium or hard`}},
		{"json related", JSON, `[{"id":"a","title":"T","company":"C","category":"X","difficulty":"easy","prompt":"P","related":["zz"]}]`, []string{`related id "zz" does not exist`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := Parse("f", []byte(tt.content), tt.format)
			if err == nil {
				err = Validate(entries, ValidateOptions{})
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("want Problems, got %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	entries, err := Parse("bank.yaml", []byte(goodYAML), YAML)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(entries, ValidateOptions{KnownIDs: func(string) bool { return true }}); err != nil {
		t.Fatal(err)
	}
	qs := Questions(entries)
	qs[1].Solution = "line with \"quotes\", commas; and: colons\n\n```go\nx := 1\n```\n🙂 עברית"
	SortForExport(qs)
	for _, f := range []Format{YAML, JSON, CSV} {
		t.Run(string(f), func(t *testing.T) {
			var first bytes.Buffer
			if err := Write(&first, qs, f); err != nil {
				t.Fatal(err)
			}
			back, err := Parse("x", first.Bytes(), f)
			if err != nil {
				t.Fatal(err)
			}
			if err := Validate(back, ValidateOptions{KnownIDs: func(string) bool { return true }}); err != nil {
				t.Fatal(err)
			}
			for i, e := range back {
				if got, want := JoinList(e.Level), JoinList(qs[i].Level); got != want {
					t.Errorf("%s: level %q after the round trip, want %q", e.ID, got, want)
				}
			}
			var second bytes.Buffer
			if err := Write(&second, Questions(back), f); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Errorf("round trip differs:\n%s\n---\n%s", first.String(), second.String())
			}
		})
	}
}

func TestLevelInEveryFormat(t *testing.T) {
	tests := []struct {
		format  Format
		content string
	}{
		{YAML, "- {id: a, title: T, company: C, category: X, difficulty: easy, level: [staff, Mid], prompt: P}\n"},
		{YAML, "- {id: a, title: T, company: C, category: X, difficulty: easy, level: \"staff; mid\", prompt: P}\n"},
		{JSON, `[{"id":"a","title":"T","company":"C","category":"X","difficulty":"easy","level":["staff","mid-level"],"prompt":"P"}]`},
		{JSON, `[{"id":"a","title":"T","company":"C","category":"X","difficulty":"easy","level":"staff;mid","prompt":"P"}]`},
		{CSV, "id,title,company,category,difficulty,level,prompt\na,T,C,X,easy,staff;mid,P\n"},
	}
	for _, tt := range tests {
		entries, err := Parse("f", []byte(tt.content), tt.format)
		if err == nil {
			err = Validate(entries, ValidateOptions{})
		}
		if err != nil {
			t.Fatalf("%s %s: %v", tt.format, tt.content, err)
		}
		if got := strings.Join(entries[0].Level, "|"); got != "mid|staff" {
			t.Errorf("%s %s: level = %q, want mid|staff", tt.format, tt.content, got)
		}
	}
	// Exports carry the level right after difficulty.
	q := Question{ID: "a", Title: "T", Company: "C", Category: "X", Difficulty: "easy", Level: []string{"mid", "staff"}, Prompt: "P"}
	want := map[Format]string{YAML: "  difficulty: easy\n  level: [mid, staff]\n", JSON: "\"difficulty\": \"easy\",\n    \"level\": [\n      \"mid\",\n      \"staff\"\n    ],", CSV: "difficulty,level,round"}
	for f, w := range want {
		var buf bytes.Buffer
		if err := Write(&buf, []Question{q}, f); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), w) {
			t.Errorf("%s export lacks %q:\n%s", f, w, buf.String())
		}
	}
}

// TestHashWithoutLevelUnchanged: a question without levels hashes as it
// did before the field existed, so an admin re-importing an old file sees
// "unchanged"; a level changes the hash.
func TestHashWithoutLevelUnchanged(t *testing.T) {
	q := Question{ID: "a", Title: "T", Company: "C", Roles: []string{"r"}, Category: "X", Difficulty: "easy", Round: "Onsite", Prompt: "P", Added: "2026-11-01"}
	if got, want := q.Hash(), "4f38fa00ae0873ff09d015587dadfdee"; got != want {
		t.Errorf("hash without level = %s, want %s (the pre-level hash)", got, want)
	}
	before := q.Hash()
	q.Level = []string{"mid"}
	if q.Hash() == before {
		t.Error("a level does not change the hash")
	}
}

func TestKeyAndCanonical(t *testing.T) {
	tests := []struct {
		kind       Kind
		in, want   string
		wantKeyAll string
	}{
		{KindCompany, "tiktok", "TikTok", "tiktok"},
		{KindCompany, "Tik Tok", "TikTok", "tiktok"},
		{KindCompany, "  TIKTOK ", "TikTok", "tiktok"},
		{KindCompany, "facebook", "Meta", "meta"},
		{KindCompany, "Acme  Corp", "Acme Corp", "acmecorp"},
		{KindRole, "MLE", "Machine Learning Engineer", "machinelearningengineer"},
		{KindCategory, "A/B testing", "Statistics & Experimentation", "statisticsexperimentation"},
		{KindRound, "on-site", "Onsite", "onsite"},
		{KindRound, "OA", "Online Assessment", "onlineassessment"},
		{KindRound, "take home", "Take-home", "takehome"},
		{KindRound, "machine coding", "Low-level Design", "lowleveldesign"},
		{KindRound, "bug fix", "Debugging", "debugging"},
		{KindRound, "Team match", "Team Matching", "teammatching"},
		{KindRound, "bar-raiser", "Bar Raiser", "barraiser"},
		{KindRole, "iOS", "Mobile Engineer", "mobileengineer"},
		{KindLevel, "New-Grad", "new grad", "newgrad"},
		{KindLevel, "Junior", "new grad", "newgrad"},
		{KindLevel, "sr", "senior", "senior"},
		{KindCompany, "🙂", "🙂", ""},
	}
	for _, tt := range tests {
		if got := Canonical(tt.kind, tt.in); got != tt.want {
			t.Errorf("Canonical(%s, %q) = %q, want %q", tt.kind, tt.in, got, tt.want)
		}
		if got := CanonicalKey(tt.kind, tt.in); got != tt.wantKeyAll {
			t.Errorf("CanonicalKey(%s, %q) = %q, want %q", tt.kind, tt.in, got, tt.wantKeyAll)
		}
	}
}

func TestDeriveIDStable(t *testing.T) {
	a := DeriveID("TikTok", "Design the For You feed")
	if a != "tiktok-design-the-for-you-feed" {
		t.Errorf("DeriveID = %q", a)
	}
	long := DeriveID("Acme", strings.Repeat("very long title ", 10))
	if len(long) > MaxIDLen || !validID(long) || long != DeriveID("Acme", strings.Repeat("very long title ", 10)) {
		t.Errorf("long id %q", long)
	}
	if id := DeriveID("日本", "問題"); !validID(id) {
		t.Errorf("non-ascii id %q invalid", id)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(goodYAML), 0)
	f.Add([]byte("id,title\na,b\n"), 2)
	f.Add([]byte(`[{"id":"a","roles":"x;y"}]`), 1)
	formats := []Format{YAML, JSON, CSV}
	f.Fuzz(func(t *testing.T, content []byte, fi int) {
		format := formats[(fi%3+3)%3]
		entries, err := Parse("fuzz", content, format)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is not Problems: %v", err)
			}
		}
		if Validate(entries, ValidateOptions{}) == nil {
			// Whatever validates must survive a round trip unchanged.
			qs := Questions(entries)
			var a, b bytes.Buffer
			if err := Write(&a, qs, format); err != nil {
				t.Fatal(err)
			}
			back, err := Parse("again", a.Bytes(), format)
			if err != nil {
				t.Fatalf("reparse of own output: %v\n%s", err, a.String())
			}
			if err := Validate(back, ValidateOptions{}); err != nil {
				t.Fatalf("revalidate: %v", err)
			}
			if err := Write(&b, Questions(back), format); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatalf("round trip differs:\n%q\n%q", a.String(), b.String())
			}
		}
	})
}

func TestInvalidUTF8RefusedEveryTime(t *testing.T) {
	// "SW\x8cE" folds to the alias "swe": validating must not launder it.
	entries, err := Parse("f.csv", []byte("title,company,category,difficulty,prompt,roles\nT,C,X,hard,P,SW\x8cE\n"), CSV)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := Validate(entries, ValidateOptions{}); err == nil || !strings.Contains(err.Error(), "f.csv:2:") || !strings.Contains(err.Error(), "roles is not valid UTF-8") {
			t.Fatalf("validation %d: %v", i+1, err)
		}
	}
}

// jsonItem is the start of a JSON bank holding one question, one field a
// line, with last as its final field line: the "[" is line 1 and last is
// line 8.
func jsonItem(last string) string {
	return "[\n  {\n    \"id\": \"a\",\n    \"title\": \"T\",\n    \"company\": \"C\",\n    \"category\": \"X\",\n    \"difficulty\": \"easy\",\n    " + last + "\n  }"
}

// FilterKinds are NameKinds, then the level.
func TestFilterKinds(t *testing.T) {
	if len(FilterKinds) != len(NameKinds)+1 || FilterKinds[len(NameKinds)] != KindLevel {
		t.Fatalf("FilterKinds = %v", FilterKinds)
	}
	for i, k := range NameKinds {
		if FilterKinds[i] != k {
			t.Errorf("FilterKinds[%d] = %s, want %s", i, FilterKinds[i], k)
		}
	}
}
