import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyToken } from '../../lib/auth.js';
import { parseConfig, type Config } from '../../lib/config.js';
import { addDevSignIn } from '../../gateway/dev-sign-in.js';
import { createHttpApp, finishHttpApp } from '../../gateway/http.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function gateway(c: Config): Promise<string> {
  const app = createHttpApp({});
  addDevSignIn(app, c);
  finishHttpApp(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (url: string, body: unknown) =>
  fetch(`${url}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('dev sign-in', () => {
  const dev = parseConfig({ NODE_ENV: 'development', JWT_SECRET: randomBytes(24).toString('hex') });

  it('mints a student token for a valid name, and nothing else', async () => {
    const url = await gateway(dev);
    const res = await post(url, { user: 'ada.lovelace' });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(await verifyToken(token, dev)).toEqual({ id: 'ada.lovelace', roles: ['student'] });
  });

  it('refuses a bad name or any extra field (no asking for a role) with a stable code', async () => {
    const url = await gateway(dev);
    for (const body of [{ user: 'two words' }, { user: '' }, {}, { user: 'ada', roles: ['operator'] }]) {
      const res = await post(url, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    }
  });

  it('does not exist in production: both routes answer 404 like any unknown route', async () => {
    const prod = parseConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(24).toString('hex'), LLM_BASE_URL: 'http://127.0.0.1:9/v1' });
    const url = await gateway(prod);
    expect((await fetch(`${url}/dev/sign-in`)).status).toBe(404);
    const res = await post(url, { user: 'ada' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
