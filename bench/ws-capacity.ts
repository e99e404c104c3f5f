// Idle WebSocket capacity of one gateway process: open CONNECTIONS authenticated sockets (many users, a few each),
// hold them idle past a heartbeat, check every one is still open and the gateway still serves a chat turn, and
// report the gateway's memory per connection (RSS growth / connections). The client side uses plain `ws` sockets.
import WebSocket from 'ws';
import { signToken } from '../lib/auth.js';
import { startScratchStack } from '../scripts/stack/scratch.js';
import { startApp } from '../test/support/app.js';
import { FakeOpenAI } from '../test/support/fake-openai.js';
import { TestSocket } from '../test/support/ws-client.js';
import { OURS, resultRow, type ResultRow } from './report/rows.js';
import { rssMB, Teardown, writeResult } from './stats.js';

const CONNECTIONS = Number(process.env.BENCH_WS_CONNECTIONS ?? 10_000);
const PER_USER = 5;
const OPENING_AT_ONCE = 200;
const IDLE_MS = Number(process.env.BENCH_WS_IDLE_MS ?? (process.env.BENCH_QUICK === '1' ? 20_000 : 60_000));

function open(url: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

const down = new Teardown();
const sockets: WebSocket[] = [];
try {
  down.add(await startScratchStack('ws-capacity', { temporal: true, redis: true }), (x) => x.stop());
  const fake = down.add(new FakeOpenAI(), (f) => f.stop());
  const app = down.add(
    await startApp({ env: { LLM_BASE_URL: await fake.start(), LLM_API_KEY: 'bench', LLM_MODEL: 'fake', WS_MAX_CONNECTIONS_PER_USER: String(PER_USER) } }),
    (a) => a.stop(),
  );
  const pid = app.gateway.child.pid!;
  const before = rssMB(pid);
  const tokens = await Promise.all(Array.from({ length: Math.ceil(CONNECTIONS / PER_USER) }, (_, u) => signToken(`idle-${u}`)));
  let refused = 0;
  const t0 = performance.now();
  for (let i = 0; i < CONNECTIONS; i += OPENING_AT_ONCE) {
    const batch = await Promise.allSettled(
      Array.from({ length: Math.min(OPENING_AT_ONCE, CONNECTIONS - i) }, (_, k) => open(app.wsUrl, tokens[Math.floor((i + k) / PER_USER)]!)),
    );
    for (const r of batch) r.status === 'fulfilled' ? sockets.push(r.value) : refused++;
  }
  const openSeconds = (performance.now() - t0) / 1000;
  console.log(`${sockets.length} open, ${refused} refused, in ${openSeconds.toFixed(1)} s; idling ${IDLE_MS / 1000} s`);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const held = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  const after = rssMB(pid);
  // Still serving: one chat turn on a fresh socket while all the idle ones are held.
  const probe = await TestSocket.open(app.wsUrl, await signToken('probe'));
  probe.send({ type: 'chat.send', id: 'probe', text: 'Is the gateway still answering?' });
  const end = (await probe.turn('probe')).end;
  probe.close();
  const rows: ResultRow[] = [
    {
      scenario: 'idle websockets',
      system: OURS,
      metric: 'connections',
      value: held,
      unit: 'connections',
      note: `of ${CONNECTIONS} opened (${refused} refused), held ${IDLE_MS / 1000} s idle; a chat turn then ${end.type === 'chat.done' ? 'answered' : 'FAILED'}`,
    },
    {
      scenario: 'idle websockets',
      system: OURS,
      metric: 'memory per connection',
      value: Math.round(((after - before) * 1024 * 10) / Math.max(1, held)) / 10,
      unit: 'KB',
      note: `gateway RSS ${before.toFixed(0)} -> ${after.toFixed(0)} MB`,
    },
    {
      scenario: 'idle websockets',
      system: OURS,
      metric: 'connections opened per second',
      value: Math.round(sockets.length / openSeconds),
      unit: 'connections/s',
      note: `${OPENING_AT_ONCE} handshakes at a time, each with a JWT check and a per-user connection limit`,
    },
  ].map((r) => resultRow.parse(r));
  if (end.type !== 'chat.done') throw new Error(`the probe turn failed while ${held} sockets were held: ${JSON.stringify(end)}`);
  for (const r of rows) console.log(`${r.metric}: ${r.value} ${r.unit} (${r.note})`);
  console.log(`written to ${writeResult('ws-capacity', { bench: 'ws-capacity', when: new Date().toISOString(), rows })}`);
} finally {
  sockets.forEach((s) => s.terminate());
  await down.run();
}
