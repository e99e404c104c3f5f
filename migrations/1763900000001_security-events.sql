-- Up Migration
-- The audit trail of the security chain: what fired, for whom, in which turn. Never the offending text itself.
CREATE TABLE security_events (
  id           text PRIMARY KEY,           -- deterministic (workflow id + layer + event), so retries add nothing
  user_id      text NOT NULL,
  layer        text NOT NULL CHECK (layer IN ('input', 'quota', 'llm', 'output')),
  event_type   text NOT NULL,
  rule_ids     text[] NOT NULL DEFAULT '{}',
  workflow_id  text NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX security_events_user_time ON security_events (user_id, created_at DESC);
CREATE INDEX security_events_layer_time ON security_events (layer, created_at DESC);

-- Down Migration
DROP TABLE security_events;
