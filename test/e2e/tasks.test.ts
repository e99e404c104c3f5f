// The tasks API end to end: a user's workflows listed from Temporal's visibility, one task's progress, result and
// error, cancellation with its compensation, isolation between users, and the operators' worker list.
import { describe, expect, it } from 'vitest';
import { QuotaStore } from '../../activities/security/stores/quota.js';
import { signToken } from '../../lib/auth.js';
import { ApiClient } from '../support/api-client.js';
import { e2eFixture } from '../support/e2e.js';
import { uniqueId } from '../support/services.js';

const e = e2eFixture({ jobs: true, env: { KNOWLEDGE_IMPORT_CHUNK: '50' } });
const MISTAKE = { question: 'What is 1/2 + 1/3?', wrongAnswer: '2/5', correctAnswer: '5/6' };
const result = (workflowId: string) => e.s.temporal.workflow.getHandle(workflowId).result();

/** Polls `fn` until `ok` holds for its answer (visibility is updated asynchronously after a workflow changes). */
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last answer: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('tasks API', () => {
  it("lists the caller's tasks with kinds, statuses and Web UI links, filters and pages them", async () => {
    const user = uniqueId('tasks');
    const api = await ApiClient.as(e.app.url, user);
    const node = (await api.post('/knowledge-nodes', { title: 'Fractions', content: 'A common denominator comes first.' })).body;
    const entry = (await api.post('/error-book', MISTAKE)).body;
    const [nodeResult] = await Promise.all([result(node.workflowId), result(entry.workflowId)]);

    const list = await until(
      () => api.get('/tasks'),
      (r) => r.body.items?.length === 2 && r.body.items.every((i: { status: string }) => i.status === 'completed'),
    );
    expect(list.status).toBe(200);
    const byId = Object.fromEntries(list.body.items.map((i: { workflowId: string }) => [i.workflowId, i]));
    expect(byId[node.workflowId]).toMatchObject({ kind: 'knowledge-node', status: 'completed' });
    expect(byId[entry.workflowId]).toMatchObject({ kind: 'error-book', status: 'completed' });
    expect(byId[node.workflowId].uiUrl).toMatch(/^http:\/\/localhost:8233\/namespaces\/default\/workflows\/[^/]+\/[0-9a-f-]+\/history$/);
    expect(decodeURIComponent(byId[node.workflowId].uiUrl)).toContain(node.workflowId);
    expect(Date.parse(byId[node.workflowId].closedAt)).toBeGreaterThanOrEqual(Date.parse(byId[node.workflowId].startedAt));

    const onlyErrors = await api.get('/tasks?kind=error-book');
    expect(onlyErrors.body.items.map((i: { workflowId: string }) => i.workflowId)).toEqual([entry.workflowId]);
    expect((await api.get('/tasks?status=running')).body.items).toEqual([]);

    const page1 = await api.get('/tasks?limit=1');
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.nextPageToken).toEqual(expect.any(String));
    const page2 = await api.get(`/tasks?limit=1&pageToken=${page1.body.nextPageToken}`);
    expect(page2.body.items).toHaveLength(1);
    expect(new Set([page1.body.items[0].workflowId, page2.body.items[0].workflowId])).toEqual(new Set([node.workflowId, entry.workflowId]));

    const one = await api.get(`/tasks/${encodeURIComponent(node.workflowId)}`);
    expect(one.body).toMatchObject({
      workflowId: node.workflowId,
      type: 'knowledgeNodeWorkflow',
      kind: 'knowledge-node',
      status: 'completed',
      result: nodeResult,
    });
  });

  it("shows a running import's heartbeated progress", async () => {
    const user = uniqueId('tasks');
    const api = await ApiClient.as(e.app.url, user);
    // Large enough to be running for a few seconds on any machine (1500 lines once finished before the first poll).
    const LINES = 12_000;
    const lines = Array.from({ length: LINES }, (_, i) => JSON.stringify({ title: `Note ${i}`, content: `Fact number ${i}: ${'detail '.repeat(20)}` })).join(
      '\n',
    );
    const started = await api.request('POST', '/knowledge-nodes/import', lines, { 'content-type': 'application/x-ndjson' });
    expect(started.status).toBe(202);
    const path = `/tasks/${encodeURIComponent(started.body.workflowId)}`;
    const running = await until(
      () => api.get(path),
      (r) => r.body.status !== 'running' || r.body.progress?.details?.nextLine > 0,
    );
    expect(running.body).toMatchObject({ status: 'running', kind: 'knowledge-import', progress: { step: 'importKnowledgeLines', attempt: 1 } });
    expect(running.body.progress.details.nextLine).toBeLessThan(LINES);
    await result(started.body.workflowId);
    const done = (await api.get(path)).body;
    expect(done.status).toBe('completed');
    expect(done.result.created + done.result.merged + done.result.blocked).toBe(LINES);
  });

  it("reports a failed task's code and a message that hides internals", async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('tasks'));
    e.fake.embeddingDimensions = 12; // a misconfigured embedding provider: the job fails, nothing is written
    try {
      const node = (await api.post('/knowledge-nodes', { title: 'Broken', content: 'This one cannot be embedded.' })).body;
      await expect(result(node.workflowId)).rejects.toThrow();
      const task = (await api.get(`/tasks/${encodeURIComponent(node.workflowId)}`)).body;
      expect(task).toMatchObject({ status: 'failed', error: { code: 'EMBEDDING_INVALID' } });
      expect(task.error.message).not.toMatch(/\n\s+at /); // no stack
    } finally {
      e.fake.embeddingDimensions = undefined;
    }
  });

  it('cancels a running analysis: the reserved quota is released and no analysis is stored', async () => {
    const user = uniqueId('tasks');
    const api = await ApiClient.as(e.app.url, user);
    const quota = new QuotaStore(e.s.redis, { dailyTokens: 1, requestsPerMinute: 1, concurrentTurns: 1, leaseMs: 1 });
    const day = new Date().toISOString().slice(0, 10);
    e.fake.chunkDelayMs = 300; // a slow model: the analysis is still streaming when the cancel arrives
    try {
      const entry = (await api.post('/error-book', MISTAKE)).body;
      const path = `/tasks/${encodeURIComponent(entry.workflowId)}`;
      await until(
        () => api.get(path),
        (r) => r.body.progress?.step === 'llmStream',
      );
      expect(await quota.usedToday(user, day)).toBeGreaterThan(0); // reserved for the call in flight

      const cancel = await api.post(`${path}/cancel`, {});
      expect(cancel.status).toBe(202);
      expect(cancel.body).toEqual({ workflowId: entry.workflowId, status: 'cancelling' });
      const done = await until(
        () => api.get(path),
        (r) => r.body.status !== 'running',
      );
      expect(done.body.status).toBe('cancelled');
      expect(await quota.usedToday(user, day)).toBe(0);
      expect((await api.get(`/error-book/${entry.entryId}`)).body.status).toBe('recorded');

      const again = await api.post(`${path}/cancel`, {});
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CONFLICT');
    } finally {
      e.fake.chunkDelayMs = 5;
    }
  });

  it("never shows or cancels another user's task, and validates its input", async () => {
    const owner = await ApiClient.as(e.app.url, uniqueId('tasks'));
    const other = await ApiClient.as(e.app.url, uniqueId('tasks'));
    const node = (await owner.post('/knowledge-nodes', { title: 'Mine', content: 'Private note.' })).body;
    await result(node.workflowId);
    const path = `/tasks/${encodeURIComponent(node.workflowId)}`;

    await until(
      () => owner.get('/tasks'),
      (r) => r.body.items?.length === 1,
    );
    expect((await other.get('/tasks')).body.items).toEqual([]);
    const peek = await other.get(path);
    expect(peek.status).toBe(404);
    expect(peek.body.error.code).toBe('NOT_FOUND');
    expect((await other.get('/tasks/no-such-task')).body).toEqual(peek.body); // indistinguishable from an unknown id
    expect((await other.post(`${path}/cancel`, {})).status).toBe(404);
    expect((await owner.get(path)).body.status).toBe('completed');

    // A page token of the other user's list (another query) is refused like a forged one.
    const otherNode = (await other.post('/knowledge-nodes', { title: 'Theirs', content: 'Another note.' })).body;
    await result(otherNode.workflowId);
    const more = (await other.post('/knowledge-nodes', { title: 'Theirs too', content: 'A third note.' })).body;
    await result(more.workflowId);
    const foreign = (
      await until(
        () => other.get('/tasks?limit=1'),
        (r) => !!r.body.nextPageToken,
      )
    ).body.nextPageToken as string;
    const [body, mac] = foreign.split('.');
    const tampered = `${body}A.${mac}`;
    for (const q of [
      'limit=0',
      'limit=101',
      'kind=payroll',
      'status=sleeping',
      'pageToken=not%20a%20token',
      'pageToken=AAAA',
      'pageToken=AAAA.AAAA',
      `pageToken=${foreign}`,
      `pageToken=${tampered}`,
    ]) {
      const r = await owner.get(`/tasks?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('BAD_REQUEST');
    }
    expect((await (await ApiClient.as(e.app.url, undefined)).get('/tasks')).status).toBe(401);
  });

  it('lists the live workers of each task queue for operators only', async () => {
    const student = await ApiClient.as(e.app.url, uniqueId('tasks'));
    const denied = await student.get('/workers');
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');

    const operator = await ApiClient.withToken(e.app.url, await signToken(uniqueId('ops'), { roles: ['operator'] }));
    const { body } = await until(
      () => operator.get('/workers'),
      (r) => r.body.taskQueues?.every((q: { workflowPollers: unknown[] }) => q.workflowPollers.length > 0),
    );
    expect(body.taskQueues.map((q: { taskQueue: string }) => q.taskQueue)).toEqual([e.app.taskQueue, `${e.app.taskQueue}-jobs`]);
    for (const q of body.taskQueues) {
      for (const p of [...q.workflowPollers, ...q.activityPollers]) {
        expect(p).toMatchObject({ identity: expect.stringMatching(/\S/), live: true });
        expect(Date.now() - Date.parse(p.lastPollAt)).toBeLessThan(120_000);
      }
      expect(q.activityPollers.length).toBeGreaterThan(0);
    }
  });
});
