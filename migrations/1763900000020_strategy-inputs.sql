-- Up Migration
-- A walk-forward's code and price series, stored once when it is planned (activities/strategy-lab.ts): each of its
-- up to thousands of sandboxed evaluations loads its window's bars by the run's id instead of carrying the code and
-- the bars through Temporal's history. Per user like every table; rows are the study's inputs, kept like code_runs.
CREATE TABLE strategy_inputs (
  run_id      uuid PRIMARY KEY,
  user_id     text NOT NULL,
  code        text NOT NULL,
  series      float8[] NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX strategy_inputs_user_created ON strategy_inputs (user_id, created_at DESC);

-- Down Migration
DROP TABLE strategy_inputs;
