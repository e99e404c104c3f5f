// This machine: cores and their load (sampled from /proc/stat, not the load average), memory, and the cgroup
// limits a container imposes (v2 and v1), read the way the kernel reports them.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import v8 from 'node:v8';

const read = (path: string) =>
  readFile(path, 'utf8').then(
    (s) => s.trim(),
    () => undefined,
  );
/** cgroup v1 reports "no limit" as a huge page-aligned number. */
const UNLIMITED = 2 ** 60;

export interface CpuTimes {
  busy: number;
  total: number;
  at: number;
  /** The cgroup's own usage in µs, when a quota makes it the relevant figure. */
  cgroupUsageUs?: number;
  self: NodeJS.CpuUsage;
}

export interface HostCpu {
  onlineCores: number;
  affinityCores: number;
  cgroupQuotaCores?: number;
  cgroupVersion?: 1 | 2;
  effectiveCores: number;
  /** Busy cores over the window, this command's own CPU excluded. */
  busyCores: number;
  busyFraction: number;
  windowMs: number;
  loadAverage1m: number;
  /** Share of time some runnable task waited for a CPU (PSI "some avg10"), when the kernel exposes it. */
  pressureSomeAvg10?: number;
}

export interface HostMemory {
  totalBytes: number;
  availableBytes: number;
  cgroupLimitBytes?: number;
  cgroupUsageBytes?: number;
  /** What can still be allocated: MemAvailable, or the cgroup's headroom when that is lower. */
  effectiveAvailableBytes: number;
  heapLimitBytes: number;
}

/** The cgroup paths of this process: "0::/x" (v2) and "4:memory:/x" (v1). */
async function cgroupPaths(): Promise<{ v2?: string; v1: Record<string, string> }> {
  const text = (await read('/proc/self/cgroup')) ?? '';
  const v1: Record<string, string> = {};
  let v2: string | undefined;
  for (const line of text.split('\n')) {
    const [, controllers = '', path = '/'] = line.split(':');
    if (controllers === '') v2 = path;
    for (const c of controllers.split(',')) if (c) v1[c] = path;
  }
  return { v2, v1 };
}

/** The first readable file among a cgroup's own directory and the root of the mount (inside a container). */
async function cgroupFile(dir: string, path: string | undefined, file: string): Promise<string | undefined> {
  for (const candidate of [path && path !== '/' ? `${dir}${path}/${file}` : undefined, `${dir}/${file}`]) {
    if (!candidate) continue;
    const v = await read(candidate);
    if (v !== undefined) return v;
  }
  return undefined;
}

async function cpuQuota(): Promise<{ cores?: number; version?: 1 | 2 }> {
  const { v2, v1 } = await cgroupPaths();
  const max = await cgroupFile('/sys/fs/cgroup', v2, 'cpu.max');
  if (max) {
    const [quota, period] = max.split(/\s+/);
    return quota === 'max' ? {} : { cores: Number(quota) / Number(period), version: 2 };
  }
  const quota = Number(await cgroupFile('/sys/fs/cgroup/cpu', v1.cpu, 'cpu.cfs_quota_us'));
  const period = Number(await cgroupFile('/sys/fs/cgroup/cpu', v1.cpu, 'cpu.cfs_period_us'));
  return quota > 0 && period > 0 ? { cores: quota / period, version: 1 } : {};
}

async function cgroupCpuUsageUs(version: 1 | 2 | undefined): Promise<number | undefined> {
  const { v2, v1 } = await cgroupPaths();
  if (version === 2) {
    const stat = await cgroupFile('/sys/fs/cgroup', v2, 'cpu.stat');
    const m = /usage_usec (\d+)/.exec(stat ?? '');
    return m ? Number(m[1]) : undefined;
  }
  if (version === 1) {
    const ns = await cgroupFile('/sys/fs/cgroup/cpuacct', v1.cpuacct, 'cpuacct.usage');
    return ns ? Number(ns) / 1000 : undefined;
  }
  return undefined;
}

