// Pure: turns measurements into worker settings, with the measurement and the reasoning behind each number.
// No I/O, so a unit test can vary one input at a time. Units: ms, bytes, cores.
//
// Three limits per worker process, the lowest wins:
//  - CPU: activities run on one Node event loop, so a process gets at most one core;
//         slots ≈ cores × target / (CPU ms per task / ms a task holds its slot).
//  - memory: slots ≈ (the process's share of memory − its baseline − the workflow cache) / bytes per slot.
//  - Postgres: pool ≈ task rate × DB ms per task × headroom (Little's law), the pool bounded by max_connections
//         shared by every process; a pool at its bound caps the slots that can keep it busy.
// Demand (Little's law: busy slots = tasks/s × seconds per task) decides how many processes, when measured.

export interface Targets {
  cpu: number;
  memory: number;
}

export interface TuneInputs {
  targets: Targets;
  host: {
    effectiveCores: number;
    /** Busy cores over the sample window (host, or the cgroup when it has a quota), this command excluded. */
    busyCores: number;
    /** Of those, the running Sparkle workers' (their process_cpu_seconds rate); unknown: all counted as other load. */
    sparkleBusyCores?: number;
    /** Memory that can still be allocated (MemAvailable, or the cgroup's limit minus its usage when lower). */
    memoryAvailableBytes: number;
    /** RSS of the running workers: theirs to keep when they are re-tuned. */
    sparkleRssBytes?: number;
    /** V8 heap limit of a worker process (node's default for this machine unless NODE_OPTIONS changes it). */
    heapLimitBytes: number;
    /** False when a cgroup v1 CPU quota applies: the SDK's resource tuner reads only cgroup v2 and would not see it. */
    sdkSeesCpuLimit: boolean;
  };
  /**
   * A chat turn: `cpuMs` on the event loop while llmStream holds its slot, `localCpuMs` in its local activities
   * (both the project's code, probed); `liveCpuMs` all a running worker spent per turn, SDK included, which wins.
   */
  turn: { cpuMs: number; localCpuMs: number; liveCpuMs?: number; streamMs?: number; deltas: number; heapBytes?: number };
  /**
   * A knowledge-node job (guard + embedding + dedup + write + notify) and one line of an import chunk (guard,
   * embedding, in-chunk dedup): the import is the CPU-heaviest job. `remoteMs`: an embedding endpoint's time.
   */
  job: { cpuMs: number; importLineCpuMs: number; liveCpuMs?: number; remoteMs?: number; heapBytes?: number };
  /** The SDK's own CPU per workflow task or activity (poll, activation, completion), when probed. */
  sdkCpuMsPerTask?: number;
  workflowBytes?: number;
  workerBaselineBytes?: number;
  postgres?: { rttMs: number; vectorQueryMs?: number; usableConnections: number };
  redisRttMs?: number;
  temporalRttMs?: number;
  wftExecMs?: number;
  /** Measured load: tasks per second reaching each queue's activity workers. */
  demand?: { interactivePerSecond?: number; jobsPerSecond?: number };
  eventLoopLagP99S?: { interactive?: number; jobs?: number };
  /** Given by the operator; `seen`: worker processes polling each queue now (Temporal's pollers). */
  processes: { interactive?: number; jobs?: number; gateways: number; seen?: { interactive?: number; jobs?: number } };
}

export interface Setting {
  name: 'WORKER_MAX_CONCURRENT_ACTIVITIES' | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS' | 'DATABASE_POOL_MAX';
  value: number;
  measured: string;
  why: string;
}

export interface TunerAdvice {
  use: boolean;
  why: string;
  env?: Record<string, string>;
  options?: { targetCpuUsage: number; targetMemoryUsage: number; activitySlots: { min: number; max: number }; workflowSlots: { min: number; max: number } };
}

export interface KindPlan {
  kind: 'interactive' | 'jobs';
  processes: number;
  processesWhy: string;
  binding: 'cpu' | 'memory' | 'postgres' | 'ceiling';
  /** Tasks per second one process sustains at these settings. */
  capacityPerSecond: number;
  settings: Setting[];
  tuner: TunerAdvice;
}

