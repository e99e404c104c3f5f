// The one Temporal connection helper: clients (gateway, CLI, scripts, benches, tests) and workers' connections.
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { config } from './config.js';
import { clientInterceptors } from './tracing.js';

export async function connectClient(address = config().TEMPORAL_ADDRESS, namespace = config().TEMPORAL_NAMESPACE): Promise<Client> {
  const connection = await Connection.connect({ address, connectTimeout: '5s' });
  // Workflow starts carry the log context and, with tracing on (setupTracing ran first), the trace context.
  return new Client({ connection, namespace, interceptors: clientInterceptors() });
}

/** A worker's connection. The SDK's worker package (its native core) is loaded only here, never by the gateway. */
export async function connectWorker(address = config().TEMPORAL_ADDRESS): Promise<NativeConnection> {
  const { NativeConnection: Native } = await import('@temporalio/worker');
  return Native.connect({ address });
}
