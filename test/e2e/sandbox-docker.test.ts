// The Docker sandbox driver (production's) on a real Docker engine: the private dockerd provisioning installs, the
// image built from the Dockerfile's `sandbox` stage. First the same walls as the local driver, run unvalidated;
// then a code run end to end through a jobs worker configured with SANDBOX_DRIVER=docker; then the faults: an
// engine the worker cannot reach (what the user is told), and a worker killed while its container runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeRunResult } from '../../lib/contracts/code-runs.js';
import { createDockerDriver } from '../../sandbox/docker-driver.js';
import type { SandboxDriver } from '../../sandbox/types.js';
import { docker, DOCKER_HOST, ensureSandboxImage, sandboxImageTag, startDockerEngine, type DockerEngine } from '../../scripts/stack/docker-engine.js';
import { ApiClient } from '../support/api-client.js';
import { e2eFixture } from '../support/e2e.js';
import { LIMITS, sandboxWallSuite } from '../support/sandbox-walls.js';
import { uniqueId } from '../support/services.js';

const image = sandboxImageTag();
let engine: DockerEngine;
let driver: SandboxDriver;
let hostDir: string;
const savedDockerHost = process.env.DOCKER_HOST;

/** Sandbox containers still known to the engine (`--rm` removes them once they exit). */
async function sandboxContainers(): Promise<string[]> {
  return (await docker(['ps', '-a', '--filter', 'name=sparkle-sbx-', '--format', '{{.Names}} {{.Status}}'])).split('\n').filter(Boolean);
}

beforeAll(async () => {
  engine = await startDockerEngine(process.env.SPARKLE_TEST_DATA_DIR ?? tmpdir());
  // Provisioning builds it; building here too keeps a run without provisioning from failing for a missing image.
  await ensureSandboxImage();
  process.env.DOCKER_HOST = DOCKER_HOST; // the driver hands it to the docker CLI
  driver = createDockerDriver({ image });
  hostDir = mkdtempSync(join(tmpdir(), 'sbx-docker-host-'));
}, 900_000);

afterEach(async () => {
  // A killed or finished run's container is gone within moments (the daemon removes it after the CLI returns).
  let left = await sandboxContainers();
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await sleep(100);
    left = await sandboxContainers();
  }
  expect(left).toEqual([]);
});

afterAll(async () => {
  if (savedDockerHost === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = savedDockerHost;
  rmSync(hostDir, { recursive: true, force: true });
  await engine?.stop();
});

sandboxWallSuite('docker', () => ({ driver, reportsUsage: false, minimalRoot: false, hostDir }));

describe('docker sandbox driver: when it cannot run', () => {
  it('an image the engine does not have is "sandbox unavailable", never a pull', async () => {
    const d = createDockerDriver({ image: 'sparkle-sandbox:does-not-exist' });
    await expect(d.run({ code: 'print(1)', limits: LIMITS })).rejects.toThrow(/sandbox unavailable: docker could not start the container/);
  });

  it('an unreachable engine is "sandbox unavailable"', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${join(hostDir, 'no-engine.sock')}`;
    try {
      await expect(createDockerDriver({ image }).run({ code: 'print(1)', limits: LIMITS })).rejects.toThrow(/sandbox unavailable/);
    } finally {
      process.env.DOCKER_HOST = saved;
    }
  });
});

describe('code runs on a jobs worker with SANDBOX_DRIVER=docker', () => {
  const e = e2eFixture({ jobs: true, env: { SANDBOX_DRIVER: 'docker', SANDBOX_DOCKER_IMAGE: image, DOCKER_HOST, SANDBOX_WALL_TIME_MS: '4000' } });
  const run = async (api: ApiClient, code: string, stdin?: string) => {
    const res = await api.post('/code-runs', { code, ...(stdin === undefined ? {} : { stdin }) });
    expect(res.status).toBe(202);
    return (await e.s.temporal.workflow.getHandle(res.body.workflowId).result()) as CodeRunResult;
  };

  it('runs a numpy program in a container and records it; a spin ends as SANDBOX_TIMEOUT', async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('docker-code'));
    const ok = await run(api, 'import numpy as np\nprint(int(np.arange(int(STDIN)).sum()))\n', '10\n');
    expect(ok).toMatchObject({ status: 'completed', exitCode: 0, stdout: '45\n' });
    expect((await api.get(`/code-runs/${ok.runId}`)).body).toMatchObject({ status: 'completed', stdout: '45\n' });
    const spin = await run(api, 'while True:\n    pass\n');
    expect(spin).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_TIMEOUT' } });
  });
});

describe('a jobs worker whose Docker engine cannot be reached', () => {
  // A host path, as a real deployment's socket is: it must reach the log, never the user.
  const socket = '/run/sparkle-missing-engine/docker.sock';
  const e = e2eFixture({ jobs: true, env: { SANDBOX_DRIVER: 'docker', SANDBOX_DOCKER_IMAGE: image, DOCKER_HOST: `unix://${socket}` } });

  it('fails the run with SANDBOX_UNAVAILABLE and a generic message, naming no path or raw error', async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('docker-down'));
    const res = await api.post('/code-runs', { code: 'print(1)\n' });
    expect(res.status).toBe(202);
    await expect(e.s.temporal.workflow.getHandle(res.body.workflowId).result()).rejects.toThrow();
    const task = await api.get(`/tasks/${encodeURIComponent(res.body.workflowId)}`);
    expect(task.body).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_UNAVAILABLE' } });
    const text = JSON.stringify(task.body);
    for (const leak of [socket, 'unix://', 'Cannot connect', 'docker:', 'ECONNREFUSED']) expect(text).not.toContain(leak);
  }, 120_000);
});

describe('sandbox containers of a killed jobs worker', () => {
  // A wall clock far beyond the test: the container of the killed worker would run for 10 minutes on its own.
  const e = e2eFixture({ jobs: true, env: { SANDBOX_DRIVER: 'docker', SANDBOX_DOCKER_IMAGE: image, DOCKER_HOST, SANDBOX_WALL_TIME_MS: '600000' } });

  it('are removed when a jobs worker starts', async () => {
    const api = await ApiClient.as(e.app.url, uniqueId('docker-orphan'));
    const res = await api.post('/code-runs', { code: 'while True:\n    pass\n' });
    expect(res.status).toBe(202);
    let running = await sandboxContainers();
    while (!running.some((c) => / Up /.test(c))) {
      await sleep(100);
      running = await sandboxContainers();
    }
    const orphan = running[0]!.split(' ')[0]!;
    e.app.killJobsWorker(); // SIGKILL: it cannot stop its container, and the daemon keeps it running
    await e.app.startJobsWorker(); // up once it serves /metrics, after its sweep
    expect((await sandboxContainers()).map((c) => c.split(' ')[0])).not.toContain(orphan);
    // The retried run (on the new worker) ends with the workflow.
    await e.s.temporal.workflow.getHandle(res.body.workflowId).cancel();
    while ((await sandboxContainers()).length > 0) await sleep(200);
  }, 180_000);
});
