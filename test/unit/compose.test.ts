// docker-compose.yml, validated statically (no Docker engine runs here): the structure compose needs, every image
// pinned, every reference resolvable, and every setting the app services pass documented and known to
// lib/config.ts, so a typo'd variable cannot be silently ignored in production.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const text = readFileSync(new URL('docker-compose.yml', root), 'utf8');
const compose = parse(text, { merge: true }) as {
  services: Record<string, {
    image?: string; build?: unknown; environment?: Record<string, unknown>; depends_on?: Record<string, unknown> | string[];
    volumes?: (string | { source?: string })[]; configs?: ({ source: string } | string)[]; healthcheck?: unknown; command?: unknown;
  }>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, unknown>;
};
const configKeys = new Set([...readFileSync(new URL('lib/config.ts', root), 'utf8').matchAll(/^ {4}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!));
const operations = readFileSync(new URL('docs/operations.md', root), 'utf8');
const APP_SERVICES = ['migrate', 'gateway', 'worker', 'jobs-worker'];

describe('docker-compose.yml', () => {
  it('has the production services, each from a pinned image or our build', () => {
    const names = Object.keys(compose.services);
    for (const s of ['temporal', 'temporal-db', 'temporal-ui', 'postgres', 'redis', 'gateway', 'worker', 'jobs-worker', 'prometheus', 'alertmanager', 'grafana']) {
      expect(names, s).toContain(s);
    }
    for (const [name, svc] of Object.entries(compose.services)) {
      expect(svc.image ?? svc.build, `${name} has an image or a build`).toBeTruthy();
      if (!svc.image || svc.image.startsWith('sparkle-engine:')) continue; // ours: built from the Dockerfile, tagged per release
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
        const source = typeof v === 'string' ? v.split(':')[0]! : v.source ?? '';
        if (source && !source.startsWith('.') && !source.startsWith('/')) expect(Object.keys(compose.volumes ?? {}), `${name} volume ${source}`).toContain(source);
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
      for (const key of Object.keys(compose.services[name]!.environment ?? {})) expect(configKeys.has(key), `${name}: ${key} is not a lib/config.ts setting`).toBe(true);
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
