// The input guard and the output guard together on a 4 KB text, in one process on one core:
// per-call latency percentiles and throughput. Target: p99 <= 1 ms.
import { inspectInput } from '../activities/security/input-guard.js';
import { redactOutput } from '../activities/security/output-guard.js';
import { percentile, writeResult } from './stats.js';

const SENTENCES = [
  'Photosynthesis turns light energy into chemical energy stored in glucose.',
  'To solve 3x + 5 = 20, subtract five from both sides and divide by three, which gives x = 5.',
  'The French Revolution began in 1789 and changed how Europe thought about citizenship.',
  'In Python, a list comprehension such as [n * n for n in range(10)] builds the squares of 0 to 9.',
  'Remember to check your units: 3.5 km is 3500 m, not 350 m.',
  'Mitosis produces two identical cells, while meiosis produces four cells with half the chromosomes.',
  'Could you quiz me on the past participles of irregular French verbs tomorrow?',
  'The derivative of sin(x) is cos(x), and the derivative of cos(x) is -sin(x).',
];

function text4k(seed: number): string {
  let s = '';
  for (let i = seed; s.length < 4096; i++) s += SENTENCES[(i * 7) % SENTENCES.length] + ' ';
  return s.slice(0, 4096);
}

const texts = Array.from({ length: 16 }, (_, i) => text4k(i));
const N = Number(process.env.BENCH_GUARD_RUNS ?? 20_000);
for (let i = 0; i < 2_000; i++) {
  inspectInput(texts[i % texts.length]!);
  redactOutput(texts[i % texts.length]!);
}
const samples: number[] = [];
const started = performance.now();
for (let i = 0; i < N; i++) {
  const t = texts[i % texts.length]!;
  const t0 = performance.now();
  const verdict = inspectInput(t);
  const out = redactOutput(t);
  samples.push(performance.now() - t0);
  if (verdict.blocked || out.redactions.length) throw new Error(`benign benchmark text was flagged: ${verdict.rules} ${JSON.stringify(out.redactions)}`);
}
const seconds = (performance.now() - started) / 1000;
const result = {
  bench: 'guards',
  when: new Date().toISOString(),
  textBytes: 4096,
  runs: N,
  msPerCall: { p50: +percentile(samples, 50).toFixed(4), p95: +percentile(samples, 95).toFixed(4), p99: +percentile(samples, 99).toFixed(4), max: +Math.max(...samples).toFixed(3) },
  callsPerSecond: Math.round(N / seconds),
  megabytesPerSecond: +((N * 4096) / seconds / 1e6).toFixed(1),
  targetP99Ms: 1,
};
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${writeResult('guards', result)}`);
