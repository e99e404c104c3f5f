// A bulk import through the whole stack: a JSON-lines upload of BENCH_IMPORT_LINES notes (100k by default) to
// the gateway (validated and staged), then the import workflow on the jobs worker (guard, offline embedding,
// dedup against the user's nodes on the HNSW index, batch writer) until it completes. Reports lines/s of both.
import { startScratchStack } from '../scripts/stack/scratch.js';
import { connectClient } from '../lib/temporal.js';
import { ApiClient } from '../test/support/api-client.js';
import { startApp } from '../test/support/app.js';
import { writeResult } from './stats.js';

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 100_000);
const TOPICS = ['cells', 'atoms', 'rivers', 'poems', 'markets', 'planets', 'engines', 'forests', 'laws', 'melodies', 'fractions', 'verbs'];
const WORDS = (
  'energy structure history pattern growth balance signal motion memory surface cycle language ' +
  'equation angle slope vector reaction erosion rhythm metaphor supply demand orbit gravity friction'
).split(' ');

function ndjson(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = (k: number) => WORDS[(i * (k * 2 + 1) + k * 7 + (i >> k)) % WORDS.length];
    out.push(
      JSON.stringify({
        title: `${TOPICS[i % TOPICS.length]} note ${i}`,
        content: `About ${TOPICS[(i * 5) % TOPICS.length]}: ${w(1)} and ${w(2)} shape the ${w(3)} of ${w(4)}; example ${i}, case ${(i * 7919) % 100_003}.`,
        tags: [TOPICS[i % TOPICS.length]!],
      }),
    );
  }
  return out.join('\n') + '\n';
}

const stack = await startScratchStack('bench-import', { temporal: true, redis: true });
const app = await startApp({ jobs: true, worker: false, env: { KNOWLEDGE_IMPORT_MAX_LINES: String(Math.max(LINES, 200_000)) } });
const client = await connectClient(stack.env.TEMPORAL_ADDRESS, 'default');

try {
  const body = ndjson(LINES);
  const api = await ApiClient.as(app.url, 'bench-import');
  const t0 = performance.now();
  const res = await api.post('/knowledge-nodes/import', body, { 'content-type': 'application/x-ndjson' });
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${JSON.stringify(res.body)}`);
  const staged = performance.now() - t0;
  const result = await client.workflow.getHandle(res.body.workflowId).result();
  const total = performance.now() - t0;
  const figures = {
    lines: LINES,
    uploadMB: Math.round(Buffer.byteLength(body) / 1e5) / 10,
    stageSeconds: Math.round(staged / 100) / 10,
    stageLinesPerSecond: Math.round(LINES / (staged / 1000)),
    importSeconds: Math.round((total - staged) / 100) / 10,
    importLinesPerSecond: Math.round(LINES / ((total - staged) / 1000)),
    result,
  };
  console.log(
    `import of ${LINES} lines (${figures.uploadMB} MB): staged in ${figures.stageSeconds} s (${figures.stageLinesPerSecond} lines/s), ` +
      `imported in ${figures.importSeconds} s (${figures.importLinesPerSecond} lines/s): ${JSON.stringify(result)}`,
  );
  console.log(`written to ${writeResult('import', figures)}`);
} finally {
  await client.connection.close();
  await app.stop();
  await stack.stop();
}
