CREATE TABLE issues (issue_key TEXT, created_at BIGINT);
CREATE TABLE status_changes (change_id BIGINT, issue_key TEXT, changed_at BIGINT, from_status TEXT, to_status TEXT);
INSERT INTO issues VALUES
  ('A-1', 1793563200),
  ('A-2', 1793563200),
  ('A-3', 1793599200),
  ('A-4', 1793563200),
  ('A-5', 1793563200),
  ('A-6', 1793563200);
INSERT INTO status_changes VALUES
  (1, 'A-1', 1793570400, 'To Do', 'In Progress'),
  (2, 'A-1', 1793599200, 'In Progress', 'Done'),
  (3, 'A-2', 1793581200, 'To Do', 'In Progress'),
  (4, 'A-2', 1793595600, 'In Progress', 'Done'),
  (5, 'A-2', 1793635200, 'Done', 'In Progress'),
  (6, 'A-2', 1793671200, 'In Progress', 'Done'),
  (7, 'A-4', 1793743200, 'To Do', 'In Progress'),
  (8, 'A-5', 1793577600, 'To Do', 'Done'),
  (9, 'A-6', 1793566800, 'To Do', 'In Progress'),
  (10, 'A-6', 1793566800, 'In Progress', 'In Review'),
  (11, 'A-6', 1793588400, 'In Review', 'Done');
