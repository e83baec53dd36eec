-- +goose Up
-- Saved filters now expire (store.SavedFilterLifetime): the scheduler's
-- minute sweep deletes old ones, which this index keeps from scanning the
-- whole table.
CREATE INDEX saved_filters_created_at ON saved_filters (created_at);
