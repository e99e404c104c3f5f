// The chat-turn contract shared by the gateway, the workflow and the activities: ids, inputs, results and
// the Redis channel on which a turn's text streams. Pure (no Node modules), so workflows may import it.
// @noble/hashes, not node:crypto: the contracts are imported by workflow code, which Node's modules cannot enter.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Source } from './knowledge.js';

export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const CHAT_TURN_WORKFLOW = 'chatTurnWorkflow';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatTurnInput {
  userId: string;
  conversationId: string;
  clientMsgId: string;
  text: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface LlmReply {
  /** What the user saw: already through the output guard. */
  text: string;
  usage: TokenUsage;
  model: string;
  provider: string;
  /** Kinds the output guard redacted, with the rule that fired. */
  redactions: { kind: string; ruleId: string }[];
  /** True when every model's circuit was open and the answer is a fallback, not the model's. */
  degraded?: boolean;
  /** The model-call attempt that produced the text: the epoch of the deltas that match it (see TurnDelta). */
  attempt?: number;
}

export type SecurityLayer = 'input' | 'quota' | 'output';

export interface BlockedTurn {
  status: 'blocked';
  conversationId: string;
  layer: SecurityLayer;
  reason: string;
  rules: string[];
}

/** A finished turn: the reply, the student's notes it drew on, and whether it came from the semantic cache. */
export type ChatTurnResult = ({ status: 'done'; conversationId: string; sources?: Source[]; cached?: boolean } & LlmReply) | BlockedTurn;

/** One row of the audit trail (never the offending text). */
export interface SecurityEvent {
  layer: SecurityLayer | 'llm';
  eventType: string;
  rules: string[];
  details?: Record<string, unknown>;
}

/** One id per (user, conversation, client message): a resend maps to the same workflow. */
export function chatTurnWorkflowId(userId: string, conversationId: string, clientMsgId: string): string {
  return `chat:${userId}:${conversationId}:${clientMsgId}`;
}

/** With no conversation given, the conversation is derived from the message id so a resend lands in the same one. */
export function defaultConversationId(userId: string, clientMsgId: string): string {
  return 'c-' + bytesToHex(sha256(utf8ToBytes(`${userId}\0${clientMsgId}`))).slice(0, 24);
}

/**
 * Where a turn's deltas are published, and where the text streamed so far (and the attempt it belongs to) is kept
 * for late subscribers. All three share the workflow id's hash tag: one Redis Cluster slot.
 */
export const turnChannel = (workflowId: string) => `turn:{${workflowId}}:deltas`;
export const turnTextKey = (workflowId: string) => `turn:{${workflowId}}:text`;
export const turnAttemptKey = (workflowId: string) => `turn:{${workflowId}}:attempt`;

/**
 * A published delta. `attempt` is the model call's attempt (its epoch): a retried call streams a new answer from
 * offset 0, and a subscriber drops what it holds of an earlier attempt. `offset` is where `text` starts in this
 * attempt's reply, so a subscriber can drop overlaps. An empty text at offset 0 announces a new attempt.
 */
export interface TurnDelta {
  attempt: number;
  offset: number;
  text: string;
}

/** Deltas published before attempts were numbered (a worker of the previous release) belong to attempt 1. */
export function parseTurnDelta(message: string): TurnDelta | undefined {
  try {
    const d = JSON.parse(message) as Partial<TurnDelta>;
    if (typeof d.offset !== 'number' || typeof d.text !== 'string') return undefined;
    return { attempt: typeof d.attempt === 'number' ? d.attempt : 1, offset: d.offset, text: d.text };
  } catch {
    return undefined;
  }
}

export const RETENTION_WORKFLOW = 'conversationRetentionWorkflow';

export interface RetentionInput {
  userId: string;
  conversationId: string;
  /** How long the conversation may stay idle before it is deleted. */
  idleMs: number;
}

export const retentionWorkflowId = (userId: string, conversationId: string) => `retention:${userId}:${conversationId}`;

/**
 * The input guard's sanitised text, if it made one. Decisions recorded in workflow histories before the field was
 * spelled `sanitised` call it `sanitized`: a turn in flight across the upgrade still goes on with the clean text.
 */
export function sanitisedText(guard: { sanitised?: string }): string | undefined {
  return guard.sanitised ?? (guard as { sanitized?: string }).sanitized;
}
