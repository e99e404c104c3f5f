// Per-run cgroups for the local driver: a delegated cgroup v2 subtree when one is writable with the memory, cpu and
// pids controllers, else the cgroup v1 hierarchies, else none (the driver then falls back to rlimits).
// Each run gets its own cgroup, created as a child of the caller's own cgroup in each hierarchy (the usual
// delegation etiquette: whatever limits the caller lives under still apply), and removed after the run.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, readFile, readdir, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Facts } from './process-run.js';
import type { RunResult, SandboxLimits } from './types.js';

const V1_CONTROLLERS = ['memory', 'cpu', 'cpuacct', 'pids'] as const;
type V1Controller = (typeof V1_CONTROLLERS)[number];

export type CgroupMode = { kind: 'v2'; parent: string } | { kind: 'v1'; parents: Partial<Record<V1Controller, string>> } | { kind: 'none'; reason: string };

export interface RunCgroup {
  /** cgroup.procs files the wrapper writes its pid into before it execs anything else. */
  procsFiles: string[];
  usage(): Promise<RunResult['usage']>;
  facts(): Promise<Facts>;
  killAll(): Promise<void>;
  remove(): Promise<void>;
}

const PREFIX = 'sparkle-sbx-';
let counter = 0;

/** The caller's own cgroup path per hierarchy, from /proc/self/cgroup ("N:ctrl,ctrl:/path"; v2 is "0::/path"). */
function ownPaths(): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
    const [, ctrls, path] = line.match(/^\d+:([^:]*):(.*)$/) ?? [];
    if (path === undefined || ctrls === undefined) continue;
    if (ctrls === '') m.set('', path);
    for (const c of ctrls.split(',')) if (c) m.set(c, path);
  }
  return m;
}

