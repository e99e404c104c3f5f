-- Up Migration
-- A user's conversations, most recently updated first (GET /api/conversations): the primary key (user_id, id) cannot
-- give that order, so every page would sort all of the user's conversations. Read backwards, this index gives the
-- order and the keyset bound (updated_at, id) < cursor, and a page reads only its own rows.
CREATE INDEX conversations_recent ON conversations (user_id, updated_at, id);

-- Down Migration
DROP INDEX conversations_recent;
