// The operator CLI as an operator runs it (`bin/sparkle.mjs`, a child process): doctor against the real stack and
// against a component that is down, tasks listed from the gateway, and the exit codes scripts rely on.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.js';
import { e2eFixture } from '../support/e2e.js';
import { freePort } from '../support/ports.js';
import { uniqueId } from '../support/services.js';

const e = e2eFixture({ jobs: true });
const cli = fileURLToPath(new URL('../../bin/sparkle.mjs', import.meta.url));

async function sparkle(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const appEnv = { ...process.env, PORT: new URL(e.app.url).port, METRICS_PORT: String(e.app.metricsPort), ...env };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { env: appEnv, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const x = err as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('sparkle CLI', () => {
  it('doctor finds every component of a running stack', async () => {
    const r = await sparkle(['doctor', '--json']);
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: { name: string; ok: boolean }[] };
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(r.code).toBe(0);
  });

  it('doctor names what is down, says how to fix it, and exits 1', async () => {
    const closed = await freePort();
    const r = await sparkle(['doctor'], { TEMPORAL_ADDRESS: `127.0.0.1:${closed}` });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`FAIL +temporal +not reachable at 127\\.0\\.0\\.1:${closed}\\n +→ run \`sparkle dev\``));
    expect(r.stdout).toMatch(/ok +redis/);
  });

  it("tasks lists the user's own tasks, filtered, as JSON", async () => {
    const user = uniqueId('cli');
    const api = await ApiClient.as(e.app.url, user);
    const node = (await api.post('/knowledge-nodes', { title: 'Osmosis', content: 'Water moves across a membrane.' })).body;
    await e.s.temporal.workflow.getHandle(node.workflowId).result();
    let items: { workflowId: string; kind: string; status: string }[] = [];
    for (let i = 0; i < 100 && !items.some((t) => t.status === 'completed'); i++) {
      const r = await sparkle(['tasks', '--user', user, '--kind', 'knowledge-node', '--json']);
      expect(r.code).toBe(0);
      items = JSON.parse(r.stdout);
      if (!items.some((t) => t.status === 'completed')) await new Promise((res) => setTimeout(res, 200));
    }
    expect(items.map((t) => [t.workflowId, t.kind, t.status])).toEqual([[node.workflowId, 'knowledge-node', 'completed']]);
    const other = await sparkle(['tasks', '--user', uniqueId('cli-other'), '--json']);
    expect(JSON.parse(other.stdout)).toEqual([]);
  });

  it('refuses bad usage with exit 2 and the allowed values', async () => {
    const r = await sparkle(['tasks', '--status', 'sleeping']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are running, completed');
    expect((await sparkle(['no-such-command'])).code).toBe(2);
  });
});
