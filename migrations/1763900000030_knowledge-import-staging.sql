-- Up Migration
-- An upload now stages its lines in short statements as the body streams in, instead of one transaction held open
-- for the whole upload (which pinned a pooled connection per slow client). The import's row is claimed first with
-- total_lines NULL (still staging) and gets its count once every line is staged; a rejected upload deletes the row,
-- and its staged lines with it (ON DELETE CASCADE), so a bad line still leaves nothing behind. `touched_at` is the
-- live upload's pulse: a claim left by a gateway that died mid-upload goes stale and a retry may take it over.
ALTER TABLE knowledge_imports
  ALTER COLUMN total_lines DROP NOT NULL,
  ADD COLUMN touched_at timestamptz NOT NULL DEFAULT now(),
  -- The newest attempt of the import activity that has written a chunk: an older attempt (superseded after
  -- missing its heartbeats) that wakes up again finds a later number here and stops instead of writing.
  ADD COLUMN attempt integer NOT NULL DEFAULT 0;

-- Down Migration
DELETE FROM knowledge_imports WHERE total_lines IS NULL;
ALTER TABLE knowledge_imports ALTER COLUMN total_lines SET NOT NULL, DROP COLUMN touched_at, DROP COLUMN attempt;
