// `npm run validate` against a running stack (gateway and both workers as child processes, the fake model API):
// every group passes, and the table's JSON form names each check.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { e2eFixture } from '../support/e2e.js';

// Long enough that a memory bomb reaches its wall first even on a busy machine (at 3 s it sometimes timed out).
const e = e2eFixture({ jobs: true, env: { SANDBOX_WALL_TIME_MS: '8000' } });

describe('npm run validate', () => {
  it('passes every validation group against the running stack', async () => {
    const script = new URL('../../scripts/validate.ts', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        script,
        '--gateway',
        e.app.url,
        '--worker-metrics',
        `http://127.0.0.1:${e.app.metricsPort}/metrics`,
        '--jobs-metrics',
        `http://127.0.0.1:${e.app.jobsMetricsPort}/metrics`,
        '--turns',
        '5',
        '--json',
      ],
      { env: process.env, timeout: 170_000 },
    ).catch((err: { stdout?: string; message: string }) => {
      throw new Error(`validate failed: ${err.stdout ?? err.message}`);
    });
    const report = JSON.parse(stdout) as { ok: boolean; results: { group: string; ok: boolean; detail: string }[] };
    expect(report.results.filter((r) => !r.ok)).toEqual([]);
    expect(new Set(report.results.map((r) => r.group))).toEqual(
      new Set(['security', 'integration', 'tasks', 'failure recovery', 'resource limits', 'performance baseline', 'monitoring']),
    );
    expect(report.ok).toBe(true);
  }, 180_000);
});
