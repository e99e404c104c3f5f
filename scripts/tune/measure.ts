// Runs every measurement in an order that keeps them apart: the load sample first (this process idle, the
// workers scraped over the same window), then the services, then the CPU-heavy cost probes, and turns the
// results into the inputs of the pure recommendation. What could not be measured is listed with its reason.
import { chatModelsFromConfig } from '../../activities/llm/index.js';
import { offlineModel } from '../../activities/llm/offline-model.js';
import type { Config } from '../../lib/config.js';
import { embedderFromConfig } from '../../lib/embeddings/index.js';
import { inputGuardOptions } from '../../workers/deps.js';
import { measureJobCosts, measureTurnCpu, measureTurnHeap, probeStream, textOf, type StreamProbe } from './costs.js';
import { measureMemory, sampleCpu } from './host.js';
import { watchWorker, type LiveWorker } from './live.js';
import type { TuneInputs } from './recommend.js';
import { probeEndpoint, probePostgres, probeRedis, probeTemporal, type Probe } from './services.js';
import { probeWorkflowMemory, type WorkflowProbe } from './workflow-probe.js';

export interface MeasureOptions {
  sampleMs: number;
  targets: { cpu: number; memory: number };
  metricsUrls: { interactive: string; jobs: string };
  processes: { interactive?: number; jobs?: number; gateways: number };
  probeLlm: boolean;
  probeWorkflows: number;
}

const value = <T>(p: Probe<T>): T | undefined => (p.ok ? p.value : undefined);

