-- The question bank, its full-text index and per-member history.
-- Migrations are forward-only: there is no Down section.

-- +goose Up
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE questions (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,
    scope        TEXT NOT NULL DEFAULT '',  -- '' everywhere, else the id of the one server that owns it
    origin       TEXT NOT NULL CHECK (origin IN ('bundled', 'imported', 'suggested')),
    title        TEXT NOT NULL,
    company      TEXT NOT NULL,
    company_key  TEXT NOT NULL,
    roles        TEXT NOT NULL DEFAULT '',  -- display names joined by ';'
    category     TEXT NOT NULL,
    category_key TEXT NOT NULL,
    difficulty   TEXT NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
    round        TEXT NOT NULL DEFAULT '',
    round_key    TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT '',
    prompt       TEXT NOT NULL,
    overview     TEXT NOT NULL DEFAULT '',
    solution     TEXT NOT NULL DEFAULT '',
    related      TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    added        TEXT NOT NULL,
    author_id    TEXT NOT NULL DEFAULT '',
    hash         TEXT NOT NULL,
    retired      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (scope, id)
);
CREATE INDEX questions_company ON questions (company_key, difficulty);
CREATE INDEX questions_category ON questions (category_key, difficulty);
CREATE INDEX questions_round ON questions (round_key);

CREATE TABLE question_roles (
    role_key TEXT NOT NULL,
    seq      INTEGER NOT NULL REFERENCES questions (seq) ON DELETE CASCADE,
    PRIMARY KEY (role_key, seq)
) WITHOUT ROWID;
CREATE INDEX question_roles_seq ON question_roles (seq);

-- docid is questions.seq.
CREATE VIRTUAL TABLE questions_fts USING fts4(title, prompt, tags, tokenize=unicode61);

CREATE TABLE seen (
    user_id TEXT NOT NULL,
    seq     INTEGER NOT NULL REFERENCES questions (seq) ON DELETE CASCADE,
    seen_at INTEGER NOT NULL,  -- unix milliseconds
    PRIMARY KEY (user_id, seq)
) WITHOUT ROWID;
