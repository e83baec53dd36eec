CREATE TABLE posts (post_id INTEGER, author_id INTEGER, post_type TEXT, created_at TEXT);
CREATE TABLE reactions (post_id INTEGER, member_id INTEGER, reaction_type TEXT, created_at TEXT);
CREATE TABLE comments (comment_id INTEGER, post_id INTEGER, member_id INTEGER, created_at TEXT);
INSERT INTO posts VALUES (1, 100, 'video', '2026-11-20 10:00:00'), (2, 101, 'video', '2026-11-25 10:00:00'),
  (3, 102, 'image', '2026-11-10 10:00:00'), (4, 103, 'text', '2026-11-30 10:00:00'),
  (5, 104, 'video', '2026-10-01 10:00:00'),  -- older than 28 days
  (6, 105, 'image', '2026-11-15 10:00:00');
INSERT INTO reactions VALUES (1, 1, 'like', '2026-11-20 11:00:00'), (1, 2, 'celebrate', '2026-11-20 11:00:00'),
  (1, 3, 'like', '2026-11-21 11:00:00'), (2, 1, 'like', '2026-11-25 11:00:00'),
  (3, 1, 'like', '2026-11-10 11:00:00'), (3, 4, 'insightful', '2026-11-11 11:00:00'),
  (5, 1, 'like', '2026-10-01 11:00:00'), (5, 2, 'like', '2026-10-01 11:00:00'), (5, 3, 'like', '2026-10-01 11:00:00');
INSERT INTO comments VALUES (1, 1, 5, '2026-11-20 12:00:00'), (2, 3, 6, '2026-11-10 12:00:00'),
  (3, 3, 7, '2026-11-10 13:00:00'), (4, 4, 8, '2026-11-30 12:00:00');
