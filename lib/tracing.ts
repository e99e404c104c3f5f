// OpenTelemetry tracing, gateway -> workflow -> activities, through Temporal's interceptors. Off (nothing installed,
// no interceptors) unless OTEL_EXPORTER_OTLP_ENDPOINT is set; then spans go to that collector over OTLP/HTTP.
import { createRequire } from 'node:module';
import type { Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { config } from './config.js';
import { logContextClientInterceptor } from './log-context-client.js';

/** What a worker needs to trace: the processor its workflow spans (sent out of the sandbox by a sink) go to. */
export interface Tracing {
  spanProcessor: SpanProcessor;
  resource: Resource;
  tracer: Tracer;
  shutdown(): Promise<void>;
}

/** The OTel workflow interceptors; every workflow bundle includes them (without a client span they start a root span). */
export const otelWorkflowInterceptorsPath = createRequire(import.meta.url).resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

let current: Tracing | undefined;

/** Starts the exporter once per process when OTEL_EXPORTER_OTLP_ENDPOINT is set; undefined otherwise. */
export function setupTracing(service: string): Tracing | undefined {
  const endpoint = config().OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || current) return current;
  const resource = new Resource({ 'service.name': `sparkle-${service}` });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // The global tracer, the W3C propagator, and a context manager: the interceptors inject the *active* span's context.
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  current = { spanProcessor, resource, tracer: provider.getTracer('sparkle'), shutdown: () => provider.shutdown() };
  return current;
}

/**
 * The client's workflow interceptors: the log context header always; with tracing on, a span whose context goes in
 * the workflow's headers too.
 */
export function clientInterceptors(tracer?: Tracer) {
  const t = tracer ?? current?.tracer;
  return { workflow: [logContextClientInterceptor, ...(t ? [new OpenTelemetryWorkflowClientInterceptor({ tracer: t })] : [])] };
}
