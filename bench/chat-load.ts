// Chat turns under load, side by side: the engine (WebSocket -> gateway -> Temporal -> worker -> model -> Redis ->
// gateway), the non-durable baseline (the same chain called in order from express + ws: bench/chat/baseline-server.ts),
// the LiteLLM proxy in front of the same fake model, and the model alone. The fake model has a fixed latency
// (first token after 10 ms, then 20 chunks 10 ms apart), so "overhead" is a system's time minus the model's own,
// measured at the same concurrency in the same run. 1, 10, 50 and 200 conversations, each sending its next turn
// as soon as the last is done (no think time: every conversation has a turn in flight all the time).
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signToken } from '../lib/auth.js';
import { startScratchStack } from '../scripts/stack/scratch.js';
import { freePort, startProcess, waitUntil } from '../scripts/stack/process.js';
import { startApp } from '../test/support/app.js';
import { FakeOpenAI } from '../test/support/fake-openai.js';
import { directLoad, wsLoad, type LoadRun } from './chat/load.js';
import { cpuDuring, formatCpu } from './cpu.js';
import { startLiteLlm } from './peers/litellm.js';
import { OURS, resultRow, type ResultRow } from './report/rows.js';
import { percentile, Teardown, writeResult } from './stats.js';

const QUICK = process.env.BENCH_QUICK === '1';
const LEVELS = [1, 10, 50, 200];
/** Turns per conversation at each level: enough turns for a p95, few enough for the run to stay short. */
const TURNS_EACH: Record<number, number> = QUICK ? { 1: 12, 10: 3, 50: 2, 200: 1 } : { 1: 40, 10: 8, 50: 4, 200: 2 };
const CHUNKS = 20;
const ANSWER =
  'Compare fractions by giving them a common denominator: rewrite both over the product of the two bottoms, then ' +
  'the one with the larger top is larger. A quick check is cross multiplication, which is the same idea in one line. ' +
  'Try it with three quarters and five sevenths: twenty one against twenty, so three quarters is a little larger. ' +
  'Drawing both as bars of equal length shows the same thing, and estimating first catches slips in the arithmetic.';

const fake = new FakeOpenAI();
fake.firstChunkDelayMs = 10;
fake.chunkDelayMs = 10;
fake.chunkSize = Math.ceil(ANSWER.length / CHUNKS);
fake.reply = () => ANSWER;

const down = new Teardown();
const stack = down.add(await startScratchStack('chat-load', { temporal: true, redis: true }), (x) => x.stop());

const DURABILITY: Record<string, string> = {
  [OURS]: 'durable: every step in Temporal history; a turn survives a worker or gateway crash',
  'non-durable baseline': 'same guards, quota, retrieval and persistence; a crash loses the turn in flight',
  'litellm proxy': 'proxy only: no guards, quota, retrieval or persistence; nothing survives a crash',
  'model alone': 'the fake model streamed directly (through the output guard for the guarded figures)',
};

const rows: ResultRow[] = [];
const cpu: Record<string, Record<string, Record<string, number>>> = {};
const row = (scenario: string, system: string, metric: string, value: number, unit: string) =>
  rows.push(resultRow.parse({ scenario, system, metric, value: Math.round(value * 10) / 10, unit, note: DURABILITY[system] }));

function report(scenario: string, system: string, run: LoadRun, model: LoadRun): void {
  const first = run.timings.map((t) => t.firstToken);
  const done = run.timings.map((t) => t.done);
  for (const p of [50, 95]) {
    row(scenario, system, `first token p${p}`, percentile(first, p), 'ms');
    row(scenario, system, `done p${p}`, percentile(done, p), 'ms');
  }
  if (system !== 'model alone') {
    for (const p of [50, 95]) {
      row(
        scenario,
        system,
        `overhead to first token p${p}`,
        percentile(first, p) -
          percentile(
            model.timings.map((t) => t.firstToken),
            p,
          ),
        'ms',
      );
      row(
        scenario,
        system,
        `overhead to done p${p}`,
        percentile(done, p) -
          percentile(
            model.timings.map((t) => t.done),
            p,
          ),
        'ms',
      );
    }
  }
  row(scenario, system, 'turns/s', run.timings.length / run.wallSeconds, 'turns/s');
  if (run.failures) row(scenario, system, 'failed turns', run.failures, 'turns');
}

