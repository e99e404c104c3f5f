// The batch writers on the real Postgres: group commit, commit-before-resolve, idempotence, exact round trips of
// every value type on both write paths (COPY and INSERT ... unnest), failure isolation, close(), and updates.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchUpdateWriter } from '../../activities/db/batch-update-writer.js';
import { BatchWriter, type Column } from '../../activities/db/batch-writer.js';
import { createPool, type Db } from '../../lib/db.js';
import { registry } from '../../lib/metrics.js';

let db: Db;
let other: pg.Pool; // separate connections: what they see is committed
const tag = randomUUID().slice(0, 8);
const user = `bw-${tag}`;
const conv = 'c1';

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
const message = (id: string, content = `content of ${id}`, conversation = conv) => ({
  id,
  user_id: user,
  conversation_id: conversation,
  workflow_id: `wf-${id}`,
  role: 'user',
  content,
  prompt_tokens: 1,
  completion_tokens: 2,
  model: null,
  created_at: new Date(),
});
const messages = (o: Partial<ConstructorParameters<typeof BatchWriter>[1]> = {}) =>
  new BatchWriter<ReturnType<typeof message>>(db, { table: 'messages', key: ['id'], columns: messageColumns, ...o });
const countIds = async (ids: string[]) => Number((await other.query('SELECT count(*) FROM messages WHERE id = ANY($1)', [ids])).rows[0].count);

beforeAll(async () => {
  db = createPool(process.env.DATABASE_URL!, 8);
  other = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  await db.query('INSERT INTO users (id) VALUES ($1)', [user]);
  await db.query('INSERT INTO conversations (user_id, id) VALUES ($1, $2)', [user, conv]);
});
afterAll(async () => {
  await other?.end();
  await db?.end();
});

