// The one Temporal connection helper for clients (gateway, scripts, tests).
import { Client, Connection } from '@temporalio/client';
import { config } from './config.js';
import { clientInterceptors } from './tracing.js';

export async function connectClient(address = config().TEMPORAL_ADDRESS, namespace = config().TEMPORAL_NAMESPACE): Promise<Client> {
  const connection = await Connection.connect({ address, connectTimeout: '5s' });
  // Workflow starts carry the log context and, with tracing on (setupTracing ran first), the trace context.
  return new Client({ connection, namespace, interceptors: clientInterceptors() });
}
