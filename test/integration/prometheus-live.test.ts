// monitoring/ against a real Prometheus: it scrapes the real gateway, chat worker, jobs worker and Temporal dev server
// with monitoring/prometheus.yml's jobs and monitoring/alerts.yml's rules. Every target is up, every rule evaluates
// without error, every Grafana panel query runs, and after a real chat turn the chat panels show real series.
// (monitoring.test.ts checks the same files statically; this catches what only real data shows: a wrong label, a
// metric name the process never emits, an expression Prometheus rejects at evaluation.)
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { signToken } from '../../lib/auth.js';
import { e2eFixture } from '../support/e2e.js';
import { JOBS_WITHOUT_TEST_TARGETS, monitoringDir, panelQueries, startPrometheus, substituteGrafanaVars, type Prometheus } from '../support/prometheus.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

// Prices make the worker count llm_cost_usd_total, so the "Model spend" panel has data to show.
const ctx = e2eFixture({ jobs: true, env: { LLM_PRICE_PROMPT_PER_1K_TOKENS: '0.5', LLM_PRICE_COMPLETION_PER_1K_TOKENS: '1.5' } });
let prom: Prometheus;
const POLL = { timeout: 45_000, interval: 500 };

let setupError: unknown;

beforeAll(async () => {
  try {
    // Set by test/support/global-setup.ts, which starts the Temporal dev server with --metrics-port.
    const temporalMetrics = process.env.TEMPORAL_SERVER_METRICS_PORT;
    if (!temporalMetrics) throw new Error('TEMPORAL_SERVER_METRICS_PORT is not set: global-setup must start Temporal with a metrics port');
    const { app } = ctx;
    prom = await startPrometheus({
      dir: mkdtempSync(join(process.env.SPARKLE_TEST_DATA_DIR!, 'prometheus-')),
      targets: {
        gateway: new URL(app.url).host,
        worker: `127.0.0.1:${app.metricsPort}`,
        'jobs-worker': `127.0.0.1:${app.jobsMetricsPort}`,
        temporal: `127.0.0.1:${temporalMetrics}`,
      },
    });
  } catch (err) {
    // Vitest reports a file's tests as skipped when beforeAll throws: each test rethrows instead, so they fail.
    setupError = err;
  }
});

beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await prom?.stop();
});

type Target = { labels: { job: string; instance: string }; health: string; lastError: string };
type Rule = { name: string; query: string; health: string; lastError?: string; lastEvaluation: string };
type Group = { name: string; file: string; rules: Rule[] };

const alertGroups = () =>
  (parse(readFileSync(join(monitoringDir, 'alerts.yml'), 'utf8')).groups as { name: string; rules: { alert: string }[] }[]).map((g) => ({
    name: g.name,
    rules: g.rules.map((r) => r.alert),
  }));

/** The series of an instant query: labels and the value as a number. */
async function series(expr: string, time?: number): Promise<{ labels: Record<string, string>; value: number }[]> {
  const { result } = await prom.query(expr, time);
  return result.map((r) => ({ labels: r.metric, value: Number(r.value?.[1]) }));
}

