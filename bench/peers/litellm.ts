// The LiteLLM proxy (PyPI litellm[proxy], pinned in requirements.txt) in front of the same fake model the engine
// calls: what a team would put between its app and the provider for keys, retries and spend tracking.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin } from '../../scripts/stack/paths.js';
import { freePort, startProcess, waitUntil, type Managed } from '../../scripts/stack/process.js';

export interface LiteLlm {
  /** The proxy's OpenAI-compatible base URL. */
  baseURL: string;
  /** This run's master key (made up at start, never stored): the proxy refuses to run without one. */
  apiKey: string;
  proc: Managed;
}

function withoutStores(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...rest } = env;
  return rest;
}

export async function startLiteLlm(modelBaseURL: string, dir: string): Promise<LiteLlm> {
  const exe = join(bin.peers, 'litellm');
  if (!existsSync(exe)) throw new Error(`${exe} is missing: run \`npm run bench\` (it provisions the peers) or \`bash scripts/provision.sh bench\``);
  const config = join(dir, 'litellm.yaml');
  // One model named as the engine's; no database, no master key: the proxy's lightest configuration.
  writeFileSync(
    config,
    [
      'model_list:',
      '  - model_name: fake',
      '    litellm_params:',
      '      model: openai/fake',
      `      api_base: ${modelBaseURL}`,
      '      api_key: bench',
      'litellm_settings:',
      '  telemetry: false',
      '  drop_params: true',
      '',
    ].join('\n'),
  );
  const apiKey = `sk-bench-${randomBytes(24).toString('hex')}`;
  const port = await freePort();
  const logFile = join(dir, 'litellm.log');
  const proc = startProcess('litellm', exe, ['--config', config, '--host', '127.0.0.1', '--port', String(port), '--num_workers', '1'], {
    logFile,
    // Offline: the model price map ships in the wheel; nothing may be fetched at start.
    // Without our DATABASE_URL and REDIS_URL: the proxy would take them as its own spend database and cache.
    env: {
      ...withoutStores(process.env),
      LITELLM_MASTER_KEY: apiKey,
      LITELLM_LOCAL_MODEL_COST_MAP: 'True',
      LITELLM_LOG: 'ERROR',
      LITELLM_TELEMETRY: 'False',
      NO_DOCS: 'True',
    },
  });
  const baseURL = `http://127.0.0.1:${port}/v1`;
  await waitUntil('litellm proxy', async () => (await fetch(`http://127.0.0.1:${port}/health/liveliness`)).ok, { timeoutMs: 120_000, proc, logFile });
  return { baseURL, apiKey, proc };
}
