// The students' web client (gateway/web/: one page, plain ES modules, nothing from a CDN) at `/`, under a strict
// Content-Security-Policy: only this origin's scripts and styles, no inline code, no framing.
import { fileURLToPath } from 'node:url';
import express from 'express';

const dir = fileURLToPath(new URL('web/', import.meta.url));
export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function addWebClient(app: express.Express): void {
  const headers = (res: express.Response) => {
    res.set('Content-Security-Policy', WEB_CSP);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'no-referrer');
  };
  app.get('/', (_req, res) => {
    headers(res);
    res.sendFile('index.html', { root: dir });
  });
  app.use('/web', express.static(dir, { index: false, setHeaders: headers }));
}
