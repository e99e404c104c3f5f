// docker-compose.yml, validated statically (no Docker engine runs here): the Compose specification itself (the
// compose CLI's `config`, which provisioning builds), then what the spec cannot know: every image pinned, every
// reference resolvable, and every setting the app services pass documented and known to lib/config.ts, so a
// typo'd variable cannot be silently ignored in production.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bin } from '../../scripts/stack/paths.js';

const root = new URL('../../', import.meta.url);
const text = readFileSync(new URL('docker-compose.yml', root), 'utf8');
const compose = parse(text, { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      build?: unknown;
      environment?: Record<string, unknown>;
      depends_on?: Record<string, unknown> | string[];
      volumes?: (string | { source?: string })[];
      configs?: ({ source: string } | string)[];
      healthcheck?: unknown;
      command?: unknown;
    }
  >;
  volumes?: Record<string, unknown>;
  configs?: Record<string, unknown>;
};
const configKeys = new Set([...readFileSync(new URL('lib/config.ts', root), 'utf8').matchAll(/^ {4}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!));
const operations = readFileSync(new URL('docs/operations.md', root), 'utf8');
const APP_SERVICES = ['migrate', 'gateway', 'worker', 'jobs-worker'];

/** `docker-compose config -q` on `file`, with the variables compose requires set to placeholders. */
function composeConfig(file: string): { ok: boolean; stderr: string } {
  const env = {
    PATH: process.env.PATH,
    JWT_SECRET: 'x'.repeat(32),
    POSTGRES_PASSWORD: 'p',
    TEMPORAL_DB_PASSWORD: 't',
    LLM_BASE_URL: 'http://llm',
    LLM_API_KEY: 'k',
    GRAFANA_ADMIN_PASSWORD: 'g',
    DOCKER_GID: '998',
  };
  try {
    execFileSync(bin.compose, ['-f', file, '--project-directory', fileURLToPath(root), 'config', '-q'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    return { ok: true, stderr: '' };
  } catch (err) {
    return { ok: false, stderr: String((err as { stderr?: Buffer }).stderr ?? err) };
  }
}

describe('docker-compose.yml', () => {
  it('is valid by the Compose specification (and the check refuses an invalid file)', () => {
    expect(composeConfig(fileURLToPath(new URL('docker-compose.yml', root)))).toEqual({ ok: true, stderr: '' });
    const broken = join(mkdtempSync(join(tmpdir(), 'compose-')), 'docker-compose.yml');
    writeFileSync(broken, text.replace('  gateway:\n', '  gateway:\n    restart_policy_typo: always\n'));
    const r = composeConfig(broken);
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/restart_policy_typo/);
  });

  it('has the production services, each from a pinned image or our build', () => {
    const names = Object.keys(compose.services);
    for (const s of [
      'temporal',
      'temporal-db',
      'temporal-ui',
      'postgres',
      'redis',
      'gateway',
      'worker',
      'jobs-worker',
      'prometheus',
      'alertmanager',
      'grafana',
    ]) {
      expect(names, s).toContain(s);
    }
    for (const [name, svc] of Object.entries(compose.services)) {
      expect(svc.image ?? svc.build, `${name} has an image or a build`).toBeTruthy();
      if (!svc.image || svc.build) continue; // ours: built from the Dockerfile, tagged per release
      expect(svc.image, `${name}: pinned tag or digest`).toMatch(/^[a-z0-9./_-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$/);
      expect(svc.image, `${name}: not :latest`).not.toMatch(/:latest$/);
    }
  });

  it('references only services, volumes and configs that exist', () => {
    const services = new Set(Object.keys(compose.services));
    for (const [name, svc] of Object.entries(compose.services)) {
      const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
      for (const d of deps) expect(services.has(d), `${name} depends on ${d}`).toBe(true);
      for (const v of svc.volumes ?? []) {
        const source = typeof v === 'string' ? v.split(':')[0]! : (v.source ?? '');
        if (source && !source.startsWith('.') && !source.startsWith('/'))
          expect(Object.keys(compose.volumes ?? {}), `${name} volume ${source}`).toContain(source);
        if (source.startsWith('./')) expect(() => readFileSync(new URL(source.replace(/\/$/, ''), root)), `${name} mounts ${source}`).not.toThrow(/ENOENT/);
      }
      for (const c of svc.configs ?? []) expect(Object.keys(compose.configs ?? {}), `${name} config`).toContain(typeof c === 'string' ? c : c.source);
    }
  });

  it('health-checks the stateful services the app waits for', () => {
    for (const s of ['postgres', 'redis', 'temporal', 'temporal-db']) expect(compose.services[s]!.healthcheck, s).toBeTruthy();
  });

  it('passes the app only settings lib/config.ts knows, and documents every variable it requires', () => {
    for (const name of APP_SERVICES) {
      for (const key of Object.keys(compose.services[name]!.environment ?? {}))
        expect(configKeys.has(key), `${name}: ${key} is not a lib/config.ts setting`).toBe(true);
    }
    // ${VAR:?message} stops compose when VAR is unset: each must be explained in operations.md's table.
    const required = [...text.matchAll(/\$\{([A-Z][A-Z0-9_]*):\?/g)].map((m) => m[1]!);
    expect(required.length).toBeGreaterThan(0);
    for (const v of new Set(required)) expect(operations, `operations.md documents ${v}`).toContain(`\`${v}\``);
    // Every other ${VAR} is either a lib/config.ts setting or one of compose's own knobs documented in operations.md.
    for (const v of new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!))) {
      expect(configKeys.has(v) || operations.includes(v), `${v} is neither a setting nor documented`).toBe(true);
    }
  });
});