try {
  const modelURL = await fake.start();
  down.add(fake, (f) => f.stop());
  const env = {
    LLM_BASE_URL: modelURL,
    LLM_API_KEY: 'bench',
    LLM_MODEL: 'fake',
    WS_MAX_CONNECTIONS_PER_USER: '100',
    // Many turns a minute from one user: the quota layer runs in full, with limits that do not bite.
    QUOTA_REQUESTS_PER_MINUTE: '100000',
    QUOTA_DAILY_TOKENS: '1000000000',
    QUOTA_CONCURRENT_TURNS: '100',
  };
  const app = down.add(await startApp({ env }), (a) => a.stop());
  const baselinePort = await freePort();
  const baselineLog = join(stack.dataDir, 'baseline.log');
  const baseline = down.add(
    startProcess('baseline', process.execPath, ['--import', 'tsx', fileURLToPath(new URL('chat/baseline-server.ts', import.meta.url))], {
      logFile: baselineLog,
      env: { ...process.env, ...env, PORT: String(baselinePort) },
    }),
    (p) => p.stop(),
  );
  await waitUntil('baseline', async () => (await fetch(`http://127.0.0.1:${baselinePort}/healthz`)).ok, {
    timeoutMs: 60_000,
    proc: baseline,
    logFile: baselineLog,
  });
  const litellm = down.add(await startLiteLlm(modelURL, stack.dataDir), (l) => l.proc.stop());

  const tokens = await Promise.all(Array.from({ length: Math.max(...LEVELS) }, (_, i) => signToken(`load-${i}`)));
  // Warm-up, not counted: bundles, pools, JIT, the proxy's first request.
  await wsLoad(app.wsUrl, tokens.slice(0, 4), 3, 'warm');
  await wsLoad(`ws://127.0.0.1:${baselinePort}/`, tokens.slice(0, 4), 3, 'warm');
  await directLoad(litellm.baseURL, 4, 3, { guarded: false, apiKey: litellm.apiKey });
  for (const n of LEVELS) {
    const scenario = `chat, ${n} conversation${n === 1 ? '' : 's'}`;
    const turns = TURNS_EACH[n]!;
    // The model alone first, guarded (what a guarded turn can release) and raw (what a proxy passes on).
    const guarded = await directLoad(modelURL, n, turns, { guarded: true });
    const raw = await directLoad(modelURL, n, turns, { guarded: false });
    report(scenario, 'model alone', guarded, guarded);
    const ours = await cpuDuring(() => wsLoad(app.wsUrl, tokens.slice(0, n), turns, `s${n}`));
    report(scenario, OURS, ours.result, guarded);
    const base = await cpuDuring(() => wsLoad(`ws://127.0.0.1:${baselinePort}/`, tokens.slice(0, n), turns, `b${n}`));
    report(scenario, 'non-durable baseline', base.result, guarded);
    cpu[scenario] = { [OURS]: ours.cpu, 'non-durable baseline': base.cpu };
    console.log(`  CPU, ${OURS}: ${formatCpu(ours.cpu)}\n  CPU, baseline: ${formatCpu(base.cpu)}`);
    report(scenario, 'litellm proxy', await directLoad(litellm.baseURL, n, turns, { guarded: false, apiKey: litellm.apiKey }), raw);
    const line = (s: string) =>
      rows
        .filter((r) => r.scenario === scenario && r.system === s)
        .map((r) => `${r.metric} ${r.value}`)
        .join(', ');
    console.log(`${scenario}:\n  ${[OURS, 'non-durable baseline', 'litellm proxy', 'model alone'].map((s) => `${s}: ${line(s)}`).join('\n  ')}`);
  }
  const file = writeResult('chat-load', {
    bench: 'chat-load',
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    model: `fake OpenAI-compatible server: first token after ${fake.firstChunkDelayMs} ms, ${CHUNKS} chunks ${fake.chunkDelayMs} ms apart`,
    turnsEach: TURNS_EACH,
    cpuSeconds: cpu,
    rows,
  });
  console.log(`written to ${file}`);
} finally {
  await down.run();
}
