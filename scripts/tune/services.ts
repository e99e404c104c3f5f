// The services a task waits on, timed from here: Postgres (round trip, a real vector search, max_connections),
// Redis, the model endpoint, and Temporal (round trip, and each queue's backlog and pollers as it describes them).
// Each probe answers undefined-with-a-reason instead of throwing: what cannot be reached is "not measured".
import { Redis } from 'ioredis';
// A CommonJS package whose named exports Node's ESM loader cannot see: take the namespace from its default.
import protoPackage from '@temporalio/proto';
import { createPool } from '../../lib/db.js';
import { offlineEmbedding } from '../../lib/embeddings/offline-embedder.js';
import { nearestNodes } from '../../lib/knowledge-store.js';
import { EMBEDDING_DIMENSIONS } from '../../lib/contracts/knowledge.js';
import { connectClient } from '../../lib/temporal.js';
import { QUESTION } from './costs.js';

export type Probe<T> = { ok: true; value: T } | { ok: false; reason: string };
const fail = (err: unknown): { ok: false; reason: string } => ({ ok: false, reason: err instanceof Error ? err.message : String(err) });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;

async function timed(n: number, fn: () => Promise<unknown>): Promise<{ medianMs: number; p95Ms: number }> {
  await fn(); // connection set-up and plan caching are not what a busy worker pays per call
  const xs: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return { medianMs: median(xs), p95Ms: p95(xs) };
}

export interface PostgresMeasure {
  rttMs: number;
  rttP95Ms: number;
  maxConnections: number;
  reservedConnections: number;
  usableConnections: number;
  currentConnections: number;
  vectorQueryMs?: number;
  vectorQueryNote: string;
  serverVersion: string;
}

