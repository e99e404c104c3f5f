// Where the CPU went during a benchmark phase, by component: the first profile to look at before cutting
// overhead (is it the Temporal server, our gateway, a worker, Postgres, Redis, or the load generator itself?).
// Reads utime + stime of every process from /proc, grouped by what its command line says it is.
import { readdirSync, readFileSync } from 'node:fs';

const COMPONENTS: [string, RegExp][] = [
  ['temporal server', /\btemporal\b.*server start-dev/],
  ['gateway', /gateway\/main\.ts/],
  ['worker', /workers\/main\.ts/],
  ['postgres', /^postgres|\/postgres\b/],
  ['redis', /redis-server/],
  ['litellm proxy', /litellm/],
  ['celery', /celery/],
  ['baseline', /baseline-server\.ts/],
  ['noop worker', /noop-worker\.ts|bullmq-worker/],
];

const TICKS = 100; // USER_HZ on Linux

function snapshot(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      // The fields after the command name, whose parentheses may hold spaces: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS;
      let name = pid === String(process.pid) ? 'load generator' : COMPONENTS.find(([, re]) => re.test(cmd))?.[0];
      // Both worker kinds run one script: the environment says which.
      if (name === 'worker') name = /\0WORKER_KIND=jobs\0/.test(`\0${readFileSync(`/proc/${pid}/environ`, 'utf8')}`) ? 'jobs worker' : 'chat worker';
      if (name) out.set(name, (out.get(name) ?? 0) + seconds);
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** CPU seconds each component spent while `run` ran (processes that ended meanwhile are not counted). */
export async function cpuDuring<T>(run: () => Promise<T>): Promise<{ result: T; cpu: Record<string, number> }> {
  const before = snapshot();
  const result = await run();
  const after = snapshot();
  const cpu: Record<string, number> = {};
  for (const [name, s] of after) {
    const used = s - (before.get(name) ?? 0);
    if (used >= 0.05) cpu[name] = Math.round(used * 10) / 10;
  }
  return { result, cpu };
}

export const formatCpu = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v} s`)
    .join(', ');
