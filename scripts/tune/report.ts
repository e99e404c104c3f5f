// The human-readable report: what was measured, then per worker kind each setting with the value in force now,
// the measurement it came from and the one-line reasoning, then the assumptions made for what was not measured.
import type { Measurements } from './measure.js';
import { mib, ms, type KindPlan, type Recommendation } from './recommend.js';

export interface Now {
  WORKER_MAX_CONCURRENT_ACTIVITIES: number;
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: number;
  DATABASE_POOL_MAX: number;
  WORKER_TUNER?: string;
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const row = (k: string, v: string) => `  ${k.padEnd(18)} ${v}`;

function measuredLines(m: Measurements['measured']): string[] {
  const { cpu, memory: mem } = m;
  const quota = cpu.cgroupQuotaCores !== undefined ? `cgroup v${cpu.cgroupVersion} quota ${cpu.cgroupQuotaCores.toFixed(2)}` : 'no cgroup CPU quota';
  const psi = cpu.pressureSomeAvg10 !== undefined ? `, CPU pressure ${pct(cpu.pressureSomeAvg10)}` : '';
  const lines = [
    row(
      'cpu',
      `${cpu.effectiveCores} effective cores (${cpu.onlineCores} online, ${cpu.affinityCores} in affinity, ${quota}); busy ${cpu.busyCores.toFixed(2)} cores (${pct(cpu.busyFraction)}) over ${(cpu.windowMs / 1000).toFixed(1)} s from /proc/stat, load average ${cpu.loadAverage1m.toFixed(2)}${psi}`,
    ),
    row(
      'memory',
      `${mib(mem.effectiveAvailableBytes)} available of ${mib(mem.totalBytes)}${mem.cgroupLimitBytes !== undefined ? ` (cgroup limit ${mib(mem.cgroupLimitBytes)}, using ${mib(mem.cgroupUsageBytes ?? 0)})` : ', no cgroup memory limit'}; V8 heap limit ${mib(mem.heapLimitBytes)}`,
    ),
  ];
  const pg = m.postgres;
  lines.push(
    row(
      'postgres',
      pg
        ? `round trip ${ms(pg.rttMs)} (p95 ${ms(pg.rttP95Ms)}), vector search ${pg.vectorQueryMs !== undefined ? ms(pg.vectorQueryMs) : '—'} (${pg.vectorQueryNote}); max_connections ${pg.maxConnections} − ${pg.reservedConnections} reserved, ${pg.currentConnections} in use; server ${pg.serverVersion}`
        : 'not measured',
    ),
  );
  lines.push(
    row(
      'redis',
      m.redis
        ? `round trip ${ms(m.redis.rttMs)} (p95 ${ms(m.redis.rttP95Ms)}), ${m.redis.connectedClients ?? '?'} clients, ${mib(m.redis.usedMemoryBytes ?? 0)} used`
        : 'not measured',
    ),
  );
  const e = m.modelEndpoint;
  const s = e.stream;
  lines.push(
    row(
      'model',
      `${e.provider} ${e.model}${e.rttMs !== undefined ? `: endpoint round trip ${ms(e.rttMs)} (GET /models → ${e.status})` : ''}${s ? `; a stream: first delta ${ms(s.firstDeltaMs)}, ${s.deltas} deltas in ${ms(s.totalMs)}` : ''}; embedder ${e.embedder}${e.embedMs !== undefined ? ` (${ms(e.embedMs)} per note)` : ''}`,
    ),
  );
  if (e.streamMsPerTurn) lines.push(row('turn stream', `${ms(e.streamMsPerTurn.ms)}: ${e.streamMsPerTurn.source}`));
  const t = m.costs.turn;
  const live = t.liveCpuMsPerTurn !== undefined ? `; a running worker spent ${ms(t.liveCpuMsPerTurn)} per model call` : '';
  lines.push(
    row(
      'turn CPU',
      `${ms(t.cpuMsPerTurn)}: ${Object.entries(t.parts)
        .map(([k, v]) => `${k} ${ms(v)}`)
        .join(', ')}${m.redis ? `, Redis publish ${ms(m.redis.publishCpuMs)} per delta` : ''}${live}; heap per in-flight turn ${mib(m.costs.turnHeapBytes)}`,
    ),
  );
  const j = m.costs.job;
  const liveJob = j.liveCpuMsPerNode !== undefined ? `; a running worker spent ${ms(j.liveCpuMsPerNode)} per node` : '';
  lines.push(
    row(
      'job CPU',
      `note ${ms(j.noteCpuMs)}; import ${ms(j.importLineCpuMs)} per line, a ${j.chunk}-line chunk holds ${mib(j.importChunkHeapBytes)} heap${liveJob}`,
    ),
  );
  const wp = m.workflowProbe;
  lines.push(
    row(
      'workflow probe',
      wp
        ? `${mib(wp.bytesPerWorkflow)} RSS per cached workflow over ${wp.workflows}, ${ms(wp.cpuMsPerWorkflowTask)} CPU per workflow task (this process with a worker: ${mib(wp.baselineRssBytes)}; ${wp.seconds.toFixed(1)} s)`
        : 'not measured',
    ),
  );
  if (m.temporal) {
    lines.push(row('temporal', `round trip ${ms(m.temporal.rttMs)}`));
    for (const q of m.temporal.queues) {
      const stats =
        q.backlog !== undefined
          ? `backlog ${q.backlog} (oldest ${q.backlogAgeS?.toFixed(1)} s), ${q.addRate?.toFixed(2)}/s in, ${q.dispatchRate?.toFixed(2)}/s out`
          : 'no stats from this server';
      lines.push(row('', `${q.taskQueue} ${q.kind}: ${q.pollers} worker(s) polling, ${stats}`));
    }
  } else lines.push(row('temporal', 'not measured'));
  for (const [kind, w] of Object.entries(m.live)) {
    if (!w.up) {
      lines.push(row(`${kind} worker`, `not running at ${w.url}`));
      continue;
    }
    const slots = w.activitySlotsUsed !== undefined ? `, activity slots ${w.activitySlotsUsed} used / ${w.activitySlotsAvailable} free` : '';
    const s2s = w.activityScheduleToStartMeanS !== undefined ? `, schedule-to-start ${ms(w.activityScheduleToStartMeanS * 1000)}` : '';
    const llm = w.llmCalls ? `, ${w.llmCalls} model calls averaging ${ms((w.llmTotalMeanS ?? 0) * 1000)}` : '';
    lines.push(
      row(
        `${kind} worker`,
        `${w.url}: ${w.cpuCores?.toFixed(2)} cores, RSS ${mib(w.rssBytes ?? 0)}, heap ${mib(w.heapUsedBytes ?? 0)}, event-loop lag p99 ${ms((w.eventLoopLagP99S ?? 0) * 1000)}${slots}${s2s}${llm}${w.sdkMetrics ? '' : ' (no Temporal SDK metrics exported)'}`,
      ),
    );
  }
  return lines;
}

function planLines(p: KindPlan, now: Now, queue: string): string[] {
  const lines = [
    `${p.kind} worker (task queue ${queue}): ${p.processes} process(es), ${p.capacityPerSecond.toFixed(1)} tasks/s each; bound by ${p.binding}`,
    `  processes: ${p.processesWhy}`,
  ];
  for (const s of p.settings) {
    lines.push(`  ${s.name}=${s.value}`.padEnd(48) + `now ${now[s.name]}`);
    lines.push(`      measured: ${s.measured}`);
    lines.push(`      why:      ${s.why}`);
  }
  const t = p.tuner;
  lines.push(`  WORKER_TUNER=${t.use ? 'resource-based' : 'fixed'}`.padEnd(48) + `now ${now.WORKER_TUNER ?? 'fixed'}`);
  if (t.options)
    lines.push(
      `      options:  targetCpuUsage ${t.options.targetCpuUsage}, targetMemoryUsage ${t.options.targetMemoryUsage}; activity slots ${t.options.activitySlots.min}-${t.options.activitySlots.max}, workflow-task slots ${t.options.workflowSlots.min}-${t.options.workflowSlots.max}`,
    );
  if (t.env)
    lines.push(
      `      env:      ${Object.entries(t.env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} (the two maxima above become the tuner's maximum slots)`,
    );
  lines.push(`      why:      ${t.why}`);
  return lines;
}

export function renderText(m: Measurements, rec: Recommendation, now: Now, queues: { interactive: string; jobs: string }, assumptions: string[]): string {
  const out = [`Sparkle worker tuning, ${new Date().toISOString()}`, '', 'Measured', ...measuredLines(m.measured), ''];
  out.push(
    'Recommended (per process; "now" is this environment\'s setting)',
    ...planLines(rec.interactive, now, queues.interactive),
    '',
    ...planLines(rec.jobs, now, queues.jobs),
    '',
  );
  if (rec.warnings.length) out.push('Warnings', ...rec.warnings.map((w) => `  ! ${w}`), '');
  const nm = Object.entries(m.notMeasured);
  if (nm.length) out.push('Not measured', ...nm.map(([k, v]) => `  - ${k}: ${v}`), '');
  if (assumptions.length) out.push('Assumed instead', ...assumptions.map((a) => `  - ${a}`), '');
  return out.join('\n');
}
