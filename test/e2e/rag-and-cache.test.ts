// Retrieval in chat turns: the student's notes reach the model as context and come back as sources; a repeated
// question is answered from the semantic cache without a model call, and never from another user's cache.
import { describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { ApiClient } from '../support/api-client.js';
import { e2eFixture } from '../support/e2e.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

const e = e2eFixture({ jobs: true, env: { QUOTA_REQUESTS_PER_MINUTE: '100' } });

const cacheHits = async () => {
  const text = await (await fetch(`http://127.0.0.1:${e.app.metricsPort}/metrics`)).text();
  return Number(/^semantic_cache_lookups_total\{result="hit"\} (\d+)/m.exec(text)?.[1] ?? 0);
};

async function ask(sock: TestSocket, id: string, text: string) {
  sock.send({ type: 'chat.send', id, text });
  return (await sock.turn(id)).end;
}

describe('retrieval-augmented chat', () => {
  it('checks the quota before retrieval: a user past their budget costs no embedding call', async () => {
    const user = uniqueId('rag-quota');
    const day = new Date().toISOString().slice(0, 10);
    await e.s.redis.set(`{quota:${user}}:day:${day}`, String(10 ** 9)); // today's budget long spent
    const [embeddings, calls] = [e.fake.embeddingRequests.length, e.fake.requests.length];
    const sock = await TestSocket.open(e.app.wsUrl, await signToken(user));
    const end = await ask(sock, 'over', 'What does photosynthesis turn light and water into?');
    expect(end).toMatchObject({ type: 'chat.blocked', layer: 'quota', rules: ['quota.daily_tokens'] });
    expect(e.fake.embeddingRequests.length).toBe(embeddings);
    expect(e.fake.requests.length).toBe(calls);
    sock.close();
  });

  it('puts the most relevant notes in the prompt and returns them as sources', async () => {
    const user = uniqueId('rag');
    const api = await ApiClient.as(e.app.url, user);
    const node = await api.post('/knowledge-nodes', {
      title: 'Photosynthesis',
      content: 'Photosynthesis in chloroplasts turns light, water and carbon dioxide into glucose and oxygen.',
    });
    await e.s.temporal.workflow.getHandle(node.body.workflowId).result();
    await api
      .post('/knowledge-nodes', { title: 'Roman roads', content: 'Roman roads were built with layers of stone and gravel.' })
      .then((r) => e.s.temporal.workflow.getHandle(r.body.workflowId).result());
    const sock = await TestSocket.open(e.app.wsUrl, await signToken(user));
    const done = await ask(sock, 'm1', 'What does photosynthesis turn light and water into?');
    expect(done.type).toBe('chat.done');
    expect((done.sources as { id: string }[]).map((x) => x.id)).toEqual([node.body.nodeId]);
    const prompt = e.fake.requests.at(-1)!.messages;
    const notes = prompt.filter((m) => m.role === 'system' && m.content.includes('Photosynthesis in chloroplasts'));
    expect(notes).toHaveLength(1);
    expect(prompt.some((m) => m.content.includes('Roman roads'))).toBe(false);
    sock.close();
  });

  it('answers a repeated question from the cache: no model call, same text, counted as a hit', async () => {
    const user = uniqueId('rag');
    const sock = await TestSocket.open(e.app.wsUrl, await signToken(user));
    const question = 'How do I find the area of a circle with radius 3 cm?';
    const first = await ask(sock, 'q1', question);
    expect(first.cached).toBeUndefined();
    const calls = e.fake.requests.length;
    const hits = await cacheHits();

    sock.send({ type: 'chat.send', id: 'q2', text: question.replace('?', ' ?') });
    const second = await sock.turn('q2');
    expect(second.end).toMatchObject({ type: 'chat.done', text: first.text, cached: true, usage: { promptTokens: 0, completionTokens: 0 } });
    expect(second.deltas.join('')).toBe(first.text);
    expect(e.fake.requests.length).toBe(calls);
    expect(await cacheHits()).toBe(hits + 1);
    const { rows } = await e.s.db.query('SELECT role, model FROM messages WHERE user_id = $1 AND workflow_id LIKE $2 ORDER BY created_at', [user, '%:q2']);
    expect(rows).toEqual([
      { role: 'user', model: null },
      { role: 'assistant', model: 'fake-model' },
    ]);

    // Short follow-ups depend on the conversation: never from the cache.
    await ask(sock, 'w1', 'why?');
    await ask(sock, 'w2', 'why?');
    expect(e.fake.requests.length).toBe(calls + 2);
    sock.close();

    // Another student asking the same question gets their own answer from the model.
    const other = await TestSocket.open(e.app.wsUrl, await signToken(uniqueId('rag')));
    const theirs = await ask(other, 'q1', question);
    expect(theirs.cached).toBeUndefined();
    expect(e.fake.requests.length).toBe(calls + 3);
    other.close();
  });
});
