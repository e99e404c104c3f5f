// Graceful shutdown, as in a rolling deploy: SIGTERM reaches the chat worker while a model call streams. The
// worker stops polling, lets the call finish (within WORKER_SHUTDOWN_GRACE_MS), flushes its writers and exits 0;
// its replacement runs the rest of the turn. The student gets the whole answer once, billed once.
import { describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { e2eFixture } from '../support/e2e.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

const e = e2eFixture({ env: { WORKER_SHUTDOWN_GRACE_MS: '20000' } });

describe('graceful shutdown', () => {
  it('finishes the model call in flight, exits 0, and the turn completes once on the next worker', async () => {
    const user = uniqueId('drain');
    const sock = await TestSocket.open(e.app.wsUrl, await signToken(user));
    e.fake.chunkDelayMs = 80; // ~3 s of streaming: SIGTERM lands in the middle of it
    const calls = e.fake.requests.length;
    try {
      sock.send({ type: 'chat.send', id: 'm1', text: 'Why does ice float on water?' });
      await sock.next((f) => f.id === 'm1' && f.type === 'chat.delta');
      const old = e.app.worker!;
      const restarted = e.app.restartWorker(); // SIGTERM, wait for the exit, then start a replacement
      const { deltas, end } = await sock.turn('m1');
      await restarted;

      expect(old.child.exitCode).toBe(0);
      expect(old.child.signalCode).toBeNull(); // it exited by itself, not by the launcher's SIGKILL after 15 s
      expect(end.type).toBe('chat.done');
      expect(end.text).toBe(deltas.join(''));
      expect(end.text).toBe(e.fake.reply('Why does ice float on water?'));
      expect(e.fake.requests.length).toBe(calls + 1); // the call was not cut short and retried
      const { rows } = await e.s.db.query('SELECT role FROM messages WHERE user_id = $1 ORDER BY role', [user]);
      expect(rows).toEqual([{ role: 'assistant' }, { role: 'user' }]);
    } finally {
      e.fake.chunkDelayMs = 5;
      sock.close();
    }
  });
});
