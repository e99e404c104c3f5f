// The embedded default: one chat turn end to end with PGlite (over the wire protocol) as the database and the
// built-in offline model, the way `npm run dev` runs on a machine with nothing configured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { migrate } from '../../lib/migrate.js';
import { startPglite } from '../../scripts/stack/components.js';
import type { Managed } from '../../scripts/stack/process.js';
import { startApp, type App } from '../support/app.js';
import { freePort } from '../support/ports.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';
import { ApiClient } from '../support/api-client.js';
import { connectClient } from '../../lib/temporal.js';

let dir: string;
let pglite: Managed;
let app: App;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sparkle-pglite-'));
  const port = await freePort();
  pglite = await startPglite({ port, dataDir: join(dir, 'pglite'), logDir: dir });
  url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await migrate(url);
  app = await startApp({ jobs: true, env: { DATABASE_URL: url, DATABASE_COPY: 'off', LLM_BASE_URL: '', DATABASE_POOL_MAX: '4' } });
});

afterAll(async () => {
  await app?.stop();
  await pglite?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded PGlite default', () => {
  it('has pgvector, and a pool of several connections works against it', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    try {
      const results = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((i) => pool.query<{ d: number }>(`SELECT $1::int AS i, '[1,2,3]'::vector <-> '[1,2,${3 + i}]'::vector AS d`, [i])),
      );
      expect(results.map((r) => r.rows[0]!.d)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await pool.end();
    }
  });

  it('runs a chat turn over the WebSocket with the offline model and stores it', async () => {
    const user = uniqueId('u');
    const sock = await TestSocket.open(app.wsUrl, await signToken(user));
    sock.send({ type: 'chat.send', id: 'p1', text: 'What is 6 * 7?' });
    const { deltas, end } = await sock.turn('p1');
    sock.close();
    expect(end.type).toBe('chat.done');
    expect(end.text).toContain('[offline tutor] 6 * 7 = 42.');
    expect(deltas.join('')).toBe(end.text);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT role, content FROM messages WHERE user_id = $1 ORDER BY created_at', [user]);
      expect(rows).toEqual([
        { role: 'user', content: 'What is 6 * 7?' },
        { role: 'assistant', content: end.text },
      ]);
    } finally {
      await client.end();
    }
  });

  it('imports and searches knowledge nodes, batches of every size going through INSERT (PGlite has no COPY FROM STDIN)', async () => {
    const api = await ApiClient.as(app.url, uniqueId('u'));
    const tags = ['a "quoted" tag', 'back\\slash, comma', '{braces}', 'marée'];
    const lines = Array.from({ length: 150 }, (_, i) =>
      JSON.stringify({ title: `Note ${i}`, content: `Imported note number ${i} about tides and moons, case ${i * 7919}.`, tags }),
    );
    const res = await api.post('/knowledge-nodes/import', lines.join('\n'), { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(202);
    const temporal = await connectClient(process.env.TEMPORAL_ADDRESS!);
    try {
      expect(await temporal.workflow.getHandle(res.body.workflowId).result()).toMatchObject({ created: 150, merged: 0 });
    } finally {
      await temporal.connection.close();
    }
    const found = await api.get(`/knowledge-nodes?q=${encodeURIComponent('Note 42 Imported note number 42 about tides and moons, case 332598.')}&limit=3`);
    expect(found.body.items[0].title).toBe('Note 42');
    expect((await api.get(`/knowledge-nodes/${found.body.items[0].id}`)).body.tags).toEqual(tags);
  });
});
