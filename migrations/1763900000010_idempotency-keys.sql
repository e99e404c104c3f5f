-- Up Migration
-- The body each Idempotency-Key first came with (a SHA-256 of its canonical JSON), per resource: the key names the
-- resource (and its job) for good, so the same key with another body is refused instead of answered with the first
-- job. `id` is the resource id the gateway derives from (kind, user, key).
CREATE TABLE idempotency_keys (
  id           uuid PRIMARY KEY,
  user_id      text NOT NULL,
  body_sha256  bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_keys_user ON idempotency_keys (user_id);

-- Down Migration
DROP TABLE idempotency_keys;