export interface Recommendation {
  interactive: KindPlan;
  jobs: KindPlan;
  assumptions: string[];
  warnings: string[];
}

/** Little's law gives the mean; twice that covers bursts. */
export const HEADROOM = 2;
/** Beyond this, one event loop's own work (heartbeats, gRPC, GC) is what limits, whatever the other caps say. */
export const MAX_SLOTS = 500;
/** Connections left for migrations, psql and backups. */
const PG_SPARE = 0.1;
/** Workflow tasks per chat turn (start → local activities → llmStream; its result → local activities → done; the retention workflow's touch). */
const WFT_PER_TURN = 3;
/** Workflow tasks per knowledge-node job (start, then one after each of its four activities). */
const WFT_PER_JOB = 5;
/** SDK tasks per chat turn: its workflow tasks, llmStream, 8 local activities (guard, context, retrieval, quota ×2, persist, touch, audit). */
const SDK_TASKS_PER_TURN = WFT_PER_TURN + 1 + 8;
/** Per knowledge-node job: 5 workflow tasks, 4 activities, the guard as a local activity. */
const SDK_TASKS_PER_JOB = 10;
/** Postgres round trips per chat turn (context, 2 vector searches, cache entry, messages, cache answer, touch). */
const PG_TRIPS_PER_TURN = { plain: 5, vector: 2 };
/** Per knowledge-node job: the dedup vector search and the batched write. */
const PG_TRIPS_PER_JOB = { plain: 1, vector: 1 };

export const mib = (b: number) => `${(b / 2 ** 20).toFixed(b < 10 * 2 ** 20 ? 2 : 0)} MiB`;
export const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const f2 = (x: number) => x.toFixed(2);

/** The SDK's default sticky-cache size for a heap limit (worker-options.js, reuseV8Context = true). */
export const sdkDefaultMaxCachedWorkflows = (heapLimitBytes: number) => Math.max(Math.floor((Math.max(heapLimitBytes / 2 ** 20 - 200, 0) * 600) / 1024), 10);

