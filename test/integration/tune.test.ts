// `npm run tune` against the test stack's real Temporal, Postgres and Redis, with a worker running in this process
// (on the SDK's resource-based tuner, WORKER_TUNER=resource-based) whose /metrics the command scrapes, and the fake
// model endpoint for --probe-llm. Checks that what it measured is there and plausible, and that bad flags fail.
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import os from 'node:os';
import { promisify } from 'node:util';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWriters } from '../../activities/writers.js';
import { config } from '../../lib/config.js';
import { serveMetrics } from '../../lib/metrics-server.js';
import { buildWorker } from '../../workers/build.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { freePort } from '../support/ports.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const taskQueue = uniqueId('tune');

let s: Services;
let worker: Worker;
let running: Promise<void>;
let deps: ReturnType<typeof buildActivityDeps>;
let metrics: Server;
let metricsPort: number;
const fake = new FakeOpenAI();
let llmUrl: string;

beforeAll(async () => {
  s = await connectServices();
  deps = buildActivityDeps(config(), s);
  worker = await buildWorker({
    connection: s.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
    deps,
    maxConcurrentActivities: 8,
    maxConcurrentWorkflowTasks: 4,
    resourceTuner: { targetCpuUsage: 0.9, targetMemoryUsage: 0.9 },
  });
  running = worker.run();
  metricsPort = await freePort();
  metrics = await serveMetrics(metricsPort, '127.0.0.1');
  llmUrl = await fake.start();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  metrics?.close();
  await fake.stop();
  await closeWriters(deps.writers);
  await s?.close();
});

