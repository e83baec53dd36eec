-- Times are Unix seconds. T0 = 1793000000 (2026-10-26 07:33:20 UTC); one day = 86400.
CREATE TABLE campaigns (campaign_id INTEGER PRIMARY KEY, brand TEXT, spend_cents INTEGER);
CREATE TABLE ad_clicks (click_id INTEGER PRIMARY KEY, user_id INTEGER, product_id INTEGER,
  campaign_id INTEGER, clicked_ts BIGINT);
CREATE TABLE order_items (order_id INTEGER, user_id INTEGER, product_id INTEGER, ordered_ts BIGINT,
  quantity INTEGER, unit_price_cents INTEGER, PRIMARY KEY (order_id, product_id));

INSERT INTO campaigns VALUES
 (1, 'Oat Co', 9000), (2, 'Oat Co', 5000), (3, 'Soda Inc', 8000), (4, 'Chip Co', 0);

INSERT INTO ad_clicks VALUES
 (1, 1, 100, 1, 1793000000),   -- user 1: an earlier click on campaign 1 ...
 (2, 1, 100, 2, 1793172800),   -- ... and a later one on campaign 2 (T0+2d): last touch wins
 (3, 2, 100, 1, 1793000000),   -- user 2: one click credited for two orders
 (4, 3, 100, 1, 1793000000),   -- user 3 buys exactly 14 days later: outside the window
 (5, 4, 200, 3, 1793000000),   -- user 4 clicks soda but buys oat milk: no credit
 (6, 5, 100, 1, 1793086400),   -- user 5: two clicks at the same second,
 (7, 5, 100, 2, 1793086400),   --   the higher click_id (campaign 2) wins
 (8, 6, 300, 4, 1793000000),   -- user 6: campaign with zero spend
 (9, 7, 100, 1, 1793432000),   -- user 7 clicks after buying: no credit
 (10, 8, 100, 1, 1793000000);  -- user 8: a new buyer

INSERT INTO order_items VALUES
 (10, 1, 100, 1784360000, 1, 450),  -- user 1 bought 100 days before the click: not a repeat buyer
 (11, 2, 100, 1790408000, 1, 450),  -- user 2 bought 30 days before the click: repeat buyer
 (12, 5, 100, 1792136000, 1, 450),  -- user 5 bought 10 days before: repeat buyer
 (1, 1, 100, 1793259200, 2, 450),   -- T0+3d -> click 2, campaign 2, 900
 (1, 1, 400, 1793259200, 1, 300),   -- bread, never clicked
 (2, 2, 100, 1793086400, 1, 450),   -- T0+1d -> campaign 1, 450
 (3, 2, 100, 1793864000, 3, 450),   -- T0+10d -> campaign 1, 1350
 (4, 3, 100, 1794209600, 1, 450),   -- T0+14d exactly: not attributed
 (5, 4, 100, 1793086400, 1, 450),
 (6, 5, 100, 1793172800, 1, 450),   -- -> click 7, campaign 2, 450
 (7, 6, 300, 1793003600, 4, 250),   -- -> campaign 4, 1000
 (8, 7, 100, 1793345600, 1, 450),   -- the day before user 7's click
 (9, 8, 100, 1793432000, 2, 450);   -- T0+5d -> campaign 1, 900
