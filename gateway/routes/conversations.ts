// A user's conversations and their messages, read back for the web client and the CLI, a page at a time.
// Pages are keyset-paged on (time, id), never OFFSET: a page costs the same however deep it is, and a turn written
// while someone pages shifts nothing. A conversation of another user answers 404 exactly like an unknown id.
import type express from 'express';
import { z } from 'zod';
import { CLIENT_ID_PATTERN } from '../../lib/contracts/chat.js';
import type { Db } from '../../lib/db.js';
import { parse } from '../api-schemas.js';
import { notFound, route } from '../route.js';

/** Longest derived title: the start of the first question, enough to recognise a conversation in a list. */
export const TITLE_CHARS = 80;

/**
 * A position in a list: the row's time exactly as Postgres stores it (microseconds; a JS Date keeps only
 * milliseconds, and a cursor rounded to them would skip or repeat rows) and its id, which breaks ties in time.
 * Not sealed: every query filters by the caller's user id, so a forged cursor can only move within their own rows.
 */
const PG_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const cursorKey = z.tuple([
  z
    .string()
    .regex(PG_TIME)
    .refine((t) => new Date(`${t.slice(0, 23)}Z`).toISOString().slice(0, 23) === t.slice(0, 23)),
  z
    .string()
    .min(1)
    .max(400)
    .regex(/^[\x21-\x7e]+$/),
]);
type Cursor = z.infer<typeof cursorKey>;

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

const cursorParam = (name: string) =>
  z
    .string()
    .max(1024)
    .transform((s, ctx): Cursor => {
      try {
        const r = cursorKey.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
        if (r.success) return r.data;
      } catch {
        /* not base64url JSON: refused below */
      }
      ctx.addIssue({ code: 'custom', message: `must be the nextCursor of a previous page (${name})` });
      return z.NEVER;
    });

export const conversationsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: cursorParam('GET /api/conversations').optional(),
  })
  .strict();

export const messagesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: cursorParam('GET /api/conversations/:id/messages').optional(),
  })
  .strict();

export const conversationIdParam = z.string().regex(CLIENT_ID_PATTERN, 'must be a conversation id (1-64 letters, digits, _ or -)');

/** Postgres's own text of a timestamp, in UTC with microseconds: what a cursor carries. */
const keyOf = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The start of the first question: whitespace folded (a title is one line), at most TITLE_CHARS code points. */
export function titleFrom(text: string | null): string | null {
  if (text === null) return null;
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length <= TITLE_CHARS) return chars.join('') || null;
  return `${chars
    .slice(0, TITLE_CHARS - 1)
    .join('')
    .trimEnd()}…`;
}

interface ConversationRow {
  id: string;
  title: string | null;
  first_question: string | null;
  created_at: Date;
  updated_at: Date;
  message_count: number;
  k: string;
}

interface MessageRow {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  created_at: Date;
  k: string;
}

export async function listConversations(db: Db, userId: string, q: z.infer<typeof conversationsQuery>) {
  const params: unknown[] = [userId, q.limit + 1];
  // Two texts rather than `$2 IS NULL OR ...`: a generic plan of that form could not use the index bound.
  let after = '';
  if (q.cursor) {
    params.push(q.cursor[0], q.cursor[1]);
    after = 'AND (c.updated_at, c.id) < ($3::timestamptz, $4)';
  }
  // conversations_recent (user_id, updated_at, id) read backwards gives the order and the bound; the count and the
  // first question are looked up for this page's rows only, each on messages_conversation_time.
  const { rows } = await db.query<ConversationRow>(
    `SELECT c.id, c.title, c.created_at, c.updated_at, ${keyOf('c.updated_at')} AS k,
            (SELECT count(*)::int FROM messages m WHERE m.user_id = c.user_id AND m.conversation_id = c.id) AS message_count,
            CASE WHEN c.title IS NULL THEN
              (SELECT left(m.content, 400) FROM messages m
                WHERE m.user_id = c.user_id AND m.conversation_id = c.id AND m.role = 'user'
                ORDER BY m.created_at, m.id LIMIT 1)
            END AS first_question
       FROM conversations c
      WHERE c.user_id = $1 ${after}
      ORDER BY c.updated_at DESC, c.id DESC
      LIMIT $2`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title ?? titleFrom(r.first_question),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      messageCount: r.message_count,
    })),
    ...(rows.length > q.limit && last ? { nextCursor: encodeCursor([last.k, last.id]) } : {}),
  };
}

export async function listMessages(db: Db, userId: string, conversationId: string, q: z.infer<typeof messagesQuery>) {
  const owned = await db.query('SELECT 1 FROM conversations WHERE user_id = $1 AND id = $2', [userId, conversationId]);
  if (owned.rowCount === 0) throw notFound('conversation');
  const params: unknown[] = [userId, conversationId, q.limit + 1];
  // messages_conversation_time has no id column: the time bound is the index condition, the id only breaks ties
  // (two turns in one millisecond), checked on the few rows that share the bound's time.
  let before = '';
  if (q.before) {
    params.push(q.before[0], q.before[1]);
    before = 'AND created_at <= $4::timestamptz AND (created_at < $4::timestamptz OR id < $5)';
  }
  const { rows } = await db.query<MessageRow>(
    `SELECT id, role, content, created_at, ${keyOf('created_at')} AS k
       FROM messages
      WHERE user_id = $1 AND conversation_id = $2 ${before}
      ORDER BY created_at DESC, id DESC
      LIMIT $3`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const oldest = page.at(-1);
  return {
    conversationId,
    items: page.reverse().map((r) => ({ id: r.id, role: r.role, content: r.content, createdAt: r.created_at.toISOString() })),
    ...(rows.length > q.limit && oldest ? { nextCursor: encodeCursor([oldest.k, oldest.id]) } : {}),
  };
}

export function addConversationRoutes(api: express.Router, db: Db): void {
  api.get(
    '/conversations',
    route(async (req, res, user) => {
      res.json(await listConversations(db, user.id, parse(conversationsQuery, req.query, 'query')));
    }),
  );
  api.get(
    '/conversations/:id/messages',
    route(async (req, res, user) => {
      const id = parse(conversationIdParam, req.params.id, 'id');
      res.json(await listMessages(db, user.id, id, parse(messagesQuery, req.query, 'query')));
    }),
  );
}
