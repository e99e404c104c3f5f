// A bare /metrics endpoint for processes that have no HTTP server of their own (the workers).
import { createServer, type Server } from 'node:http';
import { registry } from './metrics.js';

export function serveMetrics(port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
