// Running workers, as their /metrics endpoints show them: scraped at the start and the end of the CPU sample
// window, so their CPU rate covers the same seconds as the host's. prom-client's default metrics give CPU, RSS,
// heap and event-loop lag; the project's llm_latency_seconds gives real turn times; the Temporal SDK's metrics
// (slots in use, schedule-to-start latency), when a worker exports them, tell how full its slots are.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format, enough of it for gauges, counters and histograms. */
export function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

const pick = (s: Sample[], name: string, labels: Record<string, string> = {}) =>
  s.filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
const sum = (s: Sample[]) => (s.length ? s.reduce((a, x) => a + x.value, 0) : undefined);

/** Mean of a histogram in seconds; the SDK exports milliseconds unless told otherwise, told apart by its buckets. */
function histogramMeanS(s: Sample[], base: string, labels: Record<string, string> = {}): { meanS: number; count: number } | undefined {
  const names = [base, `${base}_seconds`, `${base}_milliseconds`];
  for (const n of names) {
    const count = sum(pick(s, `${n}_count`, labels));
    const total = sum(pick(s, `${n}_sum`, labels));
    if (!count || total === undefined) continue;
    const les = pick(s, `${n}_bucket`, labels)
      .map((b) => Number(b.labels.le))
      .filter(Number.isFinite);
    const inMs = n.endsWith('_milliseconds') || (!n.endsWith('_seconds') && Math.max(0, ...les) > 1000);
    return { meanS: total / count / (inMs ? 1000 : 1), count };
  }
  return undefined;
}

export interface LiveWorker {
  url: string;
  up: boolean;
  error?: string;
  /** Cores this process used over the window. */
  cpuCores?: number;
  rssBytes?: number;
  heapUsedBytes?: number;
  eventLoopLagP99S?: number;
  /** Mean time llmStream took (the project's own metric), and over how many calls. */
  llmTotalMeanS?: number;
  llmCalls?: number;
  activitySlotsUsed?: number;
  activitySlotsAvailable?: number;
  workflowSlotsUsed?: number;
  workflowSlotsAvailable?: number;
  stickyCacheSize?: number;
  activityScheduleToStartMeanS?: number;
  workflowTaskExecutionMeanS?: number;
  /** Whether the Temporal SDK's own metrics are on this endpoint. */
  sdkMetrics: boolean;
  /** Everything the process spent per model call (or per knowledge node written) during the window, when some ran. */
  cpuMsPerModelCall?: number;
  cpuMsPerNode?: number;
  modelCallsInWindow?: number;
  nodesInWindow?: number;
  /** Model calls (≈ chat turns) and knowledge nodes per second during the window: this process's load now. */
  modelCallsPerSecond?: number;
  nodesPerSecond?: number;
}

/** Live tasks finish too seldom in a short window to divide by fewer than this. */
const MIN_TASKS = 3;

async function scrape(url: string): Promise<{ samples: Sample[]; at: number }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return { samples: parsePrometheus(await res.text()), at: performance.now() };
}

/** Scrapes `url` now and again after `windowMs`; a worker that does not answer is reported down. */
export async function watchWorker(url: string, windowMs: number): Promise<LiveWorker> {
  try {
    const a = await scrape(url);
    await new Promise((r) => setTimeout(r, windowMs));
    const b = await scrape(url);
    const s = b.samples;
    const cpu = (x: Sample[]) => sum(pick(x, 'process_cpu_seconds_total'));
    const [c0, c1] = [cpu(a.samples), cpu(b.samples)];
    const gauge = (name: string, labels: Record<string, string> = {}) => sum(pick(s, name, labels));
    const slots = (kind: string, which: 'used' | 'available') => gauge(`temporal_worker_task_slots_${which}`, { worker_type: kind });
    const llm = histogramMeanS(s, 'llm_latency_seconds', { stage: 'total' });
    const delta = (name: string) => (sum(pick(b.samples, name)) ?? 0) - (sum(pick(a.samples, name)) ?? 0);
    const [calls, nodes] = [delta('llm_calls_total'), delta('knowledge_nodes_total')];
    const cpuMs = c0 !== undefined && c1 !== undefined ? (c1 - c0) * 1000 : undefined;
    const per = (n: number) => (cpuMs !== undefined && n >= MIN_TASKS ? cpuMs / n : undefined);
    return {
      url,
      up: true,
      cpuCores: c0 !== undefined && c1 !== undefined ? (c1 - c0) / ((b.at - a.at) / 1000) : undefined,
      rssBytes: gauge('process_resident_memory_bytes'),
      heapUsedBytes: gauge('nodejs_heap_size_used_bytes'),
      eventLoopLagP99S: gauge('nodejs_eventloop_lag_p99_seconds'),
      llmTotalMeanS: llm?.meanS,
      llmCalls: llm?.count,
      activitySlotsUsed: slots('ActivityWorker', 'used'),
      activitySlotsAvailable: slots('ActivityWorker', 'available'),
      workflowSlotsUsed: slots('WorkflowWorker', 'used'),
      workflowSlotsAvailable: slots('WorkflowWorker', 'available'),
      stickyCacheSize: gauge('temporal_sticky_cache_size'),
      activityScheduleToStartMeanS: histogramMeanS(s, 'temporal_activity_schedule_to_start_latency')?.meanS,
      workflowTaskExecutionMeanS: histogramMeanS(s, 'temporal_workflow_task_execution_latency')?.meanS,
      sdkMetrics: s.some((x) => x.name.startsWith('temporal_')),
      cpuMsPerModelCall: per(calls),
      cpuMsPerNode: per(nodes),
      modelCallsInWindow: calls,
      nodesInWindow: nodes,
      modelCallsPerSecond: calls / ((b.at - a.at) / 1000),
      nodesPerSecond: nodes / ((b.at - a.at) / 1000),
    };
  } catch (err) {
    return { url, up: false, error: err instanceof Error ? err.message : String(err), sdkMetrics: false };
  }
}
