// The sandbox's entry point: pick a driver by config. Both enforce the same SandboxLimits (types.ts).
import { createDockerDriver, type DockerDriverOptions } from './docker-driver.js';
import { createLocalDriver, type LocalDriverOptions } from './local-driver.js';
import type { SandboxDriver } from './types.js';

export type SandboxDriverOptions = LocalDriverOptions & Partial<DockerDriverOptions>;

export function createSandboxDriver(kind: 'local' | 'docker', opts: SandboxDriverOptions = {}): SandboxDriver {
  if (kind === 'local') return createLocalDriver(opts);
  if (!opts.image) throw new Error('sandbox: the docker driver needs an image (SANDBOX_DOCKER_IMAGE)');
  return createDockerDriver({ image: opts.image, docker: opts.docker, python: opts.python, tmpfsBytes: opts.tmpfsBytes });
}

export * from './types.js';
export { createLocalDriver, type LocalDriverOptions, type LocalSandboxDriver } from './local-driver.js';
export { createDockerDriver, dockerRunArgs, type DockerDriverOptions } from './docker-driver.js';
export { studentProgram } from './student-program.js';