describe('Prometheus scraping the real processes', () => {
  it('has every job of prometheus.yml with a test target, and every target is up', async () => {
    const jobs = prom.config.scrape_configs.map((j) => j.job_name).filter((j) => !JOBS_WITHOUT_TEST_TARGETS.has(j));
    expect(jobs.sort()).toEqual(['gateway', 'jobs-worker', 'prometheus', 'temporal', 'worker']);
    // lastError is in the compared value, so a target that stays down fails with Prometheus' reason.
    await expect
      .poll(async () => {
        const { activeTargets } = await prom.api<{ activeTargets: Target[] }>('targets', { state: 'active' });
        return activeTargets.map((t) => ({ job: t.labels.job, health: t.health, lastError: t.lastError })).sort((a, b) => a.job.localeCompare(b.job));
      }, POLL)
      .toEqual(jobs.map((job) => ({ job, health: 'up', lastError: '' })));
  });

  it('loads every rule group of alerts.yml and evaluates every rule without error', async () => {
    const since = Date.now();
    let groups: Group[] = [];
    // Wait for an evaluation of every rule that started after the targets were up: it ran against real data.
    await expect
      .poll(async () => {
        groups = (await prom.api<{ groups: Group[] }>('rules')).groups;
        return groups.length > 0 && groups.every((g) => g.rules.every((r) => Date.parse(r.lastEvaluation) > since));
      }, POLL)
      .toBe(true);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(groups.map((g) => ({ name: g.name, rules: g.rules.map((r) => r.name) })).sort(byName)).toEqual(alertGroups().sort(byName));
    for (const g of groups) expect(g.file).toBe(join(monitoringDir, 'alerts.yml'));
    const unhealthy = groups
      .flatMap((g) => g.rules)
      .filter((r) => r.health !== 'ok')
      .map((r) => `${r.name}: ${r.health} ${r.lastError}`);
    expect(unhealthy).toEqual([]);
  });

  it('evaluates every Grafana panel query without error', async () => {
    const queries = panelQueries();
    expect(queries.length).toBeGreaterThan(20);
    // A query repeated within a panel draws every series twice under the same legend.
    const repeated = queries.filter((q, i) => queries.findIndex((o) => o.dashboard === q.dashboard && o.panel === q.panel && o.expr === q.expr) !== i);
    expect(repeated).toEqual([]);
    const errors: string[] = [];
    for (const q of queries) {
      await prom.query(substituteGrafanaVars(q.expr)).catch((err: Error) => errors.push(`${q.dashboard} "${q.panel}": ${err.message}`));
    }
    expect(errors).toEqual([]);
  });

  it('panels that need no traffic show every process: targets up, memory, CPU, event loop lag', async () => {
    const byTitle = (title: string) =>
      panelQueries()
        .filter((q) => q.panel === title)
        .map((q) => substituteGrafanaVars(q.expr));
    const jobsOf = async (expr: string) => [...new Set((await series(expr)).map((s) => s.labels.job))].sort();
    const node = ['gateway', 'jobs-worker', 'worker'];
    await expect.poll(() => jobsOf(byTitle('Targets up')[0]!), POLL).toEqual(['gateway', 'jobs-worker', 'temporal', 'worker']);
    for (const expr of byTitle('Event loop lag p99')) await expect.poll(() => jobsOf(expr), POLL).toEqual(node);
    // process_* is also Prometheus' own (and the exporters'), so these panels show more than our processes.
    for (const title of ['Resident memory', 'CPU'])
      for (const expr of byTitle(title)) await expect.poll(() => jobsOf(expr), POLL).toEqual(expect.arrayContaining(node));
  });

  it('carries the Temporal SDK worker metrics from both worker targets', async () => {
    const jobsWith = async (re: string) =>
      [...new Set((await series(`count by (job) ({__name__=~"${re}", job=~"worker|jobs-worker"})`)).map((s) => s.labels.job))].sort();
    // The dev server runs SDK workers of its own (temporal_worker_* on job="temporal" too): the job filter matters.
    await expect.poll(() => jobsWith('temporal_worker_.+'), POLL).toEqual(['jobs-worker', 'worker']);
    await expect.poll(() => jobsWith('temporal_request.*'), POLL).toEqual(['jobs-worker', 'worker']);
    const slots = await series('temporal_worker_task_slots_available{job="worker"}');
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.some((s) => s.value > 0)).toBe(true);
  });
});

