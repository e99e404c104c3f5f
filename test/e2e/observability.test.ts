// Observability of the real processes (gateway and worker as child processes): the worker's /metrics carries both
// our metrics and the Temporal SDK's own, and the logs are JSON lines with request/user/workflow ids and no secrets.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { startApp, type App } from '../support/app.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

const LLM_API_KEY = 'sk-live-SECRET-llm-key-7f3a9c2e1b';
const DB_PASSWORD = 'db-pass-SECRET-4e8d1a';
// Postgres in the tests trusts local connections, so a password in the URL is accepted (and must never be logged).
const databaseUrl = () => {
  const u = new URL(process.env.DATABASE_URL!);
  u.password = DB_PASSWORD;
  return u.toString();
};

let app: App;
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = new FakeOpenAI();
  const llm = await fake.start();
  app = await startApp({ env: { LLM_BASE_URL: llm, LLM_API_KEY, LLM_MODEL: 'fake-model', LOG_LEVEL: 'debug', DATABASE_URL: databaseUrl() } });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
});

describe('worker /metrics', () => {
  it('serves our metrics and the Temporal SDK worker metrics on one endpoint', async () => {
    let text = '';
    // The SDK records its slot and poll metrics once the worker polls: wait for them.
    await expect
      .poll(
        async () => {
          text = await (await fetch(`http://127.0.0.1:${app.metricsPort}/metrics`)).text();
          return /^temporal_worker_task_slots_available\{/m.test(text);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m); // prom-client's defaults: ours
    expect(text).toMatch(/^# TYPE temporal_\w+ /m);
    const names = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const lines = text.split('\n').filter((l) => l.startsWith('# TYPE '));
    expect(lines.length).toBe(names.size); // no metric family declared twice
  });
});

describe('log hygiene', () => {
  it('logs JSON lines with request_id, userId and workflowId for a chat turn, and no secrets', async () => {
    const user = uniqueId('u');
    const token = await signToken(user);
    const sock = await TestSocket.open(app.wsUrl, token);
    const text = 'my password is hunter2 and my card is 4111 1111 1111 1111';
    sock.send({ type: 'chat.send', id: 'obs-1', text });
    const { accepted, end } = await sock.turn('obs-1');
    sock.close();
    expect(end.type).toBe('chat.done');
    const workflowId = String(accepted?.workflowId);

    const res = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'ext-req-0123456789' } });
    expect(res.headers.get('x-request-id')).toBe('ext-req-0123456789');
    const bad = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'no spaces "or quotes"' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const dir = process.env.SPARKLE_TEST_DATA_DIR!;
    let entries: Record<string, unknown>[] = [];
    let raw = '';
    // Log lines are flushed asynchronously: wait for the worker's activity lines of this turn.
    await expect
      .poll(
        async () => {
          raw = (await Promise.all(['gateway', 'interactive-worker-1'].map((p) => readFile(join(dir, `${app.taskQueue}-${p}.log`), 'utf8')))).join('\n');
          const lines = raw.split('\n').filter((l) => l.trim() !== '');
          entries = lines.map((l) => {
            try {
              return JSON.parse(l) as Record<string, unknown>;
            } catch {
              throw new Error(`not a JSON log line: ${l.slice(0, 200)}`);
            }
          });
          return entries.some((e) => e.workflowId === workflowId && e.activityType === 'settleTurnAtOnce');
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    const done = entries.find((e) => e.msg === 'chat turn done' && e.workflowId === workflowId);
    expect(done).toMatchObject({ userId: user, request_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // Our activity lines carry the gateway request's id and the user (a header from the client through the workflow).
    const ours = entries.filter((e) => e.workflowId === workflowId && typeof e.activityType === 'string' && e.component !== 'temporal-sdk');
    expect(ours.map((e) => e.activityType)).toEqual(expect.arrayContaining(['inputGuard', 'llmStream', 'settleTurnAtOnce']));
    for (const e of ours) expect(e).toMatchObject({ userId: user, request_id: done!.request_id, workflowType: 'chatTurnWorkflow' });
    // The SDK's own "Activity completed" lines get them too.
    const sdkDone = entries.filter((e) => e.workflowId === workflowId && e.component === 'temporal-sdk' && e.msg === 'Activity completed');
    expect(sdkDone.length).toBeGreaterThan(1);
    for (const e of sdkDone) expect(e).toMatchObject({ userId: user, request_id: done!.request_id });

    for (const secret of [token, LLM_API_KEY, process.env.JWT_SECRET!, DB_PASSWORD, 'hunter2', '4111 1111']) {
      expect(raw.includes(secret), `a log line contains ${secret.slice(0, 12)}…`).toBe(false);
    }
  });
});