async function cpuTimes(version: 1 | 2 | undefined): Promise<CpuTimes> {
  const line = ((await read('/proc/stat')) ?? '').split('\n')[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal (guest time is already inside user)
  const f = line.split(/\s+/).slice(1, 9).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { busy: total - idle, total, at: performance.now(), cgroupUsageUs: await cgroupCpuUsageUs(version), self: process.cpuUsage() };
}

/** Samples CPU time over `windowMs`; `during` runs meanwhile (scraping workers over the same window). */
export async function sampleCpu<T>(windowMs: number, during: (windowMs: number) => Promise<T>): Promise<{ cpu: HostCpu; during: T }> {
  const onlineCores = os.cpus().length;
  const affinityCores = os.availableParallelism();
  const quota = await cpuQuota();
  const a = await cpuTimes(quota.version);
  const [result] = await Promise.all([during(windowMs), new Promise((r) => setTimeout(r, windowMs))]);
  const b = await cpuTimes(quota.version);
  const seconds = (b.at - a.at) / 1000;
  const self = process.cpuUsage(a.self);
  const selfCores = (self.user + self.system) / 1e6 / seconds;
  const hostBusyCores = b.total > a.total ? ((b.busy - a.busy) / (b.total - a.total)) * onlineCores : 0;
  const cgroupBusy = a.cgroupUsageUs !== undefined && b.cgroupUsageUs !== undefined ? (b.cgroupUsageUs - a.cgroupUsageUs) / 1e6 / seconds : undefined;
  const effectiveCores = Math.min(onlineCores, affinityCores, quota.cores ?? Infinity);
  const busyCores = Math.max(0, (quota.cores !== undefined && cgroupBusy !== undefined ? cgroupBusy : hostBusyCores) - selfCores);
  const psi = /some avg10=([\d.]+)/.exec((await read('/proc/pressure/cpu')) ?? '');
  return {
    during: result,
    cpu: {
      onlineCores,
      affinityCores,
      cgroupQuotaCores: quota.cores,
      cgroupVersion: quota.version,
      effectiveCores,
      busyCores,
      busyFraction: busyCores / effectiveCores,
      windowMs: seconds * 1000,
      loadAverage1m: os.loadavg()[0] ?? 0,
      pressureSomeAvg10: psi ? Number(psi[1]) / 100 : undefined,
    },
  };
}

export async function measureMemory(): Promise<HostMemory> {
  const info = (await read('/proc/meminfo')) ?? '';
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(info);
    return m ? Number(m[1]) * 1024 : undefined;
  };
  const totalBytes = kb('MemTotal') ?? os.totalmem();
  const availableBytes = kb('MemAvailable') ?? os.freemem();
  const { v2, v1 } = await cgroupPaths();
  let limit = await cgroupFile('/sys/fs/cgroup', v2, 'memory.max');
  let usage = limit !== undefined ? await cgroupFile('/sys/fs/cgroup', v2, 'memory.current') : undefined;
  if (limit === undefined) {
    limit = await cgroupFile('/sys/fs/cgroup/memory', v1.memory, 'memory.limit_in_bytes');
    usage = await cgroupFile('/sys/fs/cgroup/memory', v1.memory, 'memory.usage_in_bytes');
  }
  const cgroupLimitBytes = limit && limit !== 'max' && Number(limit) < UNLIMITED ? Number(limit) : undefined;
  const cgroupUsageBytes = cgroupLimitBytes !== undefined && usage ? Number(usage) : undefined;
  const cgroupHeadroom = cgroupLimitBytes !== undefined ? cgroupLimitBytes - (cgroupUsageBytes ?? 0) : Infinity;
  return {
    totalBytes,
    availableBytes,
    cgroupLimitBytes,
    cgroupUsageBytes,
    effectiveAvailableBytes: Math.max(0, Math.min(availableBytes, cgroupHeadroom)),
    heapLimitBytes: v8.getHeapStatistics().heap_size_limit,
  };
}
