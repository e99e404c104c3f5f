// Write throughput on a native Postgres (fsync on, stock settings): one-row statements (naive code) vs the
// batch writers driven like activities (many concurrent callers) vs a raw COPY of the same rows (the ceiling).
// The machine is shared and noisy: every figure is the median of BENCH_REPS runs after one untimed pass, methods
// interleaved and rotated.
// BENCH_WRITERS_TUNE=1 adds a sweep of the writer's options (how its defaults were chosen).
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import { startScratchStack } from '../scripts/stack/scratch.js';
import { percentile, summary, writeResult } from './stats.js';

const REPS = Number(process.env.BENCH_REPS ?? 9);
const N = Number(process.env.BENCH_WRITER_ROWS ?? 100_000);
const N_ONE = Number(process.env.BENCH_ONE_ROW_SAMPLE ?? 3_000);
const N_KN = Number(process.env.BENCH_KNOWLEDGE_ROWS ?? 3_000);
const TUNE = process.env.BENCH_WRITERS_TUNE === '1';

const stack = await startScratchStack('bench-writers');
const { createPool } = await import('../lib/db.js');
const { BatchWriter } = await import('../activities/db/batch-writer.js');
const { BatchUpdateWriter } = await import('../activities/db/batch-update-writer.js');
const { offlineEmbedding } = await import('../lib/embeddings/offline-embedder.js');
const { NODE_COLUMNS } = await import('../activities/knowledge.js');
type Column = import('../activities/db/pg-values.js').Column;
type Row = Record<string, unknown>;
const db = createPool(stack.env.DATABASE_URL, 12);

// ---- data -------------------------------------------------------------------------------------------------
const USERS = 1000;
const WORDS = (
  'fraction numerator denominator whole equal parts divide multiply triangle angle degrees sum ' +
  'photosynthesis chlorophyll energy light glucose verb tense past participle derivative slope limit'
).split(' ');
const text = (seed: number, len: number) => {
  let s = '';
  for (let i = 0; s.length < len; i++) s += WORDS[(seed * 31 + i * 7 + (seed >> (i % 5))) % WORDS.length] + (i % 17 === 16 ? '.\n' : ' ');
  return s;
};
let seq = 0;
const messageColumns: Column[] = [
  { name: 'id', type: 'text' },
  { name: 'user_id', type: 'text' },
  { name: 'conversation_id', type: 'text' },
  { name: 'workflow_id', type: 'text' },
  { name: 'role', type: 'text' },
  { name: 'content', type: 'text' },
  { name: 'prompt_tokens', type: 'integer' },
  { name: 'completion_tokens', type: 'integer' },
  { name: 'model', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
];
// Rows as persistTurn writes them: a turn's question and answer share the user, the conversation and the
// workflow id; consecutive turns belong to different conversations (5 per user).
function messageRows(n: number): Row[] {
  return Array.from({ length: n }, () => {
    const k = seq++;
    const turn = k >> 1;
    const [u, c, role] = [`u${turn % USERS}`, `c${Math.floor(turn / USERS) % 5}`, k % 2 ? 'assistant' : 'user'];
    const wf = `chat:${u}:${c}:m${turn}`;
    return {
      id: `${wf}:${role}`,
      user_id: u,
      conversation_id: c,
      workflow_id: wf,
      role,
      content: text(k, 300),
      prompt_tokens: k % 900,
      completion_tokens: k % 400,
      model: role === 'assistant' ? 'gpt-4o-mini' : null,
      created_at: new Date(1.76e12 + k),
    };
  });
}
const knowledgeColumns = NODE_COLUMNS;
function knowledgeRows(n: number): Row[] {
  return Array.from({ length: n }, () => {
    const k = seq++;
    const content = text(k, 400);
    return {
      id: randomUUID(),
      user_id: `u${k % USERS}`,
      title: text(k + 1, 40),
      content,
      tags: [WORDS[k % WORDS.length]!, 'bench'],
      embedding: offlineEmbedding(content, 384),
      embedding_space: 'bench',
      duplicate_of: null,
      similarity: null,
      source: 'bench',
      workflow_id: `kn:${k}`,
    };
  });
}
const errorColumns: Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'user_id', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'analysis', type: 'text' },
  { name: 'related_node_ids', type: 'uuid[]' },
  { name: 'analysed_at', type: 'timestamptz' },
];
const errorIds = Array.from({ length: N }, (_, i) => ({ id: randomUUID(), user_id: `u${i % USERS}` }));
const ANALYSIS = text(7, 200);
// Built once, outside the timed runs, like msgRows: the writers are measured, not the test-data generator.
const errorUpdates: Row[] = errorIds.map((e) => ({ ...e, status: 'analysed', analysis: ANALYSIS, related_node_ids: [], analysed_at: new Date() }));

