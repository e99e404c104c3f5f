// Chat-turn latency through the whole pipeline (WebSocket -> gateway -> Temporal -> worker -> model -> Redis ->
// gateway -> WebSocket) on real services, with the fake model answering instantly, so the figures are the
// engine's own overhead. Sequential turns give latency; concurrent turns from many users give throughput.
import { cpus } from 'node:os';
import { signToken } from '../lib/auth.js';
import { startScratchStack } from '../scripts/stack/scratch.js';
import { startApp } from '../test/support/app.js';
import { FakeOpenAI } from '../test/support/fake-openai.js';
import { TestSocket } from '../test/support/ws-client.js';
import { summary, writeResult } from './stats.js';

const SEQUENTIAL = Number(process.env.BENCH_TURNS ?? 60);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 24);

interface Timing {
  accepted: number;
  firstDelta: number;
  done: number;
}

async function timedTurn(sock: TestSocket, id: string, text: string): Promise<Timing> {
  const t0 = performance.now();
  sock.send({ type: 'chat.send', id, text });
  const accepted = await sock.next((f) => f.id === id && f.type === 'chat.accepted');
  const ta = performance.now();
  const first = await sock.next((f) => f.id === id && (f.type === 'chat.delta' || f.type === 'error'));
  const tf = performance.now();
  const end = await sock.next((f) => f.id === id && (f.type === 'chat.done' || f.type === 'error'));
  if (first.type === 'error' || end.type === 'error' || !accepted) throw new Error(`turn ${id} failed: ${JSON.stringify(end)}`);
  return { accepted: ta - t0, firstDelta: tf - t0, done: performance.now() - t0 };
}

const stack = await startScratchStack('bench', { temporal: true, redis: true });
const fake = new FakeOpenAI();
fake.chunkDelayMs = 0;
fake.chunkSize = 8;
fake.reply = () =>
  'A fraction names a part of a whole: the bottom number says into how many equal parts the whole is cut, the top number how many of them you take.';
// One user sends many turns a minute here: the quota layer still runs, with limits that do not bite.
const app = await startApp({
  env: {
    LLM_BASE_URL: await fake.start(),
    LLM_API_KEY: 'bench',
    LLM_MODEL: 'fake',
    WS_MAX_CONNECTIONS_PER_USER: '100',
    QUOTA_REQUESTS_PER_MINUTE: '100000',
    QUOTA_DAILY_TOKENS: '1000000000',
    QUOTA_CONCURRENT_TURNS: '100',
  },
});

try {
  const sock = await TestSocket.open(app.wsUrl, await signToken('bench-seq'));
  for (let i = 0; i < 5; i++) await timedTurn(sock, `warm-${i}`, 'warm up'); // bundles, pools, JIT
  const seq: Timing[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) seq.push(await timedTurn(sock, `seq-${i}`, `question ${i}`));
  sock.close();

  const socks = await Promise.all(Array.from({ length: CONCURRENT }, async (_, i) => TestSocket.open(app.wsUrl, await signToken(`bench-c${i}`))));
  const t0 = performance.now();
  const conc = await Promise.all(socks.map((s, i) => timedTurn(s, `conc-${i}`, `parallel question ${i}`)));
  const wall = (performance.now() - t0) / 1000;
  socks.forEach((s) => s.close());

  const result = {
    bench: 'chat-turn',
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    model: 'fake OpenAI-compatible server, no delay (engine overhead only)',
    sequentialMs: {
      accepted: summary(seq.map((t) => t.accepted)),
      firstDelta: summary(seq.map((t) => t.firstDelta)),
      done: summary(seq.map((t) => t.done)),
    },
    concurrent: {
      turns: CONCURRENT,
      wallSeconds: Math.round(wall * 100) / 100,
      turnsPerSecond: Math.round((CONCURRENT / wall) * 10) / 10,
      doneMs: summary(conc.map((t) => t.done)),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(`written to ${writeResult('chat-turn', result)}`);
} finally {
  await app.stop();
  await fake.stop();
  await stack.stop();
}