export async function probePostgres(url: string): Promise<Probe<PostgresMeasure>> {
  const db = createPool(url, 1);
  try {
    const rtt = await timed(20, () => db.query('SELECT 1'));
    const { rows } = await db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings
        WHERE name IN ('max_connections', 'superuser_reserved_connections', 'reserved_connections', 'server_version')`,
    );
    const s = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
    const current = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = $1', ['client backend']);
    const maxConnections = Number(s.max_connections);
    const reservedConnections = Number(s.superuser_reserved_connections ?? 0) + Number(s.reserved_connections ?? 0);
    // A real dedup/retrieval query: the same SQL and pool settings the activities use, against a user who has notes.
    let vectorQueryMs: number | undefined;
    let vectorQueryNote = 'no knowledge_nodes table (migrations not applied?)';
    const table = await db.query<{ t: string | null }>(`SELECT to_regclass('knowledge_nodes')::text AS t`);
    if (table.rows[0]?.t) {
      const user = await db.query<{ user_id: string; embedding_space: string }>(
        'SELECT user_id, embedding_space FROM knowledge_nodes WHERE duplicate_of IS NULL LIMIT 1',
      );
      const userId = user.rows[0]?.user_id;
      const vector = offlineEmbedding(QUESTION, EMBEDDING_DIMENSIONS);
      const scope = { userId: userId ?? 'tune-nobody', space: user.rows[0]?.embedding_space ?? 'none' };
      vectorQueryMs = (await timed(10, () => nearestNodes(db, scope, vector, 3))).medianMs;
      vectorQueryNote = userId ? 'nearest 3 of a user with notes' : 'nearest 3 of a user with no notes (the table is empty)';
    }
    return {
      ok: true,
      value: {
        rttMs: rtt.medianMs,
        rttP95Ms: rtt.p95Ms,
        maxConnections,
        reservedConnections,
        usableConnections: maxConnections - reservedConnections,
        currentConnections: current.rows[0]?.n ?? 0,
        vectorQueryMs,
        vectorQueryNote,
        serverVersion: s.server_version ?? '?',
      },
    };
  } catch (err) {
    return fail(err);
  } finally {
    await db.end().catch(() => undefined);
  }
}

export interface RedisMeasure {
  rttMs: number;
  rttP95Ms: number;
  /** This client's CPU per awaited PUBLISH: what llmStream pays for every delta it forwards. */
  publishCpuMs: number;
  connectedClients?: number;
  usedMemoryBytes?: number;
}

export async function probeRedis(url: string): Promise<Probe<RedisMeasure>> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  redis.on('error', () => undefined); // the failed probe below reports it
  try {
    await redis.connect();
    const rtt = await timed(50, () => redis.ping());
    const cpu0 = process.cpuUsage();
    for (let k = 0; k < 200; k++) await redis.publish('sparkle:tune:probe', 'a token-sized delta');
    const cpu = process.cpuUsage(cpu0);
    const info = await redis.info().catch(() => '');
    const field = (k: string) => {
      const m = new RegExp(`^${k}:(\\d+)`, 'm').exec(info);
      return m ? Number(m[1]) : undefined;
    };
    return {
      ok: true,
      value: {
        rttMs: rtt.medianMs,
        rttP95Ms: rtt.p95Ms,
        publishCpuMs: (cpu.user + cpu.system) / 1000 / 200,
        connectedClients: field('connected_clients'),
        usedMemoryBytes: field('used_memory'),
      },
    };
  } catch (err) {
    return fail(err);
  } finally {
    redis.disconnect();
  }
}

/** The endpoint's round trip without spending tokens: GET /models (any HTTP answer counts as an answer). */
export async function probeEndpoint(baseURL: string, apiKey: string | undefined): Promise<Probe<{ rttMs: number; status: number }>> {
  let status = 0;
  try {
    const url = `${baseURL.replace(/\/$/, '')}/models`;
    const rtt = await timed(5, async () => {
      const res = await fetch(url, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal: AbortSignal.timeout(5000) });
      status = res.status;
      await res.arrayBuffer();
    });
    return { ok: true, value: { rttMs: rtt.medianMs, status } };
  } catch (err) {
    return fail(err);
  }
}

export interface QueueState {
  taskQueue: string;
  kind: 'workflow' | 'activity';
  /** Distinct worker processes that polled within the last 2 minutes. */
  pollers: number;
  backlog?: number;
  backlogAgeS?: number;
  addRate?: number;
  dispatchRate?: number;
}

export interface TemporalMeasure {
  rttMs: number;
  queues: QueueState[];
}

/** Temporal's round trip and, per queue and task type, live pollers and (when the server reports stats) backlog and rates. */
export async function probeTemporal(address: string, namespace: string, queues: string[]): Promise<Probe<TemporalMeasure>> {
  let client: Awaited<ReturnType<typeof connectClient>> | undefined;
  try {
    client = await connectClient(address, namespace);
    const svc = client.workflowService;
    const rtt = await timed(10, () => svc.getSystemInfo({}));
    const { TaskQueueType } = protoPackage.temporal.api.enums.v1;
    const states: QueueState[] = [];
    for (const name of queues) {
      for (const [kind, type] of [
        ['workflow', TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW],
        ['activity', TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY],
      ] as const) {
        const res = await svc.describeTaskQueue({ namespace, taskQueue: { name }, taskQueueType: type, reportStats: true });
        const fresh = (res.pollers ?? []).filter((p) => Date.now() - Number(p.lastAccessTime?.seconds ?? 0) * 1000 < 2 * 60_000);
        const st = res.stats;
        states.push({
          taskQueue: name,
          kind,
          pollers: new Set(fresh.map((p) => p.identity)).size,
          backlog: st ? Number(st.approximateBacklogCount ?? 0) : undefined,
          backlogAgeS: st?.approximateBacklogAge
            ? Number(st.approximateBacklogAge.seconds ?? 0) + (st.approximateBacklogAge.nanos ?? 0) / 1e9
            : st
              ? 0
              : undefined,
          addRate: st ? (st.tasksAddRate ?? 0) : undefined,
          dispatchRate: st ? (st.tasksDispatchRate ?? 0) : undefined,
        });
      }
    }
    return { ok: true, value: { rttMs: rtt.medianMs, queues: states } };
  } catch (err) {
    return fail(err);
  } finally {
    await client?.connection.close().catch(() => undefined);
  }
}
