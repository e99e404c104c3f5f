-- Up Migration
-- Which embedding model made each stored vector (lib/embeddings/embedder.ts embeddingSpace). Vectors of different
-- models are not comparable: similarity reads compare only within the configured model's space, so switching the
-- embedder never matches a note or a cached answer by a meaningless score. Rows written before this migration
-- are taken to be the built-in hashing embedder's, the only default until then.
ALTER TABLE knowledge_nodes ADD COLUMN embedding_space text NOT NULL DEFAULT 'offline:sparkle-hash-embedding-1:384';
ALTER TABLE knowledge_nodes ALTER COLUMN embedding_space DROP DEFAULT;
ALTER TABLE semantic_cache ADD COLUMN embedding_space text NOT NULL DEFAULT 'offline:sparkle-hash-embedding-1:384';
ALTER TABLE semantic_cache ALTER COLUMN embedding_space DROP DEFAULT;

-- Down Migration
ALTER TABLE semantic_cache DROP COLUMN embedding_space;
ALTER TABLE knowledge_nodes DROP COLUMN embedding_space;
