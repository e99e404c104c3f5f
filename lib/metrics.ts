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