describe('after one real chat turn', () => {
  // Panels over our own chat metrics that one completed turn must fill, every query of each.
  const CHAT_PANELS = [
    'Chat turns/s by outcome',
    'Chat turn latency p50 / p95 / p99',
    'LLM latency p95 by stage',
    'LLM calls/s by model and outcome',
    'Tokens per minute (cost driver)',
    'Tokens charged to quotas per minute',
    'Model spend (USD per hour)',
  ];

  it('the chat panels show real series from the processes that own them', async () => {
    const user = uniqueId('prom');
    const sock = await TestSocket.open(ctx.app.wsUrl, await signToken(user));
    sock.send({ type: 'chat.send', id: 'p1', text: 'Why is the sky blue?' });
    const { end } = await sock.turn('p1');
    sock.close();
    expect(end.type).toBe('chat.done');

    // The raw counters, from the process that owns them: the gateway counts turns, the worker counts model calls.
    await expect
      .poll(async () => (await series('chat_turns_total')).map((s) => ({ ...s.labels, value: s.value })), POLL)
      .toEqual([expect.objectContaining({ __name__: 'chat_turns_total', job: 'gateway', outcome: 'done', value: 1 })]);
    await expect
      .poll(async () => (await series('sum by (job, kind) (llm_tokens_total)')).map((s) => s.labels), POLL)
      .toEqual(
        expect.arrayContaining([
          { job: 'worker', kind: 'prompt' },
          { job: 'worker', kind: 'completion' },
        ]),
      );
    const tokens = await series('sum by (kind) (llm_tokens_total)');
    for (const t of tokens) expect(t.value, t.labels.kind).toBeGreaterThan(0);
    const llmCount = await series('sum by (job, stage) (llm_latency_seconds_count)');
    expect(llmCount.length).toBeGreaterThan(0);
    for (const s of llmCount) expect(s.labels.job).toBe('worker');
    const cost = await series('sum by (job, model) (llm_cost_usd_total)');
    expect(cost.map((c) => c.labels)).toEqual([{ job: 'worker', model: 'fake-model' }]);
    expect(cost[0]!.value).toBeGreaterThan(0);

    // Every query of those panels returns series (rates need two samples after the turn: poll).
    const queries = panelQueries().filter((q) => CHAT_PANELS.includes(q.panel));
    expect(new Set(queries.map((q) => q.panel))).toEqual(new Set(CHAT_PANELS));
    for (const q of queries) {
      await expect
        .poll(async () => (await series(substituteGrafanaVars(q.expr))).length, { ...POLL, message: `${q.dashboard} "${q.panel}" ${q.legend}` })
        .toBeGreaterThan(0);
    }
    // The turn latency panel: a real quantile (a finite number of seconds), not NaN from an empty rate.
    const p95 = panelQueries().find((q) => q.panel === 'Chat turn latency p50 / p95 / p99' && q.legend === 'p95')!;
    const latency = await series(`histogram_quantile(0.95, sum by (le) (increase(chat_turn_seconds_bucket[5m])))`);
    expect(p95.expr).toContain('chat_turn_seconds_bucket');
    expect(latency).toHaveLength(1);
    expect(Number.isFinite(latency[0]!.value) && latency[0]!.value > 0).toBe(true);
  });

  // The Temporal server's workflow counters (a name only a live server can confirm) and the gateway's task-queue
  // gauges that the backlog and not-polled alerts use, for both app queues.
  it("the Temporal server exports workflow_success; the gateway exports each app queue's backlog and pollers", async () => {
    await expect.poll(async () => (await series('sum by (job) (workflow_success)')).map((s) => s.labels.job), POLL).toEqual(['temporal']);
    const queues = [ctx.app.taskQueue, `${ctx.app.taskQueue}-jobs`].sort();
    await expect
      .poll(
        async () =>
          (await series('max by (task_queue) (task_queue_pollers{job="gateway", task_type="workflow"})')).map((s) => [s.labels.task_queue, s.value]).sort(),
        POLL,
      )
      .toEqual(queues.map((q) => [q, 1]));
    const backlog = await series('max by (task_queue, task_type) (task_queue_backlog{job="gateway"})');
    expect(backlog.map((s) => `${s.labels.task_queue} ${s.labels.task_type}`).sort()).toEqual(queues.flatMap((q) => [`${q} activity`, `${q} workflow`]));
  });
});
