CREATE TABLE calendar (day DATE);
INSERT INTO calendar VALUES
 ('2026-10-30'), ('2026-10-31'), ('2026-11-01'), ('2026-11-02'), ('2026-11-03'), ('2026-11-04'),
 ('2026-11-05'), ('2026-11-06'), ('2026-11-07');

CREATE TABLE wallet_ledger (entry_id BIGINT, wallet_id BIGINT, asset TEXT, amount BIGINT,
  entry_type TEXT, reverses_entry_id BIGINT, book_date DATE);
INSERT INTO wallet_ledger VALUES
 -- wallet 1 BTC: a deposit is withdrawn against, then reversed three days later
 (1, 1, 'BTC', 100000, 'deposit', NULL, '2026-11-01'),
 (2, 1, 'BTC', -80000, 'withdrawal', NULL, '2026-11-02'),
 (3, 1, 'BTC', -100000, 'reversal', 1, '2026-11-04'),
 -- wallet 1 ETH: first entry in the middle of the window
 (4, 1, 'ETH', 5, 'deposit', NULL, '2026-11-03'),
 -- wallet 2 USDC: a fee is refunded, then the refund is reversed (a reversal of a reversal)
 (5, 2, 'USDC', 1000, 'deposit', NULL, '2026-11-01'),
 (6, 2, 'USDC', -10, 'fee', NULL, '2026-11-02'),
 (7, 2, 'USDC', 10, 'reversal', 6, '2026-11-03'),
 (8, 2, 'USDC', -10, 'reversal', 7, '2026-11-05'),
 -- wallet 3 BTC: an opening balance from before the window and an entry after it
 (9, 3, 'BTC', 50, 'deposit', NULL, '2026-10-30'),
 (10, 3, 'BTC', -20, 'trade', NULL, '2026-11-06');