// ---- raw COPY: hand-written text format, streamed, the ceiling -----------------------------------------------
const esc = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  const s =
    v instanceof Date
      ? v.toISOString()
      : Array.isArray(v) && v.length > 0 && typeof v[0] === 'number'
        ? `[${v.join(',')}]`
        : Array.isArray(v)
          ? `{${v.map((x) => `"${String(x).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
          : String(v);
  return /[\\\n\r\t]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : s;
};
function* copyText(rows: Row[], cols: Column[]): Generator<string> {
  let buf: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    buf.push(cols.map((c) => esc(rows[i]![c.name])).join('\t') + '\n');
    if (buf.length === 1000) {
      yield buf.join('');
      buf = [];
    }
  }
  if (buf.length) yield buf.join('');
}
/**
 * Raw COPY over `streams` connections, each COPY one transaction of up to `perTransaction` rows (by default one
 * per stream; smaller ones are the batches the writer makes, without the writer).
 */
async function rawCopy(table: string, cols: Column[], rows: Row[], streams: number, perTransaction = Math.ceil(rows.length / streams)): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: streams }, async () => {
      const client = await db.connect();
      try {
        while (next < rows.length) {
          const part = rows.slice(next, (next += perTransaction));
          await pipeline(
            Readable.from(copyText(part, cols)),
            client.query(copyStreams.from(`COPY ${table} (${cols.map((c) => c.name).join(',')}) FROM STDIN`)),
          );
        }
      } finally {
        client.release();
      }
    }),
  );
}

// ---- drivers --------------------------------------------------------------------------------------------------
/** `outstanding` concurrent callers, each writing calls of `size()` rows until the rows run out. */
async function drive(rows: Row[], outstanding: number, size: () => number, call: (r: Row[]) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: outstanding }, async () => {
      while (next < rows.length) {
        const chunk = rows.slice(next, (next += size()));
        await call(chunk);
      }
    }),
  );
}
async function oneRow(sql: string, cols: Column[], rows: Row[], conns: number): Promise<void> {
  const { toPgText } = await import('../activities/db/pg-values.js');
  await drive(
    rows,
    conns,
    () => 1,
    async ([r]) => {
      await db.query(
        sql,
        cols.map((c) => toPgText(r![c.name], c.type)),
      );
    },
  );
}
const insertOne = (table: string, cols: Column[]) =>
  `INSERT INTO ${table} (${cols.map((c) => c.name).join(',')}) VALUES (${cols.map((c, i) => `$${i + 1}::${c.type}`).join(',')}) ON CONFLICT (id) DO NOTHING`;
let smallCall = 0;
const oneOrTwo = () => 1 + (smallCall++ % 2);

/** Runs `fn` on a freshly reset table and answers rows per second. */
async function timed(reset: () => Promise<void>, rows: number, fn: () => Promise<void>): Promise<number> {
  await reset();
  await db.query('CHECKPOINT'); // every method starts with the same full-page-write cost
  const t0 = performance.now();
  await fn();
  return rows / ((performance.now() - t0) / 1000);
}
const results: Record<string, Record<string, number[]>> = {};
async function measure(group: string, methods: Record<string, () => Promise<number>>): Promise<Record<string, number>> {
  results[group] = {};
  const entries = Object.entries(methods);
  for (const [, fn] of entries) await fn(); // one untimed pass: the first runs in a process pay for compiling its code
  for (let rep = 0; rep < REPS; rep++) {
    // Each repetition starts one method later, so no method always runs right after the same neighbour.
    for (let i = 0; i < entries.length; i++) {
      const [name, fn] = entries[(i + rep) % entries.length]!;
      (results[group]![name] ??= []).push(await fn());
    }
  }
  const med = Object.fromEntries(Object.entries(results[group]!).map(([k, v]) => [k, Math.round(percentile(v, 50))]));
  console.log(`-- ${group} (rows/s, median of ${REPS})`);
  for (const [k, v] of Object.entries(med)) console.log(`   ${k.padEnd(34)} ${String(v).padStart(8)}   runs: ${results[group]![k]!.map(Math.round).join(' ')}`);
  return med;
}

