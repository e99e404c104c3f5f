// A bare /metrics endpoint for processes that have no HTTP server of their own (the workers). With `sdkMetricsPort`
// each scrape also fetches the Temporal SDK's own Prometheus text (all names start with `temporal_`) from its loopback
// endpoint and appends it, so operators scrape one target per process.
import { createServer, type Server } from 'node:http';
import { logger } from './logger.js';
import { registry } from './metrics.js';

const SDK_SCRAPE_TIMEOUT_MS = 2_000;

/** The SDK's metrics text, or '' when its endpoint does not answer (our own metrics are still served). */
export async function sdkMetrics(port: number): Promise<string> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(SDK_SCRAPE_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.text();
  } catch (err) {
    logger.warn({ port, err: err instanceof Error ? err.message : String(err) }, 'temporal sdk metrics unavailable for this scrape');
    return '';
  }
}

export function serveMetrics(port: number, host = '0.0.0.0', opts: { sdkMetricsPort?: number } = {}): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const [ours, sdk] = await Promise.all([registry.metrics(), opts.sdkMetricsPort === undefined ? '' : sdkMetrics(opts.sdkMetricsPort)]);
    const body = sdk ? `${ours.endsWith('\n') ? ours : `${ours}\n`}${sdk}` : ours;
    res.writeHead(200, { 'content-type': registry.contentType }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