export async function measure(c: Config, o: MeasureOptions) {
  const notMeasured: Record<string, string> = {};
  const miss = (what: string, p: Probe<unknown>) => {
    if (!p.ok) notMeasured[what] = p.reason;
  };

  // 1. Load: the host's CPU over the window, and the workers' own CPU over the same window.
  const {
    cpu,
    during: [liveInt, liveJobs],
  } = await sampleCpu(o.sampleMs, (w) => Promise.all([watchWorker(o.metricsUrls.interactive, w), watchWorker(o.metricsUrls.jobs, w)]));
  const live = { interactive: liveInt, jobs: liveJobs };
  for (const [kind, w] of Object.entries(live)) if (!w.up) notMeasured[`${kind} worker metrics (${w.url})`] = w.error ?? 'down';
  const memory = await measureMemory();

  // 2. Services.
  const [postgres, redis, endpoint, temporal] = await Promise.all([
    probePostgres(c.DATABASE_URL),
    probeRedis(c.REDIS_CLUSTER_NODES ? `redis://${c.REDIS_CLUSTER_NODES.split(',')[0]!.trim()}` : c.REDIS_URL),
    c.LLM_BASE_URL
      ? probeEndpoint(c.LLM_BASE_URL, c.LLM_API_KEY)
      : Promise.resolve<Probe<{ rttMs: number; status: number }>>({ ok: false, reason: 'no LLM_BASE_URL: the offline provider answers' }),
    probeTemporal(c.TEMPORAL_ADDRESS, c.TEMPORAL_NAMESPACE, [c.TASK_QUEUE_INTERACTIVE, c.TASK_QUEUE_JOBS]),
  ]);
  miss('postgres', postgres);
  miss('redis', redis);
  miss('model endpoint', endpoint);
  miss('temporal', temporal);

  // 3. Costs, running the real code.
  const guard = inputGuardOptions(c);
  const embedder = embedderFromConfig(c);
  const offlineEmbeddings = embedder.provider === 'offline';
  const turnCpu = measureTurnCpu(guard, offlineEmbeddings);
  const jobCosts = measureJobCosts(guard, offlineEmbeddings, c.KNOWLEDGE_IMPORT_CHUNK);
  const turnHeapBytes = await measureTurnHeap();
  const model = chatModelsFromConfig(c)[0]!;
  let stream: StreamProbe | undefined;
  let embedMs: number | undefined;
  if (model.provider === 'offline') stream = await probeStream(offlineModel());
  else if (o.probeLlm) {
    try {
      stream = await probeStream(model, 48);
      if (!offlineEmbeddings) {
        const t0 = performance.now();
        await embedder.embed([textOf(1500)]);
        embedMs = performance.now() - t0;
      }
    } catch (err) {
      notMeasured['model stream'] = err instanceof Error ? err.message : String(err);
    }
  } else notMeasured['model stream'] = 'not probed (pass --probe-llm to spend one short completion)';

  let workflowProbe: WorkflowProbe | undefined;
  if (o.probeWorkflows > 0 && temporal.ok) {
    try {
      workflowProbe = await probeWorkflowMemory({
        address: c.TEMPORAL_ADDRESS,
        namespace: c.TEMPORAL_NAMESPACE,
        n: o.probeWorkflows,
        bundlePath: c.WORKFLOW_BUNDLE_PATH,
      });
    } catch (err) {
      notMeasured['workflow memory'] = err instanceof Error ? err.message : String(err);
    }
  } else notMeasured['workflow memory'] = o.probeWorkflows > 0 ? 'Temporal not reachable' : 'not probed (pass --probe-workflows N)';

  const streamMs = streamTime(c, live.interactive, stream);
  const deltas = stream && model.provider === 'offline' ? stream.deltas : Math.round(c.LLM_MAX_COMPLETION_TOKENS / 2);
  // Per turn: the code measured here plus a Redis publish per delta; a running worker's CPU per model call, when it
  // served some during the window, also holds what no probe here sees (the SDK, gRPC, heartbeats) and wins.
  const probedTurnCpu = turnCpu.streamCpuMs + deltas * (value(redis)?.publishCpuMs ?? 0);
  const liveTurnCpu = live.interactive.cpuMsPerModelCall;
  const turnCpuSource =
    liveTurnCpu !== undefined
      ? `live: ${live.interactive.modelCallsInWindow} model calls in the window`
      : 'probed: guards, token counts, redactor, Redis publishes';
  const liveNodeCpu = live.jobs.cpuMsPerNode;
  const up = Object.values(live).filter((w) => w.up);
  const queue = (name: string, kind: 'workflow' | 'activity') => value(temporal)?.queues.find((q) => q.taskQueue === name && q.kind === kind);
  const wftExec = up.map((w) => w.workflowTaskExecutionMeanS).find((x) => x !== undefined);
  const inputs: TuneInputs = {
    targets: o.targets,
    host: {
      effectiveCores: cpu.effectiveCores,
      busyCores: cpu.busyCores,
      sparkleBusyCores: up.length ? up.reduce((a, w) => a + (w.cpuCores ?? 0), 0) : undefined,
      memoryAvailableBytes: memory.effectiveAvailableBytes,
      sparkleRssBytes: up.length ? up.reduce((a, w) => a + (w.rssBytes ?? 0), 0) : undefined,
      heapLimitBytes: memory.heapLimitBytes,
      sdkSeesCpuLimit: cpu.cgroupVersion !== 1,
    },
    turn: {
      cpuMs: probedTurnCpu,
      localCpuMs: turnCpu.localCpuMs,
      liveCpuMs: liveTurnCpu,
      streamMs: streamMs?.ms,
      deltas,
      heapBytes: turnHeapBytes,
    },
    job: {
      cpuMs: jobCosts.noteCpuMs,
      importLineCpuMs: Math.max(jobCosts.importLineCpuMs, liveNodeCpu ?? 0),
      liveCpuMs: liveNodeCpu,
      remoteMs: offlineEmbeddings ? undefined : (embedMs ?? value(endpoint)?.rttMs),
      heapBytes: jobCosts.importChunkHeapBytes,
    },
    sdkCpuMsPerTask: workflowProbe?.cpuMsPerWorkflowTask,
    workflowBytes: workflowProbe && workflowProbe.bytesPerWorkflow > 0 ? workflowProbe.bytesPerWorkflow : undefined,
    // A running worker is the real baseline; the probe's is this process, which has also run every probe.
    workerBaselineBytes: (up.length ? Math.min(...up.map((w) => w.rssBytes ?? Infinity)) : undefined) ?? workflowProbe?.baselineRssBytes,
    postgres: value(postgres) && {
      rttMs: value(postgres)!.rttMs,
      vectorQueryMs: value(postgres)!.vectorQueryMs,
      usableConnections: value(postgres)!.usableConnections,
    },
    redisRttMs: value(redis)?.rttMs,
    temporalRttMs: value(temporal)?.rttMs,
    wftExecMs: wftExec !== undefined ? wftExec * 1000 : undefined,
    // Load now: a running worker's own rate times the processes polling; else Temporal's rate of first workflow
    // tasks (one per workflow started; activities dispatched eagerly never show in the queue's rates).
    demand: {
      interactivePerSecond: live.interactive.up
        ? (live.interactive.modelCallsPerSecond ?? 0) * (queue(c.TASK_QUEUE_INTERACTIVE, 'activity')?.pollers || 1)
        : queue(c.TASK_QUEUE_INTERACTIVE, 'workflow')?.dispatchRate,
      jobsPerSecond: live.jobs.up
        ? (live.jobs.nodesPerSecond ?? 0) * (queue(c.TASK_QUEUE_JOBS, 'activity')?.pollers || 1)
        : queue(c.TASK_QUEUE_JOBS, 'workflow')?.dispatchRate,
    },
    eventLoopLagP99S: { interactive: live.interactive.eventLoopLagP99S, jobs: live.jobs.eventLoopLagP99S },
    processes: {
      ...o.processes,
      seen: { interactive: queue(c.TASK_QUEUE_INTERACTIVE, 'activity')?.pollers, jobs: queue(c.TASK_QUEUE_JOBS, 'activity')?.pollers },
    },
  };
  if (workflowProbe && workflowProbe.bytesPerWorkflow <= 0)
    notMeasured['workflow memory'] = `RSS did not grow over ${workflowProbe.workflows} workflows (too few to see); probe more`;

  return {
    measured: {
      cpu,
      memory,
      postgres: value(postgres),
      redis: value(redis),
      modelEndpoint: {
        provider: model.provider,
        model: model.model,
        ...value(endpoint),
        stream,
        streamMsPerTurn: streamMs,
        embedder: embedder.provider,
        embedMs,
      },
      temporal: value(temporal),
      live,
      costs: {
        turn: { ...turnCpu, cpuMsPerTurn: probedTurnCpu + turnCpu.localCpuMs, liveCpuMsPerTurn: liveTurnCpu, source: turnCpuSource },
        turnHeapBytes,
        job: { ...jobCosts, liveCpuMsPerNode: liveNodeCpu },
      },
      workflowProbe,
    },
    inputs,
    notMeasured,
  };
}