try {
  await db.query(`INSERT INTO users SELECT 'u' || i FROM generate_series(0, ${USERS - 1}) i`);
  await db.query(`INSERT INTO conversations (user_id, id) SELECT 'u' || i, 'c' || j FROM generate_series(0, ${USERS - 1}) i, generate_series(0, 4) j`);
  const truncate = (t: string) => async () => {
    await db.query(`TRUNCATE ${t}`);
  };
  const msgWriter = (o = {}) => new BatchWriter<Row>(db, { table: 'messages', key: ['id'], columns: messageColumns, ...o });
  const viaWriter =
    (rows: Row[], outstanding: number, size: () => number, o = {}) =>
    async () => {
      const w = msgWriter(o);
      await drive(rows, outstanding, size, (r) => w.write(r));
      await w.close();
    };

  // Latency at low load: one caller, one row at a time; the default (INSERT for small batches) and COPY.
  const latency: Record<string, ReturnType<typeof summary>> = {};
  for (const [name, o] of [
    ['default (INSERT ... unnest)', {}],
    ['COPY even for 1 row', { copyMinRows: 1 }],
  ] as const) {
    const w = msgWriter(o);
    const lat: number[] = [];
    for (const r of messageRows(300)) {
      const t0 = performance.now();
      await w.write([r]);
      lat.push(performance.now() - t0);
    }
    await w.close();
    latency[name] = summary(lat.slice(50));
    console.log(`-- one caller, one row at a time, ${name}: latency ms ${JSON.stringify(latency[name])}`);
  }

  const msgRows = messageRows(N);
  const oneSample = msgRows.slice(0, N_ONE);
  const messages = await measure('messages insert', {
    'one-row INSERT, 1 connection': () => timed(truncate('messages'), N_ONE, () => oneRow(insertOne('messages', messageColumns), messageColumns, oneSample, 1)),
    'one-row INSERT, 8 connections': () =>
      timed(truncate('messages'), N_ONE, () => oneRow(insertOne('messages', messageColumns), messageColumns, oneSample, 8)),
    'BatchWriter, bulk (4 x 500 rows)': () =>
      timed(
        truncate('messages'),
        N,
        viaWriter(msgRows, 4, () => 500),
      ),
    'BatchWriter, small (2000 x 1-2)': () => timed(truncate('messages'), N, viaWriter(msgRows, 2000, oneOrTwo)),
    'raw COPY, 1 stream': () => timed(truncate('messages'), N, () => rawCopy('messages', messageColumns, msgRows, 1)),
    'raw COPY, 2 streams': () => timed(truncate('messages'), N, () => rawCopy('messages', messageColumns, msgRows, 2)),
    'raw COPY, 500-row transactions x 3': () => timed(truncate('messages'), N, () => rawCopy('messages', messageColumns, msgRows, 3, 500)),
  });

  let tuning: Record<string, number> | undefined;
  if (TUNE) {
    const variants: Record<string, object> = {
      defaults: {},
      'maxConcurrentFlushes 1': { maxConcurrentFlushes: 1 },
      'maxConcurrentFlushes 2': { maxConcurrentFlushes: 2 },
      'maxRows 1000': { maxRows: 1000 },
      'maxRows 20000': { maxRows: 20000 },
      'unnest only (no COPY)': { copyMinRows: Infinity },
      'maxDelayMs 0': { maxDelayMs: 0 },
      'maxDelayMs 20': { maxDelayMs: 20 },
    };
    const methods: Record<string, () => Promise<number>> = {};
    for (const [k, o] of Object.entries(variants)) {
      methods[`small: ${k}`] = () => timed(truncate('messages'), N, viaWriter(msgRows, 2000, oneOrTwo, o));
      methods[`bulk: ${k}`] = () =>
        timed(
          truncate('messages'),
          N,
          viaWriter(msgRows, 4, () => 500, o),
        );
    }
    tuning = await measure('messages insert, writer options', methods);
  }

  const knRows = knowledgeRows(N_KN);
  const knSample = knRows.slice(0, Math.min(N_KN, 500));
  const knWriter = (rows: Row[], outstanding: number, size: () => number) => async () => {
    const w = new BatchWriter<Row>(db, { table: 'knowledge_nodes', key: ['id'], columns: knowledgeColumns });
    await drive(rows, outstanding, size, (r) => w.write(r));
    await w.close();
  };
  const knowledge = await measure('knowledge_nodes insert (384-d, HNSW)', {
    'one-row INSERT, 8 connections': () =>
      timed(truncate('knowledge_nodes'), knSample.length, () => oneRow(insertOne('knowledge_nodes', knowledgeColumns), knowledgeColumns, knSample, 8)),
    'BatchWriter, bulk (4 x 500 rows)': () =>
      timed(
        truncate('knowledge_nodes'),
        N_KN,
        knWriter(knRows, 4, () => 500),
      ),
    'BatchWriter, small (500 x 1-2)': () => timed(truncate('knowledge_nodes'), N_KN, knWriter(knRows, 500, oneOrTwo)),
    'raw COPY, 2 streams': () => timed(truncate('knowledge_nodes'), N_KN, () => rawCopy('knowledge_nodes', knowledgeColumns, knRows, 2)),
  });

  // Updates: N recorded error_book rows, reseeded before every run.
  const seedErrors = async () => {
    await db.query('TRUNCATE error_book');
    await rawCopy(
      'error_book',
      [
        { name: 'id', type: 'uuid' },
        { name: 'user_id', type: 'text' },
        { name: 'question', type: 'text' },
        { name: 'wrong_answer', type: 'text' },
        { name: 'correct_answer', type: 'text' },
        { name: 'workflow_id', type: 'text' },
      ],
      errorIds.map((e, i) => ({ ...e, question: `What is ${i} times 7?`, wrong_answer: String(i * 6), correct_answer: String(i * 7), workflow_id: `eb:${i}` })),
      2,
    );
    await db.query('VACUUM ANALYZE error_book');
  };
  const updOne = `UPDATE error_book SET status = $3, analysis = $4, related_node_ids = $5::uuid[], analysed_at = $6 WHERE id = $1 AND user_id = $2`;
  const updWriter = (outstanding: number, size: () => number) => async () => {
    const w = new BatchUpdateWriter<Row>(db, { table: 'error_book', key: ['id', 'user_id'], columns: errorColumns });
    let matched = 0;
    await drive(errorUpdates, outstanding, size, async (r) => {
      const n = await w.update(r);
      matched += n;
    });
    await w.close();
    if (matched !== N) throw new Error(`updated ${matched} of ${N}`);
  };
  const updRaw = async () => {
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        'CREATE TEMP TABLE eb_new (id uuid, user_id text, status text, analysis text, related_node_ids uuid[], analysed_at timestamptz) ON COMMIT DROP',
      );
      await pipeline(Readable.from(copyText(errorUpdates, errorColumns)), client.query(copyStreams.from('COPY eb_new FROM STDIN')));
      await client.query('ANALYZE eb_new');
      await client.query(`UPDATE error_book t SET status = u.status, analysis = u.analysis, related_node_ids = u.related_node_ids, analysed_at = u.analysed_at
                            FROM eb_new u WHERE t.id = u.id AND t.user_id = u.user_id`);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const updates = await measure(`error_book update (${N} rows seeded)`, {
    'one-row UPDATE, 8 connections': () => timed(seedErrors, N_ONE, () => oneRow(updOne, errorColumns, errorUpdates.slice(0, N_ONE), 8)),
    'BatchUpdateWriter, bulk (4 x 500)': () =>
      timed(
        seedErrors,
        N,
        updWriter(4, () => 500),
      ),
    'BatchUpdateWriter, small (2000 x 1)': () =>
      timed(
        seedErrors,
        N,
        updWriter(2000, () => 1),
      ),
    'raw COPY to temp + one UPDATE': () => timed(seedErrors, N, updRaw),
  });

  const ceiling = Math.max(messages['raw COPY, 1 stream']!, messages['raw COPY, 2 streams']!);
  const bestOne = Math.max(messages['one-row INSERT, 1 connection']!, messages['one-row INSERT, 8 connections']!);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  // The machine's speed drifts over minutes, so the targets compare each writer run with the ceiling measured in the
  // same repetition (seconds apart), and take the median of those paired ratios. The ratio of the medians is
  // printed beside it.
  const paired = (group: string, method: string, against: string[]) => {
    const runs = results[group]!;
    return ratio(
      percentile(
        runs[method]!.map((v, i) => v / Math.max(...against.map((b) => runs[b]![i]!))),
        50,
      ),
      1,
    );
  };
  const RAW = ['raw COPY, 1 stream', 'raw COPY, 2 streams'];
  const ONE = ['one-row INSERT, 1 connection', 'one-row INSERT, 8 connections'];
  const targets = {
    'messages bulk: writer / raw COPY >= 0.8 (paired)': paired('messages insert', 'BatchWriter, bulk (4 x 500 rows)', RAW),
    'messages small: writer / raw COPY >= 0.8 (paired)': paired('messages insert', 'BatchWriter, small (2000 x 1-2)', RAW),
    'messages bulk: writer / raw COPY (of medians)': ratio(messages['BatchWriter, bulk (4 x 500 rows)']!, ceiling),
    'messages small: writer / raw COPY (of medians)': ratio(messages['BatchWriter, small (2000 x 1-2)']!, ceiling),
    'messages bulk: writer / best one-row >= 10 (paired)': paired('messages insert', 'BatchWriter, bulk (4 x 500 rows)', ONE),
    'messages small: writer / best one-row >= 10 (paired)': paired('messages insert', 'BatchWriter, small (2000 x 1-2)', ONE),
    'messages bulk: writer / raw COPY in 500-row transactions (info)': paired('messages insert', 'BatchWriter, bulk (4 x 500 rows)', [
      'raw COPY, 500-row transactions x 3',
    ]),
    'knowledge bulk: writer / raw COPY (info)': ratio(knowledge['BatchWriter, bulk (4 x 500 rows)']!, knowledge['raw COPY, 2 streams']!),
    'knowledge bulk: writer / one-row (info)': ratio(knowledge['BatchWriter, bulk (4 x 500 rows)']!, knowledge['one-row INSERT, 8 connections']!),
    'updates bulk: rows/s >= 100000': updates['BatchUpdateWriter, bulk (4 x 500)']!,
    'updates small: rows/s >= 100000': updates['BatchUpdateWriter, small (2000 x 1)']!,
    'updates bulk: writer / raw ceiling': ratio(updates['BatchUpdateWriter, bulk (4 x 500)']!, updates['raw COPY to temp + one UPDATE']!),
    'updates bulk: writer / one-row': ratio(updates['BatchUpdateWriter, bulk (4 x 500)']!, updates['one-row UPDATE, 8 connections']!),
  };
  console.log('-- targets');
  for (const [k, v] of Object.entries(targets)) console.log(`   ${k.padEnd(46)} ${v}`);
  const result = {
    bench: 'writers',
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    setup: { rows: N, oneRowSample: N_ONE, knowledgeRows: N_KN, reps: REPS, postgres: 'native 18 + pgvector, fsync on, stock settings' },
    lowLoadLatencyMs: latency,
    medianRowsPerSecond: { messages, knowledge, updates, ...(tuning ? { tuning } : {}) },
    targets,
    runs: results,
  };
  console.log(`written to ${writeResult('writers', result)}`);
} finally {
  await db.end();
  await stack.stop();
}
