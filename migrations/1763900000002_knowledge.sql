-- Up Migration
-- Knowledge nodes: a student's notes, embedded for search by meaning. Ids are chosen before the write (by the
-- gateway, or derived from an import line), so a retried write is a no-op. A near-duplicate of an existing node
-- is kept (nothing the student wrote is lost) but linked to the node it repeats and left out of the index.
CREATE TABLE knowledge_nodes (
  id            uuid PRIMARY KEY,
  user_id       text NOT NULL,
  title         text NOT NULL,
  content       text NOT NULL,
  tags          text[] NOT NULL DEFAULT '{}',
  embedding     vector(384) NOT NULL,
  duplicate_of  uuid REFERENCES knowledge_nodes(id) ON DELETE CASCADE,
  similarity    real,                      -- to duplicate_of, when set
  source        text NOT NULL DEFAULT 'api',
  workflow_id   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((duplicate_of IS NULL) = (similarity IS NULL))
);
CREATE INDEX knowledge_nodes_user_time ON knowledge_nodes (user_id, created_at DESC);
-- Cosine HNSW over the canonical nodes only: dedup and search never return a duplicate.
CREATE INDEX knowledge_nodes_embedding ON knowledge_nodes USING hnsw (embedding vector_cosine_ops) WHERE duplicate_of IS NULL;

-- The error book: a mistake, and the tutor's analysis of the misconception behind it.
CREATE TABLE error_book (
  id                uuid PRIMARY KEY,
  user_id           text NOT NULL,
  subject           text,
  question          text NOT NULL,
  wrong_answer      text NOT NULL,
  correct_answer    text NOT NULL,
  status            text NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'analysed', 'blocked')),
  analysis          text,
  related_node_ids  uuid[] NOT NULL DEFAULT '{}',
  workflow_id       text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  analysed_at       timestamptz
) WITH (fillfactor = 30);  -- each row is updated once with its analysis, which about doubles it: pages start a third
                           -- full so the new versions fit beside the old (HOT updates, no index entries)
CREATE INDEX error_book_user_time ON error_book (user_id, created_at DESC);

-- Bulk imports: the uploaded JSON lines are staged here (in one transaction, after validation) so the import
-- workflow can read them in chunks from any worker and resume after a crash.
CREATE TABLE knowledge_imports (
  id           uuid PRIMARY KEY,
  user_id      text NOT NULL,
  total_lines  integer NOT NULL CHECK (total_lines > 0),
  workflow_id  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE knowledge_import_lines (
  import_id  uuid NOT NULL REFERENCES knowledge_imports(id) ON DELETE CASCADE,
  line_no    integer NOT NULL,
  title      text NOT NULL,
  content    text NOT NULL,
  tags       text[] NOT NULL DEFAULT '{}',
  embedding  vector(384),
  PRIMARY KEY (import_id, line_no)
);

-- The semantic cache: answers keyed by the question's embedding, per user, until they expire. A turn writes its
-- row when it embeds the question and fills in the answer when it persists, so no vector travels through
-- workflow history; rows of turns that never answered stay empty, are never served, and expire.
CREATE TABLE semantic_cache (
  id          text PRIMARY KEY,            -- the chat turn's workflow id
  user_id     text NOT NULL,
  embedding   vector(384) NOT NULL,
  answer      text,
  sources     jsonb NOT NULL DEFAULT '[]',
  model       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
) WITH (fillfactor = 50);  -- every row is updated once with its answer (a HOT update when the page has room)
CREATE INDEX semantic_cache_user_expiry ON semantic_cache (user_id, expires_at);

-- Down Migration
DROP TABLE semantic_cache;
DROP TABLE knowledge_import_lines;
DROP TABLE knowledge_imports;
DROP TABLE error_book;
DROP TABLE knowledge_nodes;
