-- Filters read retired and scope for every candidate row; with them in the
-- index SQLite no longer walks each row's long solution text (stored on
-- overflow pages after it) just to read the last column.

-- +goose Up
CREATE INDEX questions_company_pick ON questions (company_key, difficulty, retired, scope);
CREATE INDEX questions_category_pick ON questions (category_key, difficulty, retired, scope);
CREATE INDEX questions_round_pick ON questions (round_key, retired, scope);
DROP INDEX questions_company;
DROP INDEX questions_category;
DROP INDEX questions_round;
