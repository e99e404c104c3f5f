// A real Prometheus server (Debian's binary) for tests: its config is monitoring/prometheus.yml with the scrape jobs
// pointed at the test's processes, and it exposes the HTTP API the checks need (targets, rules, instant queries).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { startProcess, waitUntil, type Managed } from '../../scripts/stack/process.js';
import { freePort } from './ports.js';

export const monitoringDir = fileURLToPath(new URL('../../monitoring', import.meta.url));
export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
/** Jobs of prometheus.yml whose exporters no test runs: kept without targets, so queries over them stay valid. */
export const JOBS_WITHOUT_TEST_TARGETS = new Set(['redis', 'postgres']);
/** Scrape and rule evaluation interval: short, so a test sees fresh samples and evaluations within seconds. */
export const INTERVAL_S = 1;

type ScrapeConfig = { job_name: string; [key: string]: unknown };
type PromConfig = { global?: Record<string, unknown>; rule_files?: string[]; scrape_configs: ScrapeConfig[]; [key: string]: unknown };

/**
 * monitoring/prometheus.yml rewritten for a test: the same jobs (names, paths) and rule files (absolute), each job's
 * targets replaced by `targets[job]` (host:port). A job with neither a target nor a place in
 * JOBS_WITHOUT_TEST_TARGETS is an error, so a job added to prometheus.yml cannot go unchecked.
 */
export function testConfig(targets: Record<string, string>): PromConfig {
  const src = parse(readFileSync(join(monitoringDir, 'prometheus.yml'), 'utf8')) as PromConfig;
  const interval = `${INTERVAL_S}s`;
  const { alerting: _alerting, ...rest } = src; // no Alertmanager in tests: it would only log failed notifications
  return {
    ...rest,
    global: { ...src.global, scrape_interval: interval, evaluation_interval: interval, scrape_timeout: interval },
    rule_files: (src.rule_files ?? []).map((f) => join(monitoringDir, f)),
    scrape_configs: src.scrape_configs.map(({ dns_sd_configs: _dns, static_configs: _static, ...job }) => {
      const target = targets[job.job_name];
      if (!target && !JOBS_WITHOUT_TEST_TARGETS.has(job.job_name))
        throw new Error(`job ${job.job_name} of monitoring/prometheus.yml has no target in the test: give it one, or list it in JOBS_WITHOUT_TEST_TARGETS`);
      return { ...job, static_configs: target ? [{ targets: [target] }] : [] };
    }),
  };
}

export interface QueryResult {
  resultType: string;
  result: { metric: Record<string, string>; value?: [number, string] }[];
}

export interface Prometheus {
  url: string;
  config: PromConfig;
  /** GET /api/v1/<path>; throws with Prometheus' own error text when the answer is not a success. */
  api<T>(path: string, params?: Record<string, string>): Promise<T>;
  /** An instant query (at `time`, seconds since the epoch, else now). */
  query(expr: string, time?: number): Promise<QueryResult>;
  stop(): Promise<void>;
}

export async function startPrometheus(o: { dir: string; targets: Record<string, string> }): Promise<Prometheus> {
  // Never a skip: a missing binary would make this whole check silently disappear.
  if (!existsSync(PROMETHEUS_BIN))
    throw new Error(`no Prometheus server at ${PROMETHEUS_BIN}: run scripts/provision.sh (Debian's prometheus package), or set PROMETHEUS_BIN`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({ ...o.targets, prometheus: `127.0.0.1:${port}` });
  const configFile = join(o.dir, 'prometheus.yml');
  writeFileSync(configFile, stringify(config));
  const logFile = join(o.dir, 'prometheus.log');
  const proc: Managed = startProcess(
    'prometheus',
    PROMETHEUS_BIN,
    [`--config.file=${configFile}`, `--storage.tsdb.path=${join(o.dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { logFile, cwd: o.dir },
  );
  await waitUntil('Prometheus', async () => (await fetch(`${url}/-/ready`)).ok, { timeoutMs: 60_000, proc, logFile });

  const api = async <T>(path: string, params: Record<string, string> = {}): Promise<T> => {
    const res = await fetch(`${url}/api/v1/${path}?${new URLSearchParams(params)}`);
    const body = (await res.json()) as { status: string; data: T; errorType?: string; error?: string };
    if (body.status !== 'success') throw new Error(`${path} ${JSON.stringify(params)}: ${body.errorType}: ${body.error}`);
    return body.data;
  };
  return {
    url,
    config,
    api,
    query: (expr, time) => api<QueryResult>('query', { query: expr, ...(time === undefined ? {} : { time: String(time) }) }),
    stop: () => proc.stop(),
  };
}

// Grafana's built-in variables as a dashboard would resolve them against this Prometheus: $__rate_interval is at
// least four scrape intervals (Grafana's rule); 15 s leaves room for late scrapes on a loaded machine.
const GRAFANA_VARS: Record<string, string> = {
  __rate_interval: '15s',
  __interval: '5s',
  __interval_ms: '5000',
  __range: '5m',
  __range_s: '300',
  __range_ms: '300000',
};

/** A panel query with Grafana's variables ($x, ${x}, ${x:format}) substituted; an unknown variable is an error. */
export function substituteGrafanaVars(expr: string): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (_m, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = GRAFANA_VARS[name];
    if (value === undefined) throw new Error(`Grafana variable $${name} in "${expr}" has no test value: add one to GRAFANA_VARS`);
    return value;
  });
}

export interface PanelQuery {
  dashboard: string;
  panel: string;
  legend?: string;
  expr: string;
}

/** Every Prometheus query of every panel (rows' nested panels included) of monitoring/grafana/dashboards/*.json. */
export function panelQueries(): PanelQuery[] {
  const dir = join(monitoringDir, 'grafana', 'dashboards');
  const out: PanelQuery[] = [];
  type Panel = { title?: string; panels?: Panel[]; targets?: { expr?: string; legendFormat?: string }[] };
  const walk = (panels: Panel[] | undefined, dashboard: string) => {
    for (const p of panels ?? []) {
      for (const t of p.targets ?? []) if (t.expr) out.push({ dashboard, panel: p.title ?? '?', legend: t.legendFormat, expr: t.expr });
      walk(p.panels, dashboard);
    }
  };
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort())
    walk(JSON.parse(readFileSync(join(dir, f), 'utf8')).panels, f);
  return out;
}
