// Request bodies and queries of the REST API, validated with zod. Errors name the field, never echo values.
import { z } from 'zod';
import { AppError, ErrorCode } from '../lib/errors.js';
import { EMBEDDING_DIMENSIONS } from '../lib/contracts/knowledge.js';
import { TASK_KINDS, TASK_STATUSES } from '../lib/contracts/tasks.js';
import { expandGrid, LIMITS, parseCsvSeries, walkForwardWindows } from '../lib/strategy-lab.js';
import { SYNTHETIC_DEFAULTS, SYNTHETIC_MAX_LENGTH } from '../lib/synthetic-series.js';

/** A NUL (Postgres text cannot hold one) or an unpaired UTF-16 surrogate (not Unicode: it cannot become UTF-8). */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses text the database could not store, at the edge, so a job is never started only to fail inside. Every schema
 * of user text uses it (REST bodies, import lines, WebSocket frames).
 */
export const storableText = <T extends z.ZodString>(schema: T): T =>
  schema.refine((s) => !UNSTORABLE.test(s), 'must not contain NUL characters or unpaired surrogates') as T;

const text = (max: number) => storableText(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

/** The vector column holds 32-bit floats: a value that overflows one (1e39) would fail the job's write. */
const float4s = z.array(z.number()).refine((vs) => vs.every((v) => Number.isFinite(Math.fround(v))), 'every value must fit a 32-bit float (|v| <= 3.4e38)');

export const nodeFields = (maxContentChars: number) => ({
  title: text(200),
  content: text(maxContentChars),
  tags: z.array(text(50)).max(20, 'at most 20 tags').default([]),
  embedding: float4s.optional(),
});

export const knowledgeNodeBody = (maxContentChars: number) => z.object(nodeFields(maxContentChars)).strict();

export const searchQuery = z.object({
  q: storableText(z.string().trim().max(2000, 'must be at most 2000 characters')).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const errorBookBody = z.object({ question: text(4000), wrongAnswer: text(4000), correctAnswer: text(4000), subject: text(100).optional() }).strict();

export const codeRunBody = (maxCodeBytes: number) =>
  z
    .object({
      code: z.string().min(1, 'must not be empty').max(maxCodeBytes, `must be at most ${maxCodeBytes} characters`),
      stdin: z.string().max(65_536, 'must be at most 65536 characters').optional(),
    })
    .strict();

export const tasksQuery = z.object({
  kind: z.enum(TASK_KINDS).optional(),
  status: z.enum(TASK_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The previous page's nextPageToken, as given. */
  pageToken: z
    .string()
    .max(4096)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'must be the nextPageToken of a previous page')
    .optional(),
});

/** A workflow id as the API hands them out (visible ASCII; ours are `<kind>:<user>:...`). */
export const workflowIdParam = z
  .string()
  .min(1)
  .max(400)
  .regex(/^[\x21-\x7e]+$/, 'must be a task id from this API');

export const uuidParam = z.string().uuid('must be a UUID');

/** Parses or throws a 400 whose message lists each bad field. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, what = 'body'): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const message = r.error.issues.map((i) => `${[what, ...i.path].join('.')}: ${i.message}`).join('; ');
    throw new AppError(ErrorCode.BAD_REQUEST, message, 400);
  }
  return r.data;
}

/** A client-supplied embedding must fit the schema's vector column exactly. */
export function checkEmbedding(embedding: number[] | undefined, where = 'embedding'): void {
  if (embedding && embedding.length !== EMBEDDING_DIMENSIONS) {
    throw new AppError(ErrorCode.EMBEDDING_DIMENSIONS, `${where} has ${embedding.length} dimensions; this server stores ${EMBEDDING_DIMENSIONS}`, 400);
  }
}

// The strategy lab's bodies: what a study may ask for is bounded by lib/strategy-lab.ts LIMITS.
const issue = (ctx: z.RefinementCtx, path: (string | number)[], err: unknown) =>
  ctx.addIssue({ code: 'custom', path, message: err instanceof Error ? err.message : String(err) });

/** `series` is an array of closes or the text of a CSV upload (parsed here); or `syntheticSeed` (+ length). */
export const WalkForwardBodySchema = z
  .strictObject({
    code: z.string().min(1).max(LIMITS.codeChars),
    series: z
      .union([
        z.array(z.number().positive()).min(2).max(LIMITS.seriesPoints),
        z
          .string()
          .max(LIMITS.csvChars)
          .transform((text, ctx) => {
            try {
              return parseCsvSeries(text).closes;
            } catch (err) {
              // continue: the union then reports this message instead of a bare "Invalid input"
              ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err), continue: true });
              return z.NEVER;
            }
          }),
      ])
      .optional(),
    syntheticSeed: z.number().int().min(0).max(0xffffffff).optional(),
    syntheticLength: z.number().int().min(2).max(SYNTHETIC_MAX_LENGTH).optional(),
    grid: z.record(z.string(), z.array(z.number()).min(1)),
    windows: z.strictObject({
      mode: z.enum(['rolling', 'anchored']),
      inSample: z.number().int(),
      outOfSample: z.number().int(),
      /** Bars of history before each window the strategy may see (indicator warm-up); default 0. */
      warmup: z.number().int().min(0).max(LIMITS.seriesPoints).default(0),
    }),
  })
  .superRefine((body, ctx) => {
    if ((body.series === undefined) === (body.syntheticSeed === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['series'], message: 'give exactly one of series (closes or CSV text) or syntheticSeed' });
    }
    if (body.syntheticLength !== undefined && body.syntheticSeed === undefined) {
      ctx.addIssue({ code: 'custom', path: ['syntheticLength'], message: 'syntheticLength goes with syntheticSeed' });
    }
    try {
      expandGrid(body.grid);
    } catch (err) {
      issue(ctx, ['grid'], err);
    }
    const length = body.series?.length ?? body.syntheticLength ?? SYNTHETIC_DEFAULTS.length;
    try {
      walkForwardWindows(length, body.windows);
    } catch (err) {
      issue(ctx, ['windows'], err);
    }
  });
export type WalkForwardBody = z.output<typeof WalkForwardBodySchema>;

/** `returns`: per-trade fractional returns (0.02 = +2 %). ruinThreshold: fraction of the starting equity. */
export const MonteCarloBodySchema = z
  .strictObject({
    returns: z.array(z.number().min(-1).max(LIMITS.maxTradeReturn)).min(1).max(LIMITS.mcReturns),
    paths: z.number().int().min(1).max(LIMITS.mcPaths),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    ruinThreshold: z.number().min(0).lt(1).default(0.5),
  })
  .refine((b) => b.paths * b.returns.length <= LIMITS.mcCells, {
    path: ['paths'],
    message: `paths x number of returns must be at most ${LIMITS.mcCells.toLocaleString('en')}`,
  });
export type MonteCarloBody = z.output<typeof MonteCarloBodySchema>;
