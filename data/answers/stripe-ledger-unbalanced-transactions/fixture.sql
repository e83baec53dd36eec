CREATE TABLE ledger_entries (entry_id INTEGER, txn_id INTEGER, account_id INTEGER, direction TEXT,
  amount_minor INTEGER, currency TEXT, created_at TEXT);
INSERT INTO ledger_entries VALUES
 -- before November: account 42 holds 1,000 USD and 500 EUR
 (1, 1, 42, 'credit', 1000, 'USD', '2026-10-15 10:00:00'), (2, 1, 7, 'debit', 1000, 'USD', '2026-10-15 10:00:00'),
 (3, 2, 42, 'credit', 500, 'EUR', '2026-10-20 10:00:00'), (4, 2, 7, 'debit', 500, 'EUR', '2026-10-20 10:00:00'),
 (5, 9, 8, 'debit', 999, 'USD', '2026-10-31 23:59:59'),   -- unbalanced, but in October
 -- November
 (6, 3, 42, 'debit', 300, 'USD', '2026-11-02 09:00:00'), (7, 3, 9, 'credit', 300, 'USD', '2026-11-02 09:00:00'),
 (8, 4, 42, 'credit', 250, 'USD', '2026-11-03 09:00:00'), (9, 4, 9, 'debit', 200, 'USD', '2026-11-03 09:00:00'),  -- short by 50
 (10, 5, 42, 'debit', 100, 'EUR', '2026-11-03 09:00:00'), (11, 5, 9, 'credit', 100, 'EUR', '2026-11-03 09:00:00'),
 (12, 6, 9, 'debit', 70, 'USD', '2026-11-04 09:00:00'), (13, 6, 10, 'credit', 20, 'USD', '2026-11-04 09:00:00'),  -- off by 50 the other way
 (14, 6, 9, 'debit', 30, 'EUR', '2026-11-04 09:00:00'), (15, 6, 10, 'credit', 30, 'EUR', '2026-11-04 09:00:00'),
 (16, 7, 9, 'credit', 400, 'USD', '2026-11-30 23:00:00'),   -- a one-sided entry
 (17, 8, 42, 'credit', 10, 'USD', '2026-12-01 00:00:00'), (18, 8, 9, 'debit', 10, 'USD', '2026-12-01 00:00:00');