export function recommend(i: TuneInputs): Recommendation {
  const assumptions: string[] = [];
  const warnings: string[] = [];
  const or = <T>(v: T | undefined, fallback: T, what: string): T => {
    if (v !== undefined) return v;
    assumptions.push(what);
    return fallback;
  };
  const t = i.targets;
  const streamMs = or(i.turn.streamMs, 8000, 'model stream of one turn: 8 s (not measured)');
  const workflowBytes = or(
    i.workflowBytes,
    2 ** 20,
    "memory per cached workflow: 1 MiB (the SDK docs' reference figure; run with --probe-workflows to measure)",
  );
  const baseline = or(i.workerBaselineBytes, 250 * 2 ** 20, 'worker baseline RSS: 250 MiB (no running worker seen, no probe)');
  const turnHeap = or(i.turn.heapBytes, 256 * 1024, 'heap per in-flight turn: 256 KiB');
  const jobHeap = or(i.job.heapBytes, 4 * 2 ** 20, 'heap per running job: 4 MiB');
  const pgRtt = i.postgres?.rttMs ?? or<number>(undefined, 1, 'Postgres round trip: 1 ms (not reachable)');
  const vectorMs = i.postgres?.vectorQueryMs ?? or<number>(undefined, pgRtt * 5, `vector search: 5 round trips (${ms(pgRtt * 5)}; not measured)`);
  const usableConns =
    i.postgres?.usableConnections ?? or<number>(undefined, 97, 'Postgres connections: 97 (max_connections 100 minus 3 reserved: the defaults; not reachable)');
  const redisRtt = or(i.redisRttMs, 0.5, 'Redis round trip: 0.5 ms (not reachable)');
  const temporalRtt = or(i.temporalRttMs, 2, 'Temporal round trip: 2 ms (not reachable)');
  const wftExec = or(i.wftExecMs, 5, 'workflow task execution: 5 ms (replaying a short history; not exported by the workers)');

  const otherBusy = Math.max(0, i.host.busyCores - (i.host.sparkleBusyCores ?? 0));
  if (i.host.sparkleBusyCores === undefined && i.host.busyCores > 0.05)
    assumptions.push(`all ${f2(i.host.busyCores)} busy cores counted as other load (no running worker's CPU was scraped)`);
  const availableCores = Math.max(0, i.host.effectiveCores - otherBusy);
  const sparkleCores = availableCores * t.cpu;
  const memSparkle = (i.host.memoryAvailableBytes + (i.host.sparkleRssBytes ?? 0)) * t.memory;
  const heapBudget = i.host.heapLimitBytes * t.memory;
  const cacheBytes = sdkDefaultMaxCachedWorkflows(i.host.heapLimitBytes) * workflowBytes;

  // Time a slot is held and where it goes, per task.
  // The stream's own CPU interleaves with waiting on the model; its awaited Redis publishes add to the time.
  const turnSlotMs = streamMs + (2 + i.turn.deltas) * redisRtt;
  const sdkCpu = () => or(i.sdkCpuMsPerTask, 3, 'SDK CPU per workflow task or activity: 3 ms (not measured: run under load, or with --probe-workflows)');
  const turnCpu = i.turn.liveCpuMs ?? i.turn.cpuMs + i.turn.localCpuMs + SDK_TASKS_PER_TURN * sdkCpu();
  const noteCpu = i.job.liveCpuMs ?? i.job.cpuMs + SDK_TASKS_PER_JOB * sdkCpu();
  const turnPgMs = PG_TRIPS_PER_TURN.plain * pgRtt + PG_TRIPS_PER_TURN.vector * vectorMs;
  const turnWftMs = WFT_PER_TURN * (temporalRtt + wftExec) + i.turn.localCpuMs + turnPgMs + 2 * redisRtt;
  const jobPgMs = PG_TRIPS_PER_JOB.plain * pgRtt + PG_TRIPS_PER_JOB.vector * vectorMs;
  const jobSlotMs = noteCpu + jobPgMs + redisRtt + (i.job.remoteMs ?? 0);
  const jobWftMs = WFT_PER_JOB * (temporalRtt + wftExec);
  const importLineMs = i.job.importLineCpuMs + vectorMs + (i.job.remoteMs ?? 0);
  // The CPU-heavier of the two decides: a slot may hold either.
  const jobCpuShare = Math.max(noteCpu / jobSlotMs, i.job.importLineCpuMs / importLineMs);

  function plan(nInt: number, nJobs: number) {
    const procs = nInt + nJobs + i.processes.gateways;
    const perProcMem = memSparkle / (nInt + nJobs);
    const poolBudget = Math.floor((usableConns * (1 - PG_SPARE)) / procs);

    // Interactive: chat first, on at most one core each (target of it, the event loop also serves heartbeats).
    const intCores = Math.min(t.cpu, sparkleCores / nInt);
    const intCpuCap = Math.floor((intCores * turnSlotMs) / turnCpu);
    const intMemUsable = Math.min(perProcMem - baseline - cacheBytes, heapBudget);
    const intMemCap = Math.floor(intMemUsable / (turnHeap + workflowBytes));
    const intDbCap = Math.floor(((poolBudget - 1) * turnSlotMs) / (turnPgMs * HEADROOM));
    const int = choose({ cpu: intCpuCap, memory: intMemCap, postgres: intDbCap });

    // Jobs get the cores chat would use at full load.
    const chatFullCores = nInt * Math.min(intCores, (int.slots * turnCpu) / turnSlotMs);
    const jobsCores = Math.max(0, sparkleCores - chatFullCores);
    const jobCores = Math.max(0.05, Math.min(t.cpu, jobsCores / nJobs));
    const jobCpuCap = Math.floor(jobCores / Math.max(jobCpuShare, 1e-6));
    const jobMemCap = Math.floor(Math.min(perProcMem - baseline, heapBudget) / (jobHeap + workflowBytes));
    const jobDbCap = Math.floor(((poolBudget - 1) * jobSlotMs) / (jobPgMs * HEADROOM));
    const job = choose({ cpu: jobCpuCap, memory: jobMemCap, postgres: jobDbCap });
    return { procs, perProcMem, poolBudget, intCores, intMemUsable, int, chatFullCores, jobsCores, jobCores, job };
  }

  // Processes: chat from measured demand (else what is given, else 1); jobs from the cores left after chat.
  const seenInt = i.processes.seen?.interactive || undefined;
  let nInt = i.processes.interactive ?? seenInt ?? 1;
  let nJobs = i.processes.jobs ?? 1;
  let p = plan(nInt, nJobs);
  for (let round = 0; round < 3; round++) {
    // More chat processes only help while there are cores to give them: each may use up to `target` of one.
    const coreBound = Math.max(1, Math.floor(sparkleCores / t.cpu + 1e-9));
    const byDemand = demandProcesses(i.demand?.interactivePerSecond, turnSlotMs, p.int.slots);
    const wantInt = i.processes.interactive ?? (byDemand !== undefined ? Math.min(byDemand, coreBound) : (seenInt ?? 1));
    const wantJobs = i.processes.jobs ?? Math.max(1, Math.floor(p.jobsCores / t.cpu + 1e-9));
    if (wantInt === nInt && wantJobs === nJobs) break;
    [nInt, nJobs] = [wantInt, wantJobs];
    p = plan(nInt, nJobs);
  }

  const poolFor = (slots: number, pgMs: number, slotMs: number) => Math.ceil((slots * pgMs * HEADROOM) / slotMs) + 1;
  const intPoolNeed = Math.max(2, poolFor(p.int.slots, turnPgMs, turnSlotMs));
  const jobPoolNeed = Math.max(2, poolFor(p.job.slots, jobPgMs, jobSlotMs));
  if (p.poolBudget < 2)
    warnings.push(
      `Postgres has ${usableConns} usable connections for ${p.procs} processes: fewer than 2 each; raise max_connections or put PgBouncer in front`,
    );
  // Workflow-task slots by Little's law: tasks/s at full activity slots × workflow-task ms per task × headroom.
  const wft = (slots: number, slotMs: number, wftMs: number) => Math.max(2, Math.ceil((slots / slotMs) * wftMs * HEADROOM));
  const intWft = wft(p.int.slots, turnSlotMs, turnWftMs);
  const jobWft = wft(p.job.slots, jobSlotMs, jobWftMs);
  const cacheNote = `${sdkDefaultMaxCachedWorkflows(i.host.heapLimitBytes)} cached workflows × ${mib(workflowBytes)} (SDK default cache for a ${mib(i.host.heapLimitBytes)} heap)`;

  const lag = (s: number | undefined, kind: string) => {
    if (s !== undefined && s > 0.1)
      warnings.push(`${kind} worker's event loop lags ${ms(s * 1000)} (p99): it is CPU-saturated now; prefer more processes to more slots`);
  };
  lag(i.eventLoopLagP99S?.interactive, 'interactive');
  lag(i.eventLoopLagP99S?.jobs, 'jobs');
  if (p.intMemUsable <= 0)
    warnings.push(`the workflow cache alone (${cacheNote}) does not fit this process's memory share: lower maxCachedWorkflows or add memory`);
  if (p.jobsCores < 0.5 * t.cpu)
    warnings.push(`only ${f2(p.jobsCores)} cores are left for jobs after chat at full load: imports will be slow; add cores or move the jobs worker`);

  const chatDemandCores = ((i.demand?.interactivePerSecond ?? 0) * turnCpu) / 1000;
  if (chatDemandCores > sparkleCores) {
    warnings.push(
      `chat needs ${f2(chatDemandCores)} cores at the measured ${f2(i.demand!.interactivePerSecond!)} turns/s × ${ms(turnCpu)} CPU, but only ${f2(sparkleCores)} are free at the ${t.cpu} target: add cores or hosts, more slots will not help`,
    );
  }
  const dedicated = otherBusy < 0.1 * i.host.effectiveCores;
  const interactive: KindPlan = {
    kind: 'interactive',
    processes: nInt,
    processesWhy: processesWhy(nInt, i.processes.interactive, seenInt, i.demand?.interactivePerSecond, turnSlotMs, p.int.slots),
    binding: p.int.binding,
    capacityPerSecond: (p.int.slots / turnSlotMs) * 1000,
    settings: [
      {
        name: 'WORKER_MAX_CONCURRENT_ACTIVITIES',
        value: p.int.slots,
        measured: `a turn holds its slot ${ms(turnSlotMs)} using ${ms(turnCpu)} CPU (${i.turn.liveCpuMs !== undefined ? 'live, SDK included' : `code ${ms(i.turn.cpuMs + i.turn.localCpuMs)} + ${SDK_TASKS_PER_TURN} SDK tasks`}); ${mib(turnHeap)} heap per turn; ${f2(availableCores)} of ${f2(i.host.effectiveCores)} cores free; ${mib(p.perProcMem)} memory share`,
        why: `lowest of cpu ${p.int.caps.cpu} (${f2(p.intCores)} core × ${ms(turnSlotMs)} / ${ms(turnCpu)}), memory ${p.int.caps.memory} ((${mib(p.perProcMem)} − ${mib(baseline)} baseline − cache ${mib(cacheBytes)}) / ${mib(turnHeap + workflowBytes)}), postgres ${p.int.caps.postgres}, ceiling ${MAX_SLOTS} → ${p.int.slots}`,
      },
      {
        name: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
        value: intWft,
        measured: `a turn holds workflow-task slots ${ms(turnWftMs)} (its local activities: ${ms(i.turn.localCpuMs)} CPU + ${ms(turnPgMs)} Postgres, and ${WFT_PER_TURN} × ${ms(temporalRtt + wftExec)} Temporal)`,
        why: `Little's law: ${p.int.slots} slots / ${ms(turnSlotMs)} = ${f2((p.int.slots / turnSlotMs) * 1000)} turns/s × ${ms(turnWftMs)} × ${HEADROOM} headroom = ${intWft}`,
      },
      poolSetting(intPoolNeed, p.poolBudget, turnPgMs, p.int.slots, turnSlotMs, usableConns, p.procs, pgRtt, vectorMs),
    ],
    tuner: {
      use: false,
      why: `fixed: a turn's slot is ${f2((100 * turnCpu) / turnSlotMs)}% CPU, the rest waits on the model; the limits that matter (model endpoint, Postgres pool) are not what the resource tuner watches, so it would keep adding slots`,
    },
  };
  const jobsTuner: TunerAdvice = !dedicated
    ? {
        use: false,
        why: `fixed: ${f2(otherBusy)} cores are busy with other work, and the resource tuner watches the whole host's CPU, so that load would throttle jobs`,
      }
    : !i.host.sdkSeesCpuLimit
      ? { use: false, why: 'fixed: the CPU quota is a cgroup v1 one, which the resource tuner does not read' }
      : {
          use: true,
          why: `resource-based: the host is dedicated (other load ${f2(otherBusy)} cores), a job's cost varies (one note vs an import chunk), and the tuner backs jobs off when chat turns use the CPU; the max keeps one event loop from being oversubscribed`,
          env: { WORKER_TUNER: 'resource-based', WORKER_TUNER_TARGET_CPU: String(t.cpu), WORKER_TUNER_TARGET_MEMORY: String(t.memory) },
          options: { targetCpuUsage: t.cpu, targetMemoryUsage: t.memory, activitySlots: { min: 1, max: p.job.slots }, workflowSlots: { min: 2, max: jobWft } },
        };
  const jobs: KindPlan = {
    kind: 'jobs',
    processes: nJobs,
    processesWhy:
      i.processes.jobs !== undefined
        ? `${nJobs} as given (--jobs-workers)`
        : `${f2(p.jobsCores)} cores left after chat at full load (${f2(p.chatFullCores)}) / ${t.cpu} per process (one event loop each)`,
    binding: p.job.binding,
    capacityPerSecond: (p.job.slots / jobSlotMs) * 1000,
    settings: [
      {
        name: 'WORKER_MAX_CONCURRENT_ACTIVITIES',
        value: p.job.slots,
        measured: `a note job holds slots ${ms(jobSlotMs)} (${ms(noteCpu)} CPU${i.job.liveCpuMs !== undefined ? ', live' : ''}), an import line ${ms(importLineMs)} (${ms(i.job.importLineCpuMs)} CPU); ${mib(jobHeap)} heap per running import chunk`,
        why: `lowest of cpu ${p.job.caps.cpu} (${f2(p.jobCores)} core / ${f2(100 * jobCpuShare)}% CPU per slot), memory ${p.job.caps.memory} ((${mib(p.perProcMem)} − ${mib(baseline)}) / ${mib(jobHeap + workflowBytes)}), postgres ${p.job.caps.postgres}, ceiling ${MAX_SLOTS} → ${p.job.slots}`,
      },
      {
        name: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
        value: jobWft,
        measured: `${WFT_PER_JOB} workflow tasks per job × ${ms(temporalRtt + wftExec)} (Temporal round trip + execution)`,
        why: `Little's law: ${f2((p.job.slots / jobSlotMs) * 1000)} jobs/s × ${ms(jobWftMs)} × ${HEADROOM} headroom = ${jobWft}`,
      },
      poolSetting(jobPoolNeed, p.poolBudget, jobPgMs, p.job.slots, jobSlotMs, usableConns, p.procs, pgRtt, vectorMs),
    ],
    tuner: jobsTuner,
  };
  return { interactive, jobs, assumptions, warnings };
}

