// The one metrics registry. Every metric the project exports is declared here, so dashboards and code agree.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const chatTurnsTotal = new Counter({
  name: 'chat_turns_total',
  help: 'Chat turns by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
export const chatTurnSeconds = new Histogram({
  name: 'chat_turn_seconds',
  help: 'Chat turn duration from accept to done, seen by the gateway',
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
  registers: [registry],
});
export const wsConnections = new Gauge({
  name: 'ws_connections',
  help: 'Open WebSocket connections',
  registers: [registry],
});
export const wsFramesRejectedTotal = new Counter({
  name: 'ws_frames_rejected_total',
  help: 'Client frames answered with an error frame',
  labelNames: ['code'] as const,
  registers: [registry],
});
export const wsSlowConsumersClosedTotal = new Counter({
  name: 'ws_slow_consumers_closed_total',
  help: 'WebSockets closed (1013) because replies queued for them passed WS_MAX_BUFFERED_BYTES: the client was not reading',
  registers: [registry],
});
export const pubsubMessagesDroppedTotal = new Counter({
  name: 'pubsub_messages_dropped_total',
  help: 'Redis pub/sub messages the gateway dropped: malformed, or a listener failed on them',
  labelNames: ['reason'] as const,
  registers: [registry],
});
export const llmCallsTotal = new Counter({
  name: 'llm_calls_total',
  help: 'LLM calls by provider, model and outcome',
  labelNames: ['provider', 'model', 'outcome'] as const,
  registers: [registry],
});
export const llmTokensTotal = new Counter({
  name: 'llm_tokens_total',
  help: 'Tokens used, by kind (prompt or completion)',
  labelNames: ['kind'] as const,
  registers: [registry],
});
export const llmCostUsdTotal = new Counter({
  name: 'llm_cost_usd_total',
  help: 'Model spend in US dollars, from tokens and the configured prices (LLM_PRICE_*_PER_1K_TOKENS), by model',
  labelNames: ['model'] as const,
  registers: [registry],
});
export const llmLatencySeconds = new Histogram({
  name: 'llm_latency_seconds',
  help: 'LLM call latency',
  labelNames: ['stage'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
  registers: [registry],
});
export const securityEventsTotal = new Counter({
  name: 'llm_security_events_total',
  help: 'Security chain events by layer and type (blocks, flags, redactions, quota denials)',
  labelNames: ['layer', 'event_type'] as const,
  registers: [registry],
});
export const quotaUsageTotal = new Counter({
  name: 'llm_quota_usage_total',
  help: 'Tokens charged to user quotas (settled usage)',
  registers: [registry],
});
export const circuitState = new Gauge({
  name: 'llm_circuit_state',
  help: 'Circuit breaker state per model as seen by this worker: 0 closed, 1 half-open, 2 open',
  labelNames: ['model'] as const,
  registers: [registry],
});
export const knowledgeNodesTotal = new Counter({
  name: 'knowledge_nodes_total',
  help: 'Knowledge nodes written, by outcome (created, or merged into a near-duplicate)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
export const semanticCacheLookupsTotal = new Counter({
  name: 'semantic_cache_lookups_total',
  help: 'Semantic cache lookups by result: hit (answered without a model call), miss, or skipped (short or cache off)',
  labelNames: ['result'] as const,
  registers: [registry],
});
export const batchWriterFlushesTotal = new Counter({
  name: 'batch_writer_flushes_total',
  help: 'Batch writer flushes by table, operation and outcome (ok, error, split = retried per caller)',
  labelNames: ['table', 'op', 'outcome'] as const,
  registers: [registry],
});
export const batchWriterRowsTotal = new Counter({
  name: 'batch_writer_rows_total',
  help: 'Rows in committed batch writer flushes',
  labelNames: ['table', 'op'] as const,
  registers: [registry],
});
export const batchWriterFlushSeconds = new Histogram({
  name: 'batch_writer_flush_seconds',
  help: 'Batch writer flush duration',
  labelNames: ['table', 'op'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});
export const batchWriterBatchRows = new Histogram({
  name: 'batch_writer_batch_rows',
  help: 'Rows per batch writer flush',
  labelNames: ['table', 'op'] as const,
  buckets: [1, 2, 5, 10, 50, 100, 500, 1000, 2000, 5000, 10000],
  registers: [registry],
});

type Probe = () => Promise<void>;

/** Gauges that one module refreshes at scrape time through the probe it installs (none installed: no samples). */
function scrapeProbe() {
  let installed: Probe | undefined;
  const collect = async () => {
    await installed?.();
  };
  return {
    install(probe: Probe | undefined): void {
      installed = probe;
    },
    gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
      return new Gauge({ name, help, labelNames, registers: [registry], collect });
    },
  };
}

// Each app task queue as Temporal's DescribeTaskQueue reports it, refreshed at scrape time by the gateway
// (gateway/task-queue-metrics.ts; other processes export no samples). Ours rather than the server's
// approximate_backlog_count, which a server emits only under some configurations: this one is there wherever
// the gateway runs, and a test sees it move.
const taskQueues = scrapeProbe();
export const setTaskQueueProbe = taskQueues.install;
const QUEUE_LABELS = ['task_queue', 'task_type'] as const;
export const taskQueueBacklog = taskQueues.gauge(
  'task_queue_backlog',
  "Tasks waiting on an app task queue for a worker (Temporal's approximate backlog count), by task type",
  QUEUE_LABELS,
);
export const taskQueueBacklogAgeSeconds = taskQueues.gauge(
  'task_queue_backlog_age_seconds',
  'How long the oldest waiting task of an app task queue has waited, by task type',
  QUEUE_LABELS,
);
export const taskQueuePollers = taskQueues.gauge(
  'task_queue_pollers',
  'Distinct workers that polled an app task queue within the last 2 minutes, by task type',
  QUEUE_LABELS,
);

// Redis Cluster nodes as this process reaches them, refreshed at scrape time by lib/redis-cluster-metrics.ts
// (installed only in cluster mode; otherwise these have no samples). The three gauges share one probe per scrape.
const redisCluster = scrapeProbe();
export const setRedisClusterProbe = redisCluster.install;
const NODE_LABELS = ['node', 'role'] as const;
export const redisClusterNodeUp = redisCluster.gauge(
  'redis_cluster_node_up',
  'Redis Cluster node answered INFO within the probe timeout at scrape time (1) or not (0); role as the node or the cluster reports it',
  NODE_LABELS,
);
export const redisClusterNodeMemoryUsedBytes = redisCluster.gauge(
  'redis_cluster_node_memory_used_bytes',
  'used_memory of each reachable Redis Cluster node',
  NODE_LABELS,
);
export const redisClusterNodeMemoryMaxBytes = redisCluster.gauge(
  'redis_cluster_node_memory_max_bytes',
  'maxmemory of each reachable Redis Cluster node (0: no limit)',
  NODE_LABELS,
);
export const quotaWritesUnreplicatedTotal = new Counter({
  name: 'quota_writes_unreplicated_total',
  help: 'Quota writes a Redis Cluster master acknowledged without a replica confirming them within QUOTA_REPLICA_WAIT_MS (WAIT timed out, or no replica): a failover of that master may lose these',
  labelNames: ['op'] as const,
  registers: [registry],
});
export const sandboxRunsTotal = new Counter({
  name: 'sandbox_runs_total',
  help: 'Sandbox runs that ended, by kind (code_run, strategy) and outcome: ok, the sandbox error code lowercased (sandbox_timeout, sandbox_memory, ...), sandbox_unavailable (could not start) or cancelled',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});
export const turnStreamFailuresTotal = new Counter({
  name: 'turn_stream_failures_total',
  help: 'Model-call attempts whose live token stream stopped because Redis refused a delta (the answer then reaches the client whole, with chat.done)',
  registers: [registry],
});
export const llmAttemptsSupersededTotal = new Counter({
  name: 'llm_attempts_superseded_total',
  help: 'Model-call attempts that stopped streaming because a later attempt of the same call had begun (a paused or partitioned worker came back)',
  registers: [registry],
});