describe('BatchWriter', () => {
  it('groups many concurrent callers into few flushes, each resolving only once its rows are visible elsewhere', async () => {
    const w = messages();
    const calls = 300;
    const seenAtResolve: number[] = [];
    await Promise.all(
      Array.from({ length: calls }, async (_, i) => {
        await new Promise((r) => setTimeout(r, (i * 7) % 40)); // arrivals spread over 40 ms, as activities finish
        const ids = i % 2 ? [`g-${tag}-${i}`] : [`g-${tag}-${i}-a`, `g-${tag}-${i}-b`];
        await w.write(ids.map((id) => message(id)));
        seenAtResolve.push((await countIds(ids)) - ids.length); // 0 when all committed before resolve
      }),
    );
    expect(seenAtResolve).toHaveLength(calls);
    expect(seenAtResolve.every((missing) => missing === 0)).toBe(true);
    expect(w.stats.flushes).toBeGreaterThanOrEqual(1);
    expect(w.stats.flushes).toBeLessThan(calls / 10);
    expect(w.stats.rows).toBe(450);
    const metrics = await registry.getSingleMetricAsString('batch_writer_rows_total');
    expect(metrics).toMatch(/batch_writer_rows_total\{table="messages",op="insert"\} \d+/);
    await w.close();
  });

  for (const path of ['copy', 'insert'] as const) {
    it(`ignores a retried write and duplicates within a batch (${path} path)`, async () => {
      const w = messages({ copyMinRows: path === 'copy' ? 1 : Infinity });
      const ids = Array.from({ length: 20 }, (_, i) => `r-${path}-${tag}-${i}`);
      await w.write(ids.map((id) => message(id, 'first')));
      // The activity retries: same ids, other content; plus duplicates inside one call and across callers.
      await Promise.all([
        w.write(ids.map((id) => message(id, 'retried'))),
        w.write([message(`${ids[0]}-new`, 'once'), message(`${ids[0]}-new`, 'twice')]),
        w.write([message(`${ids[0]}-new`, 'thrice'), message(ids[5]!, 'again')]),
      ]);
      expect(await countIds([...ids, `${ids[0]}-new`])).toBe(21);
      const { rows } = await other.query('SELECT DISTINCT content FROM messages WHERE id = ANY($1)', [ids]);
      expect(rows).toEqual([{ content: 'first' }]); // DO NOTHING: the stored row is untouched
      expect((await other.query('SELECT content FROM messages WHERE id = $1', [`${ids[0]}-new`])).rows[0].content).toBe('once');
      await w.close();
    });
  }

  it('round-trips every value type exactly on both paths', async () => {
    const table = `bw_types_${tag}`;
    await db.query(`CREATE TABLE ${table} (id uuid PRIMARY KEY, t text, i integer, b bigint, r real, d double precision,
      flag boolean, ts timestamptz, j jsonb, tags text[], refs uuid[], emb vector(3))`);
    const columns: Column[] = [
      { name: 'id', type: 'uuid' },
      { name: 't', type: 'text' },
      { name: 'i', type: 'integer' },
      { name: 'b', type: 'bigint' },
      { name: 'r', type: 'real' },
      { name: 'd', type: 'double precision' },
      { name: 'flag', type: 'boolean' },
      { name: 'ts', type: 'timestamptz' },
      { name: 'j', type: 'jsonb' },
      { name: 'tags', type: 'text[]' },
      { name: 'refs', type: 'uuid[]' },
      { name: 'emb', type: 'vector' },
    ];
    const tricky = 'tab\there, newline\nand\r\\backslash\\N "quotes" {braces} ,commas, NULL ünïcødé 日本 😀';
    const sample = () => [
      {
        id: randomUUID(),
        t: tricky,
        i: -2147483648,
        b: '9007199254740993',
        r: -1.25,
        d: 0.1 + 0.2,
        flag: true,
        ts: new Date('2026-01-02T03:04:05.678Z'),
        j: { a: [1, 'two', null, { t: tricky }], n: -0.5, s: '' },
        tags: ['plain', '', 'NULL', 'with "quote"', 'back\\slash', 'com,ma', '{x}', tricky],
        refs: [randomUUID(), randomUUID()],
        emb: [0.5, -0.25, 1e-3],
      },
      { id: randomUUID(), t: '', i: 0, b: 0n, r: 0, d: -1e300, flag: false, ts: new Date(0), j: 'just a string', tags: [], refs: [], emb: [0, 0, 0] },
      { id: randomUUID(), t: null, i: null, b: null, r: null, d: null, flag: null, ts: null, j: null, tags: null, refs: null, emb: null },
      {
        id: randomUUID(),
        t: 'NULL',
        i: 7,
        b: 1,
        r: 3.5,
        d: Number.MAX_VALUE,
        flag: true,
        ts: new Date('9999-12-31T23:59:59.999Z'),
        j: [],
        tags: [null as unknown as string, 'x'],
        refs: [],
        emb: [1, 2, 3],
      },
    ];
    const rowsIn = [...sample(), ...sample()];
    const viaCopy = new BatchWriter(db, { table, key: ['id'], columns, copyMinRows: 1 });
    const viaInsert = new BatchWriter(db, { table, key: ['id'], columns, copyMinRows: Infinity });
    await Promise.all([viaCopy.write(rowsIn.slice(0, 4)), viaInsert.write(rowsIn.slice(4))]);
    const { rows } = await other.query(`SELECT id, t, i, b::text AS b, r, d, flag, ts, j, tags, refs, emb::text AS emb FROM ${table}`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const x of rowsIn) {
      const got = byId.get(x.id);
      expect(got).toEqual({
        ...x,
        b: x.b === null ? null : String(x.b),
        emb: x.emb === null ? null : `[${x.emb.join(',')}]`,
      });
    }
    await viaCopy.close();
    await viaInsert.close();
  });

  for (const path of ['copy', 'insert'] as const) {
    it(`fails only the callers whose rows the table refuses (${path} path)`, async () => {
      const table = `bw_checks_${path}_${tag}`;
      await db.query(`CREATE TABLE ${table} (id text PRIMARY KEY, n integer NOT NULL CHECK (n >= 0))`);
      const w = new BatchWriter(db, {
        table,
        key: ['id'],
        columns: [
          { name: 'id', type: 'text' },
          { name: 'n', type: 'integer' },
        ],
        copyMinRows: path === 'copy' ? 1 : Infinity,
      });
      const good = Array.from({ length: 10 }, (_, i) =>
        w.write([
          { id: `ok-${i}`, n: i },
          { id: `ok-${i}-b`, n: 1 },
        ]),
      );
      const negative = w.write([
        { id: 'neg-ok', n: 1 },
        { id: 'neg', n: -1 },
      ]);
      const missing = w.write([{ id: 'null', n: null }]);
      const notANumber = w.write([{ id: 'nan', n: 'many' }]);
      const notAValue = w.write([{ id: 'obj', n: { n: 1 } }]);
      const results = await Promise.allSettled([...good, negative, missing, notANumber, notAValue]);
      expect(results.slice(0, 10).every((r) => r.status === 'fulfilled')).toBe(true);
      const codes = results.slice(10).map((r) => (r.status === 'rejected' ? ((r.reason as { code?: string }).code ?? (r.reason as Error).name) : 'ok'));
      expect(codes).toEqual(['23514', '23502', '22P02', 'TypeError']);
      const { rows } = await other.query(`SELECT id FROM ${table} ORDER BY id`);
      expect(rows.map((r) => r.id)).toEqual(
        Array.from({ length: 10 }, (_, i) => [`ok-${i}`, `ok-${i}-b`])
          .flat()
          .sort(),
      );
      await w.close();
    });
  }

  it('refuses alone, in the same flush, a call with a value its column cannot take; none of its rows is written', async () => {
    const table = `bw_refused_${tag}`;
    await db.query(`CREATE TABLE ${table} (id text PRIMARY KEY, n integer NOT NULL)`);
    const w = new BatchWriter(db, {
      table,
      key: ['id'],
      columns: [
        { name: 'id', type: 'text' },
        { name: 'n', type: 'integer' },
      ],
      copyMinRows: 1,
    });
    const results = await Promise.allSettled([
      w.write([{ id: 'a', n: 1 }]),
      w.write([
        { id: 'x', n: 2 },
        { id: 'c', n: { n: 1 } },
      ]),
      w.write([{ id: 'x', n: 3 }]), // the refused call's key must not shadow this row
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
    expect(w.stats.flushes).toBe(1);
    const { rows } = await other.query(`SELECT id, n FROM ${table} ORDER BY id`);
    expect(rows).toEqual([
      { id: 'a', n: 1 },
      { id: 'x', n: 3 },
    ]);
    await w.close();
  });

  it('fails the caller whose message names a missing conversation, not the others', async () => {
    const w = messages();
    const ok = w.write([message(`fk-ok-${tag}`)]);
    const bad = w.write([message(`fk-bad-${tag}`, 'x', 'no-such-conversation')]);
    await expect(ok).resolves.toBeUndefined();
    await expect(bad).rejects.toMatchObject({ code: '23503' });
    expect(await countIds([`fk-ok-${tag}`, `fk-bad-${tag}`])).toBe(1);
    await w.close();
  });

  it('close() writes what is queued, then refuses new writes', async () => {
    // Hold the first flush on a lock (the FK check needs a share lock on the conversation) and give the queued
    // call a long delay, so only close() can send it.
    const w = messages({ maxDelayMs: 60_000, maxConcurrentFlushes: 2 });
    const locker = await other.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM conversations WHERE user_id = $1 AND id = $2 FOR UPDATE', [user, conv]);
    const first = w.write([message(`cl-${tag}-1`)]);
    await new Promise((r) => setTimeout(r, 50));
    const second = w.write([message(`cl-${tag}-2`), message(`cl-${tag}-3`)]);
    await new Promise((r) => setTimeout(r, 50));
    expect(w.stats).toMatchObject({ queuedRows: 2, inFlight: 1 });
    const closed = w.close();
    expect(w.stats).toMatchObject({ queuedRows: 0, inFlight: 2 });
    await expect(w.write([message(`cl-${tag}-4`)])).rejects.toThrow(/closed/);
    await locker.query('COMMIT');
    locker.release();
    await closed;
    await expect(Promise.all([first, second])).resolves.toBeDefined();
    expect(await countIds([1, 2, 3, 4].map((i) => `cl-${tag}-${i}`))).toBe(3);
  });
});

describe('BatchUpdateWriter', () => {
  const ebColumns: Column[] = [
    { name: 'id', type: 'uuid' },
    { name: 'user_id', type: 'text' },
    { name: 'status', type: 'text' },
    { name: 'analysis', type: 'text' },
    { name: 'related_node_ids', type: 'uuid[]' },
    { name: 'analysed_at', type: 'timestamptz' },
  ];
  const seed = async (owner: string, n: number) => {
    const ids = Array.from({ length: n }, () => randomUUID());
    await db.query(
      `INSERT INTO error_book (id, user_id, question, wrong_answer, correct_answer, workflow_id)
       SELECT id, $2, 'q', 'w', 'c', 'wf' FROM unnest($1::uuid[]) AS id`,
      [ids, owner],
    );
    return ids;
  };
  const result = (id: string, owner: string, analysis = `analysis of ${id}`) => ({
    id,
    user_id: owner,
    status: 'analysed',
    analysis,
    related_node_ids: [randomUUID()],
    analysed_at: new Date('2026-03-04T05:06:07.089Z'),
  });
  const writer = () => new BatchUpdateWriter<ReturnType<typeof result>>(db, { table: 'error_book', key: ['id', 'user_id'], columns: ebColumns });

  it('answers each caller how many of its rows matched; unknown keys count 0', async () => {
    const alice = `alice-${tag}`;
    const ids = await seed(alice, 5);
    const w = writer();
    const counts = await Promise.all([
      w.update(ids.slice(0, 3).map((id) => result(id, alice))),
      w.update([result(ids[3]!, alice), result(ids[4]!, alice), result(randomUUID(), alice), result(randomUUID(), alice)]),
      w.update([result(randomUUID(), alice)]),
      w.update([]),
    ]);
    expect(counts).toEqual([3, 2, 0, 0]);
    expect(w.stats.flushes).toBe(1);
    const { rows } = await other.query('SELECT id, status, analysis, related_node_ids, analysed_at FROM error_book WHERE id = ANY($1)', [ids]);
    for (const r of rows) expect(r).toMatchObject({ status: 'analysed', analysis: `analysis of ${r.id}`, analysed_at: new Date('2026-03-04T05:06:07.089Z') });
    expect(rows.every((r) => r.related_node_ids.length === 1)).toBe(true);
    await w.close();
  });

  it("cannot touch another user's row when the key includes user_id", async () => {
    const [alice, mallory] = [`alice2-${tag}`, `mallory-${tag}`];
    const [victim] = await seed(alice, 1);
    const w = writer();
    expect(await w.update([result(victim!, mallory, 'overwritten')])).toBe(0);
    expect((await other.query('SELECT status, analysis FROM error_book WHERE id = $1', [victim])).rows[0]).toEqual({ status: 'recorded', analysis: null });
    await w.close();
  });

  it('keeps the last write of a key in one flush, and can compute from the current row', async () => {
    const bob = `bob-${tag}`;
    const [id] = await seed(bob, 1);
    const w = new BatchUpdateWriter<{ id: string; user_id: string; analysis: string }>(db, {
      table: 'error_book',
      key: ['id', 'user_id'],
      columns: [
        { name: 'id', type: 'uuid' },
        { name: 'user_id', type: 'text' },
        { name: 'analysis', type: 'text' },
      ],
      set: { analysis: `concat(t.wrong_answer, ':', u.analysis)`, status: `'analysed'` },
    });
    const counts = await Promise.all([
      w.update([{ id: id!, user_id: bob, analysis: 'one' }]),
      w.update([
        { id: id!, user_id: bob, analysis: 'two' },
        { id: id!, user_id: bob, analysis: 'three' },
      ]),
    ]);
    expect(counts).toEqual([1, 2]);
    expect((await other.query('SELECT status, analysis FROM error_book WHERE id = $1', [id])).rows[0]).toEqual({ status: 'analysed', analysis: 'w:three' });
    await w.close();
  });

  const spoilers: [string, (r: ReturnType<typeof result>) => object, (reason: unknown) => void][] = [
    ['a value its column cannot take', (r) => ({ ...r, analysed_at: { when: 'soon' } }), (e) => expect(String(e)).toMatch(/TypeError: column analysed_at/)],
    ['a row the table refuses', (r) => ({ ...r, status: 'bogus' }), (e) => expect(e).toMatchObject({ code: '23514' })],
  ];
  for (const [why, spoil, expectReason] of spoilers) {
    it(`fails only the caller with ${why}, and writes none of its rows`, async () => {
      const carol = `carol-${why.length}-${tag}`;
      const ids = await seed(carol, 3);
      const w = writer();
      const results = await Promise.allSettled([
        w.update([result(ids[0]!, carol)]),
        w.update([result(ids[1]!, carol), spoil(result(ids[2]!, carol)) as ReturnType<typeof result>]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      expectReason((results[1] as PromiseRejectedResult).reason);
      const { rows } = await other.query('SELECT id, status FROM error_book WHERE id = ANY($1)', [ids]);
      expect(new Map(rows.map((r) => [r.id, r.status]))).toEqual(
        new Map([
          [ids[0], 'analysed'],
          [ids[1], 'recorded'],
          [ids[2], 'recorded'],
        ]),
      );
      await w.close();
    });
  }
});
