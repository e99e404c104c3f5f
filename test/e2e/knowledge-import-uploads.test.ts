// Import uploads under load: several large uploads at once, sent slowly, must neither pin the gateway's pooled
// Postgres connections (other requests keep being answered) nor be held in memory (its RSS grows by far less than
// what is being uploaded), and a newline-free body is refused at the line cap instead of buffered whole.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { ApiClient } from '../support/api-client.js';
import { startApp, type App } from '../support/app.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

const MiB = 1024 * 1024;
const UPLOAD_BYTES = 48 * MiB;
const UPLOADS = 4;
const NEWLINE_FREE = 2;
const POOL = 3; // fewer pooled connections than uploads at once
const HEAP_MIB = 128;

let app: App;
let s: Services;

beforeAll(async () => {
  s = await connectServices();
  // No workers: the imports' workflows wait on their queue; this file is about the upload.
  app = await startApp({
    worker: false,
    env: {
      DATABASE_POOL_MAX: String(POOL),
      KNOWLEDGE_IMPORT_MAX_LINES: '100000',
      // A small heap: the collector then runs before garbage piles up, so RSS shows what is held, not what is left
      // to collect (and a gateway that held the uploads would run out of it).
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${HEAP_MIB} --max-semi-space-size=4`.trim(),
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await s?.close();
});

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** Resolves once `n` of the promises have. */
const atLeast = (promises: Promise<void>[], n: number) =>
  new Promise<void>((resolve) => {
    let settled = 0;
    for (const p of promises) void p.then(() => ++settled === n && resolve());
  });

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  return { opened: new Promise<void>((r) => (open = r)), open };
}

/**
 * A body of `bytes` produced piece by piece as the connection takes it: `line(i)` repeated, and after the first
 * half it waits for `resume` (so every upload is known to be mid-way while the test looks at the gateway).
 */
function slowBody(bytes: number, line: (i: number) => string, halfway: () => void, resume: Promise<void>): ReadableStream<Uint8Array> {
  let sent = 0;
  let i = 0;
  let paused = false;
  return new ReadableStream(
    {
      async pull(controller) {
        if (sent >= bytes) return controller.close();
        if (!paused && sent >= bytes / 2) {
          paused = true;
          halfway();
          await resume;
        }
        let piece = '';
        while (piece.length < 256 * 1024 && sent + piece.length < bytes) piece += line(i++);
        sent += piece.length;
        controller.enqueue(new TextEncoder().encode(piece));
      },
    },
    { highWaterMark: 0 },
  );
}

async function upload(token: string, body: ReadableStream<Uint8Array>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url}/api/knowledge-nodes/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, body: await res.json() };
}

describe('import uploads under load', () => {
  it('stream several large uploads at once without exhausting the pool or holding them in memory', async () => {
    const user = uniqueId('up');
    const api = await ApiClient.as(app.url, user);
    const token = await signToken(user);
    const pid = app.gateway.child.pid!;
    const content = 'Spaced repetition moves a fact from short-term to long-term memory; '.repeat(40);
    const note = (i: number) => `${JSON.stringify({ title: `Note ${i}`, content: `${i}: ${content}` })}\n`;

    // Warm up (the first upload compiles the code paths), then measure from there.
    expect((await api.post('/knowledge-nodes/import', note(0), { 'content-type': 'application/x-ndjson' })).status).toBe(202);
    const baseline = rssOf(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);

    const resume = gate();
    const halfway: Promise<void>[] = [];
    const bodies = [...Array.from({ length: UPLOADS }, () => note), ...Array.from({ length: NEWLINE_FREE }, () => () => 'x'.repeat(4096))].map((line) => {
      const half = gate();
      halfway.push(half.opened);
      return slowBody(UPLOAD_BYTES, line, half.open, resume.opened);
    });
    const answers = bodies.map((b) => upload(token, b));
    answers.forEach((a) => a.catch(() => undefined)); // awaited below; a failure must not surface as unhandled first
    let done;
    try {
      // As many uploads as the pool has connections are mid-way (12 MiB sent, more than any socket buffers): the
      // gateway still answers requests that need a pooled connection, more of them than the pool holds.
      await atLeast(halfway, POOL);
      const others = await Promise.all(Array.from({ length: POOL + 1 }, () => api.get('/knowledge-nodes?limit=1')));
      expect(others.map((o) => o.status)).toEqual(Array(POOL + 1).fill(200));
      await Promise.all(halfway); // and every upload is being read, none waits for a connection
      resume.open();
      done = await Promise.all(answers);
    } finally {
      resume.open();
      clearInterval(sampler);
    }

    const lines = Math.ceil(UPLOAD_BYTES / note(100).length);
    for (const d of done.slice(0, UPLOADS)) {
      expect(d.status).toBe(202);
      expect(Math.abs(d.body.lines - lines)).toBeLessThan(lines / 50); // the lines' lengths vary a little with i
    }
    for (const d of done.slice(UPLOADS)) {
      expect([d.status, d.body.error.code, d.body.error.message]).toEqual([413, 'PAYLOAD_TOO_LARGE', 'line 1 is longer than 1048576 bytes']);
    }
    const staged = await s.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM knowledge_import_lines l JOIN knowledge_imports i ON i.id = l.import_id WHERE i.user_id = $1',
      [user],
    );
    expect(staged.rows[0]!.n).toBe(1 + done.slice(0, UPLOADS).reduce((sum, d) => sum + d.body.lines, 0));
    // 144 MiB went through the gateway; it held a few bounded batches per upload at any moment.
    const total = (UPLOADS + NEWLINE_FREE) * UPLOAD_BYTES;
    console.info(`gateway RSS ${Math.round(baseline / MiB)} MiB -> peak ${Math.round(peak / MiB)} MiB while ${total / MiB} MiB were uploaded`);
    expect(peak - baseline).toBeLessThan(total / 4);
  }, 180_000);
});
