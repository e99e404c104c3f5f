// Code runs end to end: REST -> CodeRunWorkflow on the jobs worker -> CPython's own parser -> the bubblewrap
// sandbox -> recorded and notified. What the validator lets through but should not run is stopped by the sandbox:
// those cases use only allowed imports (pandas reading or writing host files, a memory bomb, output floods).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import type { CodeRunResult } from '../../lib/contracts/code-runs.js';
import { ApiClient } from '../support/api-client.js';
import { e2eFixture } from '../support/e2e.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

const e = e2eFixture({ jobs: true, env: { SANDBOX_WALL_TIME_MS: '4000', SANDBOX_OUTPUT_BYTES: '65536' } });
const result = (workflowId: string) => e.s.temporal.workflow.getHandle(workflowId).result() as Promise<CodeRunResult>;

async function run(api: ApiClient, code: string, stdin?: string): Promise<{ workflowId: string; runId: string; result: CodeRunResult }> {
  const res = await api.post('/code-runs', stdin === undefined ? { code } : { code, stdin });
  expect(res.status).toBe(202);
  return { ...res.body, result: await result(res.body.workflowId) };
}

describe('code runs', () => {
  it('runs a valid program in the sandbox, records it and notifies the student', async () => {
    const user = uniqueId('code');
    const api = await ApiClient.as(e.app.url, user);
    const sock = await TestSocket.open(e.app.wsUrl, await signToken(user));
    const code = 'import numpy as np\nimport json\nn = int(STDIN)\nprint(json.dumps({"sum": int(np.arange(n).sum())}))\n';
    const { workflowId, runId, result: r } = await run(api, code, '10\n');
    expect(r).toMatchObject({ runId, status: 'completed', exitCode: 0, stdout: '{"sum": 45}\n', truncated: false });
    expect(r.error).toBeUndefined();
    expect(r.durationMs).toBeGreaterThan(0);
    const notified = await sock.next((f) => f.type === 'notify' && f.event === 'code_run.finished');
    expect(notified.data).toMatchObject({ workflowId, runId, status: 'completed', exitCode: 0 });
    const row = (await api.get(`/code-runs/${runId}`)).body;
    expect(row).toMatchObject({ id: runId, workflowId, status: 'completed', exitCode: 0, stdout: '{"sum": 45}\n', errorCode: null });
    expect((await api.get(`/tasks/${encodeURIComponent(workflowId)}`)).body).toMatchObject({ kind: 'code-run', status: 'completed', result: { exitCode: 0 } });
    sock.close();
  });

  it('refuses code the validator rejects, naming the line and the rule, without running it', async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('code'));
    const { runId, result: r } = await run(api, 'x = 1\nimport os\nprint(os.listdir("/"))\n');
    expect(r).toMatchObject({ status: 'rejected', exitCode: null, stdout: '', durationMs: 0, error: { code: 'SANDBOX_VALIDATION' } });
    expect(r.error!.message).toMatch(/^line 2: import\./m);
    expect((await api.get(`/code-runs/${runId}`)).body).toMatchObject({ status: 'rejected', errorCode: 'SANDBOX_VALIDATION' });
    const escape = await run(api, 'print(().__class__.__bases__[0].__subclasses__())\n');
    expect(escape.result).toMatchObject({ status: 'rejected', error: { code: 'SANDBOX_VALIDATION' } });
    expect(escape.result.error!.message).toMatch(/^line 1: attribute\.dunder/m);
    // Issue 15: a pandas helper that calls getattr for you (it reached __globals__ past the old deny-list).
    const helper = await run(api, 'import pandas as pd\nu = "_" * 2\ng = pd.core.apply.Apply._try_aggregate_string_function(None, print, u + "globals" + u)\n');
    expect(helper.result).toMatchObject({ status: 'rejected', error: { code: 'SANDBOX_VALIDATION' } });
    expect(helper.result.error!.message).toMatch(/^line 3: attribute\.not_allowed/m);
  });

  it('reports a program failure or a limit as a typed result, not a crash', async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('code'));
    const failing = await run(api, 'def f(x):\n    return 1 / x\nprint(f(0))\n');
    expect(failing.result).toMatchObject({ status: 'failed', exitCode: 1, error: { code: 'SANDBOX_RUNTIME_ERROR' } });
    expect(failing.result.stderr).toContain('ZeroDivisionError');
    const spin = await run(api, 'while True:\n    pass\n');
    expect(spin.result).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_TIMEOUT' } });
    const flood = await run(api, 'while True:\n    print("x" * 1000)\n');
    expect(flood.result).toMatchObject({ status: 'failed', truncated: true, error: { code: 'SANDBOX_OUTPUT_LIMIT' } });
    expect(flood.result.stdout.length).toBeLessThanOrEqual(65_536);
    const bomb = await run(api, 'blocks = []\nwhile True:\n    blocks.append(bytearray(50 * 1024 * 1024))\n');
    expect(bomb.result).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_MEMORY' } });
  });

  it('keeps host files out of reach of code the validator allows', async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('code'));
    const secret = join(process.env.SPARKLE_TEST_DATA_DIR!, 'host-secret.env');
    writeFileSync(secret, 'JWT_SECRET=do-not-leak\n');
    const read = await run(api, `import pandas as pd\nprint(pd.read_csv(${JSON.stringify(secret)}))\n`);
    expect(read.result).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_RUNTIME_ERROR' } });
    expect(read.result.stdout + read.result.stderr).not.toContain('do-not-leak');
    const write = await run(api, 'import pandas as pd\npd.DataFrame({"a": [1]}).to_csv("/usr/owned.csv")\n');
    expect(write.result).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_RUNTIME_ERROR' } });
    expect(write.result.stderr).toMatch(/Read-only file system|Permission denied/);
  });

  it('answers 400 for bad input and 404 for unknown or foreign runs', async () => {
    const owner = await ApiClient.as(e.app.url, uniqueId('code'));
    const other = await ApiClient.as(e.app.url, uniqueId('code'));
    for (const body of [{}, { code: '' }, { code: 'print(1)', extra: 1 }, { code: 'print(1)', stdin: 5 }, { code: 'p'.repeat(100_001) }]) {
      const r = await owner.post('/code-runs', body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
    const { runId } = await run(owner, 'print("mine")\n');
    expect((await other.get(`/code-runs/${runId}`)).status).toBe(404);
    expect((await owner.get('/code-runs/not-a-uuid')).status).toBe(400);
    expect((await owner.get(`/code-runs/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