export type Measurements = Awaited<ReturnType<typeof measure>>;

/** How long llmStream holds a slot: live turns if there are enough, else the probe's stream, extrapolated to a full answer. */
function streamTime(c: Config, live: LiveWorker, probe: StreamProbe | undefined): { ms: number; source: string } | undefined {
  if (live.llmTotalMeanS !== undefined && (live.llmCalls ?? 0) >= 5)
    return { ms: live.llmTotalMeanS * 1000, source: `mean of ${live.llmCalls} live turns (llm_latency_seconds)` };
  if (!probe) return undefined;
  if (probe.provider === 'offline') return { ms: probe.totalMs, source: 'the offline model, streamed here' };
  // A short probe gives the first-token time and the streaming rate; a typical answer is half the completion cap.
  const tokens = Math.max(1, probe.chars / 4);
  const perToken = (probe.totalMs - probe.firstDeltaMs) / Math.max(1, tokens - 1);
  const answerTokens = c.LLM_MAX_COMPLETION_TOKENS / 2;
  return {
    ms: probe.firstDeltaMs + perToken * answerTokens,
    source: `probe: first token ${probe.firstDeltaMs.toFixed(0)} ms + ${answerTokens} tokens (half of LLM_MAX_COMPLETION_TOKENS, assumed) at ${perToken.toFixed(1)} ms each`,
  };
}
