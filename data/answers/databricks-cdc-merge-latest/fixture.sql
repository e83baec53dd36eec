CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email TEXT, tier TEXT, is_deleted INTEGER, updated_seq INTEGER);
CREATE TABLE customer_cdc (customer_id INTEGER, op TEXT, email TEXT, tier TEXT, seq INTEGER, batch_id INTEGER);
-- Silver before batch 7.
INSERT INTO customers VALUES
 (1, 'ana@x.com', 'gold', 0, 100),
 (2, 'bo@x.com', 'free', 0, 50),
 (4, NULL, NULL, 1, 120);  -- a tombstone
INSERT INTO customer_cdc VALUES
 (1, 'UPDATE', 'ana@old.com', 'free', 90, 7),   -- late and older than silver: ignored
 (2, 'UPDATE', 'bo@y.com', 'plus', 60, 7),
 (2, 'UPDATE', 'bo@z.com', 'gold', 70, 7),      -- the latest for customer 2 ...
 (2, 'UPDATE', 'bo@z.com', 'gold', 70, 7),      -- ... redelivered
 (3, 'INSERT', 'cy@x.com', 'free', 80, 7),
 (3, 'DELETE', NULL, NULL, 85, 7),              -- inserted and deleted in one batch: a tombstone
 (4, 'UPDATE', 'dee@x.com', 'plus', 110, 7),    -- older than the delete: must not resurrect
 (5, 'INSERT', 'eve@x.com', 'free', 95, 7),
 (5, 'UPDATE', 'eve@x.com', 'plus', 300, 8);    -- another batch: not applied now
