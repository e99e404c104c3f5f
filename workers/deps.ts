// Builds the activities' dependencies from the validated config (the worker, the tests and the benches share it).
import type { ActivityDeps } from '../activities/index.js';
import { chatModelsFromConfig } from '../activities/llm/index.js';
import { CircuitBreaker } from '../activities/security/stores/circuit-breaker.js';
import { QuotaStore } from '../activities/security/stores/quota.js';
import { DEFAULT_INPUT_POLICY, type InputGuardOptions } from '../activities/security/types.js';
import { createWriters } from '../activities/writers.js';
import type { Config } from '../lib/config.js';
import { embedderFromConfig, similarityThresholds } from '../lib/embeddings/index.js';
import type { Db } from '../lib/db.js';
import type { RedisClient } from '../lib/redis.js';
import { createSandboxDriver, type SandboxLimits } from '../sandbox/index.js';

export function buildActivityDeps(c: Config, io: { db: Db; redis: RedisClient }, overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  const embedder = overrides.embedder ?? embedderFromConfig(c);
  const thresholds = similarityThresholds(c, embedder);
  return {
    db: io.db,
    redis: io.redis,
    models: chatModelsFromConfig(c),
    breaker: new CircuitBreaker(io.redis, { failureThreshold: c.CB_FAILURE_THRESHOLD, openMs: c.CB_OPEN_SECONDS * 1000, probeLeaseMs: c.LLM_TIMEOUT_MS }),
    quota: new QuotaStore(
      io.redis,
      {
        dailyTokens: c.QUOTA_DAILY_TOKENS,
        requestsPerMinute: c.QUOTA_REQUESTS_PER_MINUTE,
        concurrentTurns: c.QUOTA_CONCURRENT_TURNS,
        leaseMs: 5 * 60_000,
      },
      { replicaAckMs: c.QUOTA_REPLICA_WAIT_MS },
    ),
    quotaOnRedisError: c.QUOTA_ON_REDIS_ERROR,
    inputGuard: inputGuardOptions(c),
    maxCompletionTokens: c.LLM_MAX_COMPLETION_TOKENS,
    prices: { prompt: c.LLM_PRICE_PROMPT_PER_1K_TOKENS, completion: c.LLM_PRICE_COMPLETION_PER_1K_TOKENS },
    contextMessages: c.CHAT_CONTEXT_MESSAGES,
    retentionMs: c.CONVERSATION_RETENTION_DAYS * 86_400_000,
    embedder,
    writers: createWriters(io.db, { copy: c.DATABASE_COPY === 'on' }),
    dedupThreshold: thresholds.dedup,
    importChunk: c.KNOWLEDGE_IMPORT_CHUNK,
    ragTopK: c.RAG_TOP_K,
    ragMinSimilarity: thresholds.ragMin,
    ragContextTokens: c.RAG_TOP_K > 0 ? c.RAG_CONTEXT_MAX_TOKENS : 0, // no notes, no room to reserve for them
    cacheThreshold: thresholds.cache,
    cacheTtlMs: c.SEMANTIC_CACHE_TTL_SECONDS * 1000,
    cacheMinChars: c.SEMANTIC_CACHE_MIN_CHARS,
    sandbox: createSandboxDriver(c.SANDBOX_DRIVER, { python: c.SANDBOX_PYTHON, image: c.SANDBOX_DOCKER_IMAGE }),
    sandboxLimits: sandboxLimits(c),
    sandboxParallelism: c.SANDBOX_PARALLELISM,
    validation: { allowedImports: c.SANDBOX_ALLOWED_IMPORTS, python: c.SANDBOX_PYTHON, maxCodeBytes: c.SANDBOX_MAX_CODE_BYTES },
    ...overrides,
  };
}

export function sandboxLimits(c: Config): SandboxLimits {
  return {
    memoryBytes: c.SANDBOX_MEMORY_MB * 1024 * 1024,
    cpus: c.SANDBOX_CPUS,
    pids: c.SANDBOX_PIDS,
    wallTimeMs: c.SANDBOX_WALL_TIME_MS,
    outputBytes: c.SANDBOX_OUTPUT_BYTES,
  };
}

/** The input guard's settings from config; `npm run guard:scan` uses the same, so it scores what runs. */
export function inputGuardOptions(c: Config): InputGuardOptions {
  return { maxTokens: c.GUARD_MAX_INPUT_TOKENS, policy: { ...DEFAULT_INPUT_POLICY, ...(c.GUARD_POLICY as Partial<InputGuardOptions['policy']>) } };
}
