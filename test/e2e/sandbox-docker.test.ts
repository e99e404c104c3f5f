// The Docker sandbox driver (production's) on a real Docker engine: the private dockerd provisioning installs, the
// image built from the Dockerfile's `sandbox` stage. First the same walls as the local driver, run unvalidated;
// then a code run end to end through a jobs worker configured with SANDBOX_DRIVER=docker.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeRunResult } from '../../lib/code-runs.js';
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
