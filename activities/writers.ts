// The batch writers of one worker process, one per table and statement: rows from concurrent activities are
// grouped into one multi-row statement (group commit). Created once per worker and closed on shutdown.
import type { Db } from '../lib/db.js';
import { BatchUpdateWriter } from './db/batch-update-writer.js';
import { BatchWriter } from './db/batch-writer.js';

export interface KnowledgeNodeRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  title: string;
  content: string;
  tags: string[];
  embedding: number[];
  embedding_space: string;
  duplicate_of: string | null;
  similarity: number | null;
  source: string;
  workflow_id: string;
}

export interface MessageRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  conversation_id: string;
  workflow_id: string;
  role: 'user' | 'assistant';
  content: string;
  prompt_tokens: number;
  completion_tokens: number;
  model: string | null;
  created_at: Date;
}

export interface ErrorBookRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  subject: string | null;
  question: string;
  wrong_answer: string;
  correct_answer: string;
  workflow_id: string;
}

export interface ErrorBookResultRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  status: 'analysed' | 'blocked';
  analysis: string | null;
  related_node_ids: string[];
  analysed_at: Date;
}

export interface CacheEntryRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  embedding: number[];
  embedding_space: string;
  sources: unknown[];
  expires_at: Date;
}

export interface CacheAnswerRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  answer: string;
  model: string;
}

export interface CodeRunRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  workflow_id: string;
  status: 'completed' | 'failed' | 'rejected';
  exit_code: number | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  error_code: string | null;
  error_message: string | null;
  duration_ms: number;
  cpu_ms: number | null;
  max_rss_bytes: number | null;
  code_bytes: number;
}

/** `copy: false` keeps every batch on INSERT ... SELECT FROM unnest (for servers without COPY FROM STDIN). */
export function createWriters(db: Db, opts: { copy?: boolean } = {}) {
  const copyMinRows = opts.copy === false ? Infinity : undefined;
  return {
    messages: new BatchWriter<MessageRow>(db, {
      table: 'messages',
      copyMinRows,
      key: ['id'],
      columns: [
        { name: 'id', type: 'text' },
        { name: 'user_id', type: 'text' },
        { name: 'conversation_id', type: 'text' },
        { name: 'workflow_id', type: 'text' },
        { name: 'role', type: 'text' },
        { name: 'content', type: 'text' },
        { name: 'prompt_tokens', type: 'integer' },
        { name: 'completion_tokens', type: 'integer' },
        { name: 'model', type: 'text' },
        { name: 'created_at', type: 'timestamptz' },
      ],
    }),
    errorBook: new BatchWriter<ErrorBookRow>(db, {
      table: 'error_book',
      copyMinRows,
      key: ['id'],
      columns: [
        { name: 'id', type: 'uuid' },
        { name: 'user_id', type: 'text' },
        { name: 'subject', type: 'text' },
        { name: 'question', type: 'text' },
        { name: 'wrong_answer', type: 'text' },
        { name: 'correct_answer', type: 'text' },
        { name: 'workflow_id', type: 'text' },
      ],
    }),
    errorBookResults: new BatchUpdateWriter<ErrorBookResultRow>(db, {
      table: 'error_book',
      key: ['id', 'user_id'],
      columns: [
        { name: 'id', type: 'uuid' },
        { name: 'user_id', type: 'text' },
        { name: 'status', type: 'text' },
        { name: 'analysis', type: 'text' },
        { name: 'related_node_ids', type: 'uuid[]' },
        { name: 'analysed_at', type: 'timestamptz' },
      ],
    }),
    cacheEntries: new BatchWriter<CacheEntryRow>(db, {
      table: 'semantic_cache',
      copyMinRows,
      key: ['id'],
      columns: [
        { name: 'id', type: 'text' },
        { name: 'user_id', type: 'text' },
        { name: 'embedding', type: 'vector' },
        { name: 'embedding_space', type: 'text' },
        { name: 'sources', type: 'jsonb' },
        { name: 'expires_at', type: 'timestamptz' },
      ],
    }),
    codeRuns: new BatchWriter<CodeRunRow>(db, {
      table: 'code_runs',
      copyMinRows,
      key: ['id'],
      columns: [
        { name: 'id', type: 'uuid' },
        { name: 'user_id', type: 'text' },
        { name: 'workflow_id', type: 'text' },
        { name: 'status', type: 'text' },
        { name: 'exit_code', type: 'integer' },
        { name: 'stdout', type: 'text' },
        { name: 'stderr', type: 'text' },
        { name: 'truncated', type: 'boolean' },
        { name: 'error_code', type: 'text' },
        { name: 'error_message', type: 'text' },
        { name: 'duration_ms', type: 'integer' },
        { name: 'cpu_ms', type: 'integer' },
        { name: 'max_rss_bytes', type: 'bigint' },
        { name: 'code_bytes', type: 'integer' },
      ],
    }),
    cacheAnswers: new BatchUpdateWriter<CacheAnswerRow>(db, {
      table: 'semantic_cache',
      key: ['id', 'user_id'],
      columns: [
        { name: 'id', type: 'text' },
        { name: 'user_id', type: 'text' },
        { name: 'answer', type: 'text' },
        { name: 'model', type: 'text' },
      ],
    }),
  };
}

export type Writers = ReturnType<typeof createWriters>;

export async function closeWriters(writers: Writers): Promise<void> {
  await Promise.allSettled(Object.values(writers).map((w) => w.close()));
}