async function writable(parent: string): Promise<string | undefined> {
  const probe = join(parent, `${PREFIX}probe-${process.pid}-${counter++}`);
  try {
    await mkdir(probe);
    await rmdir(probe);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export async function detectCgroups(root: string, parentOverride?: string): Promise<CgroupMode> {
  const own = ownPaths();
  const reasons: string[] = [];
  // v2: pure (root is cgroup2) or hybrid (root/unified); needs memory, cpu and pids enabled for children.
  for (const v2root of [root, join(root, 'unified')]) {
    if (!existsSync(join(v2root, 'cgroup.controllers'))) continue;
    const parent = join(v2root, parentOverride ?? own.get('') ?? '/');
    const need = ['memory', 'cpu', 'pids'];
    const list = (f: string) => readFileSync(join(parent, f), 'utf8').split(/\s+/);
    const enabled = () => list('cgroup.subtree_control');
    try {
      const missing = need.filter((c) => !list('cgroup.controllers').includes(c));
      if (missing.length) {
        reasons.push(`cgroup v2 at ${parent}: no ${missing.join('/')} controller`);
        continue;
      }
      if (!need.every((c) => enabled().includes(c))) {
        // Fails (EBUSY) when the parent itself holds processes: v2 then needs cgroupParent = a delegated subtree.
        await writeFile(join(parent, 'cgroup.subtree_control'), need.map((c) => `+${c}`).join(' '));
      }
      const err = need.every((c) => enabled().includes(c)) ? await writable(parent) : 'controllers not enabled';
      if (!err) return { kind: 'v2', parent };
      reasons.push(`cgroup v2 at ${parent}: ${err}`);
    } catch (e) {
      reasons.push(`cgroup v2 at ${parent} has no memory/cpu/pids controllers for children (${(e as Error).message})`);
    }
  }
  const parents: Partial<Record<V1Controller, string>> = {};
  for (const c of V1_CONTROLLERS) {
    const hier = join(root, c);
    if (!existsSync(join(hier, 'cgroup.procs')) || existsSync(join(hier, 'cgroup.controllers'))) continue;
    const parent = join(hier, parentOverride ?? own.get(c) ?? '/');
    const err = await writable(parent);
    if (err) reasons.push(`cgroup v1 ${c}: ${err}`);
    else parents[c] = parent;
  }
  if (parents.memory || parents.pids || parents.cpu) return { kind: 'v1', parents };
  return { kind: 'none', reason: reasons.join('; ') || `no cgroup hierarchy under ${root}` };
}

/** The mechanisms a mode provides, for walls(). */
export function cgroupWalls(mode: CgroupMode): string[] {
  if (mode.kind === 'v2') return ['cgroup v2: memory.max + memory.swap.max=0, cpu.max, pids.max'];
  if (mode.kind === 'none') return [];
  const p = mode.parents;
  return [
    p.memory && `cgroup v1 memory: limit_in_bytes${existsSync(join(p.memory, 'memory.memsw.limit_in_bytes')) ? ' + memsw (no swap)' : ''}`,
    p.cpu && 'cgroup v1 cpu: cfs_quota_us/cfs_period_us',
    p.pids && 'cgroup v1 pids: pids.max',
  ].filter((w): w is string => !!w);
}

const read = (f: string) => readFile(f, 'utf8').catch(() => '');
const field = (text: string, key: string) => Number(text.match(new RegExp(`^${key} (\\d+)`, 'm'))?.[1] ?? 0);

async function killProcs(dir: string): Promise<number> {
  const pids = (await read(join(dir, 'cgroup.procs'))).split('\n').filter(Boolean).map(Number);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  return pids.length;
}

async function removeDirs(dirs: string[], killAll: () => Promise<void>): Promise<void> {
  let left = [...dirs];
  for (let i = 0; i < 150 && left.length; i++) {
    await killAll();
    const next: string[] = [];
    for (const d of left) {
      try {
        await rmdir(d);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') next.push(d);
      }
    }
    left = next;
    if (left.length) await new Promise((r) => setTimeout(r, 20));
  }
  if (left.length) throw new Error(`sandbox: could not remove cgroups ${left.join(', ')}`);
}

export async function createRunCgroup(mode: CgroupMode, limits: SandboxLimits): Promise<RunCgroup | undefined> {
  if (mode.kind === 'none') return undefined;
  const name = `${PREFIX}${process.pid}-${counter++}-${Math.random().toString(36).slice(2, 8)}`;
  const periodUs = 100_000;
  const quotaUs = Math.max(1000, Math.round(limits.cpus * periodUs));
  if (mode.kind === 'v2') {
    const dir = join(mode.parent, name);
    await mkdir(dir);
    const cg: RunCgroup = {
      procsFiles: [join(dir, 'cgroup.procs')],
      usage: async () => ({
        cpuMs: Math.round(field(await read(join(dir, 'cpu.stat')), 'usage_usec') / 1000),
        maxRssBytes: Number((await read(join(dir, 'memory.peak'))).trim()) || undefined,
      }),
      facts: async () => ({
        oomKilled: field(await read(join(dir, 'memory.events')), 'oom_kill') > 0,
        pidsLimitHit: field(await read(join(dir, 'pids.events')), 'max') > 0,
      }),
      killAll: async () => {
        await writeFile(join(dir, 'cgroup.kill'), '1').catch(() => killProcs(dir));
      },
      remove: () => removeDirs([dir], cg.killAll),
    };
    try {
      await writeFile(join(dir, 'memory.max'), String(limits.memoryBytes));
      await writeFile(join(dir, 'memory.swap.max'), '0').catch(() => {});
      await writeFile(join(dir, 'cpu.max'), `${quotaUs} ${periodUs}`);
      await writeFile(join(dir, 'pids.max'), String(limits.pids));
    } catch (e) {
      await cg.remove().catch(() => {});
      throw e;
    }
    return cg;
  }
  // v1: one directory per hierarchy; cpu and cpuacct are often the same hierarchy mounted twice.
  const dirs: Partial<Record<V1Controller, string>> = {};
  const seen = new Map<string, string>();
  for (const c of V1_CONTROLLERS) {
    const parent = mode.parents[c];
    if (!parent) continue;
    const real = realpathSync(parent);
    dirs[c] = seen.get(real) ?? join(parent, name);
    seen.set(real, dirs[c]!);
  }
  const unique = [...new Set(Object.values(dirs))];
  const killAll = async () => {
    for (const d of unique) await killProcs(d);
  };
  const cg: RunCgroup = {
    procsFiles: unique.map((d) => join(d, 'cgroup.procs')),
    usage: async () => ({
      cpuMs: dirs.cpuacct ? Math.round(Number((await read(join(dirs.cpuacct, 'cpuacct.usage'))).trim()) / 1e6) : undefined,
      maxRssBytes: dirs.memory ? Number((await read(join(dirs.memory, 'memory.max_usage_in_bytes'))).trim()) || undefined : undefined,
    }),
    facts: async () => ({
      oomKilled: dirs.memory ? field(await read(join(dirs.memory, 'memory.oom_control')), 'oom_kill') > 0 : false,
      pidsLimitHit: dirs.pids ? field(await read(join(dirs.pids, 'pids.events')), 'max') > 0 : false,
    }),
    killAll,
    remove: () => removeDirs(unique, killAll),
  };
  try {
    for (const d of unique) await mkdir(d);
    if (dirs.memory) {
      await writeFile(join(dirs.memory, 'memory.limit_in_bytes'), String(limits.memoryBytes));
      // Swap counts too, so a memory bomb cannot page out past the limit (absent without swap accounting).
      const memsw = join(dirs.memory, 'memory.memsw.limit_in_bytes');
      if (existsSync(memsw)) await writeFile(memsw, String(limits.memoryBytes));
    }
    if (dirs.cpu) {
      await writeFile(join(dirs.cpu, 'cpu.cfs_period_us'), String(periodUs));
      await writeFile(join(dirs.cpu, 'cpu.cfs_quota_us'), String(quotaUs));
    }
    if (dirs.pids) await writeFile(join(dirs.pids, 'pids.max'), String(limits.pids));
  } catch (e) {
    await cg.remove().catch(() => {});
    throw e;
  }
  return cg;
}

/** Remove cgroups left by runs of processes that died (a crashed worker cannot clean up after itself). */
export async function sweepStale(mode: CgroupMode): Promise<void> {
  const parents = mode.kind === 'v2' ? [mode.parent] : mode.kind === 'v1' ? Object.values(mode.parents) : [];
  for (const parent of new Set(parents)) {
    for (const entry of await readdir(parent).catch(() => [] as string[])) {
      const owner = Number(entry.match(/^sparkle-sbx-(\d+)-/)?.[1]);
      if (!owner || alive(owner)) continue;
      const dir = join(parent, entry);
      await removeDirs([dir], async () => void (await killProcs(dir))).catch(() => {});
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
