-- Up Migration
-- One row per sandboxed code run: what ran (size only; the code itself stays in the workflow's history), how it
-- ended, and what it used. Output is capped by the sandbox (SANDBOX_OUTPUT_BYTES).
CREATE TABLE code_runs (
  id             uuid PRIMARY KEY,
  user_id        text NOT NULL,
  workflow_id    text NOT NULL,
  status         text NOT NULL CHECK (status IN ('completed', 'failed', 'rejected')),
  exit_code      integer,
  stdout         text NOT NULL DEFAULT '',
  stderr         text NOT NULL DEFAULT '',
  truncated      boolean NOT NULL DEFAULT false,
  error_code     text,
  error_message  text,
  duration_ms    integer NOT NULL DEFAULT 0,
  cpu_ms         integer,
  max_rss_bytes  bigint,
  code_bytes     integer NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX code_runs_user_created ON code_runs (user_id, created_at DESC);

-- Down Migration
DROP TABLE code_runs;
