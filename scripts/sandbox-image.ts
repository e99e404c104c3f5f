// Provisioning step: the Docker sandbox driver's image in the private engine (scripts/stack/docker-engine.ts),
// built from the Dockerfile's `sandbox` stage when missing. Idempotent: seconds when the image is there.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { cacheDir } from './stack/paths.js';
import { ensureSandboxImage, startDockerEngine } from './stack/docker-engine.js';

const logDir = join(cacheDir, 'logs');
mkdirSync(logDir, { recursive: true });
const engine = await startDockerEngine(logDir);
try {
  const tag = await ensureSandboxImage((line) => console.log(`[provision] ${line}`));
  console.log(`[provision] sandbox image ${tag} is in the private Docker engine`);
} finally {
  await engine.stop();
}
