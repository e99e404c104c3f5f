// The tasks contract: which kinds of workflow a user can see in the tasks API, how urgent each kind is, and the
// status names the API answers with (DESIGN.md, HTTP).
import { ApplicationFailure, defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import { ErrorCode } from '../errors.js';

export const TASK_KINDS = ['chat-turn', 'knowledge-node', 'knowledge-import', 'error-book', 'code-run', 'walk-forward', 'monte-carlo'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/**
 * Temporal priority keys (1 runs first, 5 last; 3 is the server's default) for the jobs that share one task
 * queue. Priority keys rather than a queue per level: one pool of workers serves every level, and a backlog of
 * imports cannot starve a note a student just wrote, while an idle worker still takes an import at once.
 * Chat turns have their own queue (and workers) and keep the default.
 */
export const TASK_PRIORITY: Record<TaskKind, number> = {
  'chat-turn': 3,
  // A student saved one note and will search for it in a moment.
  'knowledge-node': 2,
  // Someone waits for the analysis, but a model call takes seconds anyway.
  'error-book': 3,
  // Bulk work: minutes to hours, nobody watches every line.
  'knowledge-import': 4,
  // An exercise: a student waits for the output, and a run is bounded (SANDBOX_WALL_TIME_MS).
  'code-run': 2,
  // Studies of many sandboxed evaluations: minutes, run in the background.
  'walk-forward': 4,
  'monte-carlo': 3,
};

/** Registered on the dev server at start (scripts/stack/components.ts) and in production by the operator. */
export const USER_ID_ATTR = defineSearchAttributeKey('UserId', SearchAttributeType.KEYWORD);
export const TASK_KIND_ATTR = defineSearchAttributeKey('TaskKind', SearchAttributeType.KEYWORD);

/** The attributes every user-visible workflow carries, so the tasks API can list a user's tasks. */
export function taskSearchAttributes(userId: string, kind: TaskKind): SearchAttributePair[] {
  return [
    { key: USER_ID_ATTR, value: userId },
    { key: TASK_KIND_ATTR, value: kind },
  ];
}

export const TASK_STATUSES = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'timed_out'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

export function isKnownCode(type: string | null | undefined): type is ErrorCode {
  return !!type && KNOWN_CODES.has(type);
}

/**
 * The failure when it is one of ours (an AppError that crossed Temporal as an ApplicationFailure, or a workflow's
 * own ApplicationFailure with one of our codes), searched along the cause chain. Undefined for anything else,
 * whose message may hold internals and must not reach a user.
 */
export function knownFailure(err: unknown): { code: ErrorCode; message: string } | undefined {
  for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && isKnownCode(cause.type)) return { code: cause.type, message: cause.message };
  }
  return undefined;
}
