-- +goose Up
-- The daily question can be filtered by level (intern, new grad, mid,
-- senior, staff) like by company, role and category; '' for any level.
ALTER TABLE daily_configs ADD COLUMN level TEXT NOT NULL DEFAULT '';
