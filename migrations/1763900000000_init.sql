-- Up Migration
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE users (
  id          text PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Conversations are keyed per user, so one user's conversation id can never collide with another's.
CREATE TABLE conversations (
  user_id     text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  id          text NOT NULL,
  title       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, id)
);

-- Message ids are deterministic (derived from the chat turn's workflow id), so a retried write is a no-op.
CREATE TABLE messages (
  id                 text PRIMARY KEY,
  user_id            text NOT NULL,
  conversation_id    text NOT NULL,
  workflow_id        text NOT NULL,
  role               text NOT NULL CHECK (role IN ('user', 'assistant')),
  content            text NOT NULL,
  prompt_tokens      integer NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
  completion_tokens  integer NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
  model              text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (user_id, conversation_id) REFERENCES conversations(user_id, id) ON DELETE CASCADE
);
CREATE INDEX messages_conversation_time ON messages (user_id, conversation_id, created_at DESC);

-- Down Migration
DROP TABLE messages;
DROP TABLE conversations;
DROP TABLE users;