async function tune(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run('npm', ['run', '-s', 'tune', '--', ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 150_000, maxBuffer: 16 * 2 ** 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('npm run tune', () => {
  it('a worker on the resource-based tuner runs workflows and activities', async () => {
    const result = await s.temporal.workflow.execute('conversationRetentionWorkflow', {
      taskQueue,
      workflowId: uniqueId('tune-retention'),
      args: [{ userId: uniqueId('tune-user'), conversationId: 'none', idleMs: 50 }],
    });
    expect(result).toEqual({ purgedMessages: 0 });
  });

  it('measures the machine, the services, the running worker and the costs, and recommends from them', async () => {
    const r = await tune(
      [
        '--json',
        '--sample-ms',
        '1000',
        '--interactive-metrics',
        `http://127.0.0.1:${metricsPort}/metrics`,
        '--jobs-metrics',
        'http://127.0.0.1:1/metrics',
        '--probe-llm',
        '--probe-workflows',
        '40',
      ],
      { TASK_QUEUE_INTERACTIVE: taskQueue, LLM_BASE_URL: llmUrl, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model' },
    );
    expect(r.stderr).not.toMatch(/tune:/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const m = out.measured;

    expect(m.cpu.onlineCores).toBe(os.cpus().length);
    expect(m.cpu.effectiveCores).toBeGreaterThan(0);
    expect(m.cpu.busyCores).toBeGreaterThanOrEqual(0);
    expect(m.cpu.busyCores).toBeLessThanOrEqual(m.cpu.onlineCores + 0.1);
    expect(m.cpu.windowMs).toBeGreaterThanOrEqual(900);
    expect(Math.abs(m.memory.totalBytes - os.totalmem()) / os.totalmem()).toBeLessThan(0.02);
    expect(m.memory.effectiveAvailableBytes).toBeGreaterThan(0);
    expect(m.memory.effectiveAvailableBytes).toBeLessThanOrEqual(m.memory.totalBytes);

    expect(m.postgres.rttMs).toBeGreaterThan(0);
    expect(m.postgres.rttMs).toBeLessThan(500);
    expect(m.postgres.maxConnections).toBeGreaterThanOrEqual(10);
    expect(m.postgres.usableConnections).toBeLessThan(m.postgres.maxConnections);
    expect(m.postgres.currentConnections).toBeGreaterThanOrEqual(1);
    expect(m.postgres.vectorQueryMs).toBeGreaterThan(0); // the migrated schema has knowledge_nodes
    expect(m.redis.rttMs).toBeGreaterThan(0);
    expect(m.redis.rttMs).toBeLessThan(500);
    expect(m.redis.publishCpuMs).toBeGreaterThan(0);

    expect(m.temporal.rttMs).toBeGreaterThan(0);
    const ours = m.temporal.queues.filter((q: { taskQueue: string }) => q.taskQueue === taskQueue);
    expect(ours.map((q: { kind: string }) => q.kind).sort()).toEqual(['activity', 'workflow']);
    expect(ours.every((q: { pollers: number }) => q.pollers === 1)).toBe(true);
    expect(out.inputs.processes.seen.interactive).toBe(1);

    expect(m.live.interactive.up).toBe(true);
    expect(m.live.interactive.rssBytes).toBeGreaterThan(20 * 2 ** 20);
    expect(m.live.interactive.cpuCores).toBeGreaterThanOrEqual(0);
    expect(m.live.interactive.eventLoopLagP99S).toBeGreaterThanOrEqual(0);
    expect(m.live.jobs.up).toBe(false);
    expect(Object.keys(out.notMeasured).some((k) => k.startsWith('jobs worker metrics'))).toBe(true);

    expect(m.modelEndpoint.provider).toBe('openai-compatible');
    expect(m.modelEndpoint.rttMs).toBeGreaterThan(0);
    expect(m.modelEndpoint.stream.deltas).toBeGreaterThan(1);
    expect(m.modelEndpoint.stream.firstDeltaMs).toBeLessThanOrEqual(m.modelEndpoint.stream.totalMs);
    expect(m.modelEndpoint.embedMs).toBeGreaterThan(0);
    expect(m.costs.turn.cpuMsPerTurn).toBeGreaterThan(0);
    expect(m.costs.turn.parts.inputGuard).toBeGreaterThan(0);
    expect(m.costs.job.importLineCpuMs).toBeGreaterThan(0);
    expect(m.costs.job.importChunkHeapBytes).toBeGreaterThan(0);
    expect(m.costs.turnHeapBytes).toBeGreaterThan(0);
    expect(m.workflowProbe.workflows).toBe(40);
    expect(m.workflowProbe.baselineRssBytes).toBeGreaterThan(50 * 2 ** 20);
    expect(m.workflowProbe.cpuMsPerWorkflowTask).toBeGreaterThan(0);
    expect(out.inputs.sdkCpuMsPerTask).toBe(m.workflowProbe.cpuMsPerWorkflowTask);

    for (const kind of ['interactive', 'jobs']) {
      const plan = out.recommendation[kind];
      expect(plan.processes).toBeGreaterThanOrEqual(1);
      expect(plan.settings.map((x: { name: string }) => x.name)).toEqual([
        'WORKER_MAX_CONCURRENT_ACTIVITIES',
        'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
        'DATABASE_POOL_MAX',
      ]);
      for (const x of plan.settings) {
        expect(Number.isInteger(x.value)).toBe(true);
        expect(x.value).toBeGreaterThanOrEqual(1);
        expect(x.measured.length).toBeGreaterThan(10);
      }
      const pool = plan.settings.find((x: { name: string }) => x.name === 'DATABASE_POOL_MAX').value;
      expect(pool).toBeLessThanOrEqual(m.postgres.usableConnections);
    }
    // Measured here, so not assumed.
    expect(out.recommendation.assumptions.join('\n')).not.toMatch(/Postgres|Redis|Temporal round trip/);
  }, 180_000);

  it('refuses bad flags with a clear message and exit code 2', async () => {
    const bad = await tune(['--cpu-target', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--cpu-target: must be at most 1/);
    const unknown = await tune(['--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/frobnicate/);
    expect(unknown.stderr).toMatch(/usage: npm run tune/);
  });
});