function choose(caps: { cpu: number; memory: number; postgres: number }) {
  const all = { ...caps, ceiling: MAX_SLOTS };
  const [binding, raw] = (Object.entries(all) as [KindPlan['binding'], number][]).reduce((a, b) => (b[1] < a[1] ? b : a));
  return { slots: Math.max(1, raw), binding, caps };
}

function demandProcesses(perSecond: number | undefined, slotMs: number, slotsPerProcess: number): number | undefined {
  if (perSecond === undefined || perSecond === 0) return undefined;
  return Math.max(1, Math.ceil((perSecond * (slotMs / 1000) * HEADROOM) / slotsPerProcess));
}

function processesWhy(n: number, given: number | undefined, seen: number | undefined, perSecond: number | undefined, slotMs: number, slots: number): string {
  if (given !== undefined) return `${given} as given (--interactive-workers)`;
  if (perSecond === undefined || perSecond === 0) {
    if (perSecond === 0) return `${seen ?? 1}: idle now (no turns during the sample); run again under load to size by Little's law`;
    const n = seen ? `${seen}, as many as poll the queue now` : '1';
    return `${n}: no load measured (no task-queue rates); add processes when the busy slots near the maximum`;
  }
  const want = Math.ceil((perSecond * slotMs * HEADROOM) / 1000 / slots);
  return `Little's law: ${f2(perSecond)} turns/s × ${ms(slotMs)} × ${HEADROOM} = ${f2((perSecond * slotMs * HEADROOM) / 1000)} busy slots / ${slots} per process = ${want}${want > n ? `, capped at ${n} by the free cores` : ''}`;
}

function poolSetting(
  need: number,
  budget: number,
  pgMs: number,
  slots: number,
  slotMs: number,
  conns: number,
  procs: number,
  rtt: number,
  vector: number,
): Setting {
  const value = Math.max(1, Math.min(need, budget));
  return {
    name: 'DATABASE_POOL_MAX',
    value,
    measured: `Postgres round trip ${ms(rtt)}, vector search ${ms(vector)}: ${ms(pgMs)} per task; ${conns} usable connections for ${procs} processes`,
    why: `Little's law: ${slots} slots / ${ms(slotMs)} × ${ms(pgMs)} × ${HEADROOM} + 1 for the batch writers = ${need}, bounded by ${conns} × ${1 - PG_SPARE} / ${procs} processes = ${budget} → ${value}`,
  };
}
