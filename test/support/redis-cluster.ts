// A local Redis Cluster for tests: six Debian redis-server processes (three masters, three replicas) on free ports
// in a temp dir, joined with `redis-cli --cluster create`. Helpers read the topology, crash a node and wait for
// its replica to take over, restart a node, and stop everything.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, portOpen, startProcess, waitUntil, type Managed } from '../../scripts/stack/process.js';

/** Short enough that a failover takes a few seconds; long enough that a busy 2-core CI box does not fake one. */
export const NODE_TIMEOUT_MS = 2_000;

export interface TopologyNode {
  addr: string;
  id: string;
  role: 'master' | 'replica';
  /** Flagged fail or pfail by the node we asked. */
  failed: boolean;
  masterId?: string;
  /** Slot ranges [from, to] a master serves. */
  slots: [number, number][];
}

export interface LocalRedisCluster {
  /** All six addresses, "127.0.0.1:port", in start order. */
  addrs: string[];
  /** The value for REDIS_CLUSTER_NODES. */
  seeds: string;
  dir: string;
  /** The cluster as one live node sees it. */
  topology(): Promise<TopologyNode[]>;
  /** The master serving a slot now. */
  masterOf(slot: number): Promise<TopologyNode>;
  isRunning(addr: string): boolean;
  /** Ends one node's process (SIGKILL: a crash, nothing flushed) and waits for it to be gone. */
  kill(addr: string, signal?: NodeJS.Signals): Promise<void>;
  /** Freezes a node's process (SIGSTOP) or thaws it (SIGCONT): it stops answering without closing its connections. */
  pause(addr: string): void;
  resume(addr: string): void;
  /** Starts a stopped node again with its own nodes.conf; it rejoins (a former master comes back as a replica). */
  restart(addr: string): Promise<void>;
  /** Crashes a master and waits until its replica is master and every live node reports cluster_state:ok. */
  failOver(masterAddr: string): Promise<{ newMaster: string; ms: number }>;
  /** Every live node: cluster_state:ok, agrees on the live nodes, each replica's link to its master up. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const portOf = (addr: string) => Number(addr.split(':')[1]);

/** One command on one node over a fresh connection that never retries (a dead node fails at once). */
export async function nodeCommand(addr: string, ...args: (string | number)[]): Promise<unknown> {
  const r = new Redis({
    host: '127.0.0.1',
    port: portOf(addr),
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1_000,
    commandTimeout: 2_000,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return await r.call(String(args[0]), ...args.slice(1).map(String));
  } finally {
    r.disconnect();
  }
}

const infoField = (info: string, field: string) => new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();

export function parseClusterNodes(text: string): TopologyNode[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, master, , , , , ...slots] = line.trim().split(' ');
      const f = flags!.split(',');
      return {
        id: id!,
        addr: address!.split('@')[0]!,
        role: f.includes('master') ? 'master' : 'replica',
        failed: f.includes('fail') || f.includes('fail?'),
        ...(master && master !== '-' ? { masterId: master } : {}),
        slots: slots
          .filter((s) => !s.startsWith('['))
          .map((s) => {
            const [from, to] = s.split('-').map(Number);
            return [from!, to ?? from!] as [number, number];
          }),
      };
    });
}

export async function startRedisCluster(opts: { dir?: string } = {}): Promise<LocalRedisCluster> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'sparkle-redis-cluster-'));
  const procs = new Map<string, Managed>();
  // The bus ports are chosen too: the default (port + 10000) can fall outside 1-65535 for an ephemeral port.
  const ports = new Set<number>();
  while (ports.size < 12) ports.add(await freePort());
  const [client, bus] = [[...ports].slice(0, 6), [...ports].slice(6)];
  const addrs = client.map((p) => `127.0.0.1:${p}`);
  const busPorts = new Map(addrs.map((a, i) => [a, bus[i]!]));

  const startNode = async (addr: string) => {
    const port = portOf(addr);
    const nodeDir = join(dir, String(port));
    mkdirSync(nodeDir, { recursive: true });
    const logFile = join(dir, `redis-${port}.log`);
    const proc = startProcess(
      `redis-${port}`,
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        nodeDir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-port',
        String(busPorts.get(addr)),
        '--cluster-node-timeout',
        String(NODE_TIMEOUT_MS),
        // A replica may take over however long it was cut off; the other shards keep serving while one is down.
        '--cluster-replica-validity-factor',
        '0',
        '--cluster-require-full-coverage',
        'no',
        // Full syncs start at once instead of after the default 5 s of waiting for more replicas; replication offsets
        // move every second even without writes, so CLUSTER SLOTS lists a new replica soon.
        '--repl-diskless-sync-delay',
        '0',
        '--repl-ping-replica-period',
        '1',
      ],
      { logFile },
    );
    procs.set(addr, proc);
    await waitUntil(`redis node ${addr}`, () => portOpen(port), { timeoutMs: 10_000, proc, logFile });
  };

  const live = () => addrs.filter((a) => isRunning(a));
  const isRunning = (addr: string) => {
    const c = procs.get(addr)?.child;
    return !!c && c.exitCode === null && c.signalCode === null;
  };

  const topology = async (): Promise<TopologyNode[]> => {
    let lastErr: unknown;
    for (const addr of live()) {
      try {
        return parseClusterNodes(String(await nodeCommand(addr, 'CLUSTER', 'NODES')));
      } catch (err) {
        lastErr = err;
      }
    }
    throw new Error(`no live cluster node answered CLUSTER NODES: ${String(lastErr)}`);
  };

  const healthy = async (): Promise<boolean> => {
    const running = live();
    const views = new Map<string, TopologyNode[]>();
    for (const addr of running) {
      if (infoField(String(await nodeCommand(addr, 'CLUSTER', 'INFO')), 'cluster_state') !== 'ok') return false;
      views.set(addr, parseClusterNodes(String(await nodeCommand(addr, 'CLUSTER', 'NODES'))));
    }
    // Every live node sees every other live node, unflagged and in the role that node has in its own view.
    const selfRole = (addr: string) => views.get(addr)!.find((n) => n.addr === addr)?.role;
    for (const seen of views.values()) {
      for (const other of running) if (!seen.some((n) => n.addr === other && !n.failed && n.role === selfRole(other))) return false;
      const covered = seen.filter((n) => n.role === 'master' && !n.failed).reduce((sum, n) => sum + n.slots.reduce((s, [a, b]) => s + b - a + 1, 0), 0);
      if (covered !== 16384) return false;
    }
    for (const addr of running) {
      if (selfRole(addr) === 'replica' && infoField(String(await nodeCommand(addr, 'INFO', 'replication')), 'master_link_status') !== 'up') return false;
    }
    // Clients learn replicas from CLUSTER SLOTS, which lists one only once it has replicated something.
    const replicas = running.filter((a) => selfRole(a) === 'replica');
    for (const addr of running) {
      const listed = new Set(
        ((await nodeCommand(addr, 'CLUSTER', 'SLOTS')) as [number, number, ...[string, number][]][]).flatMap(([, , , ...reps]) =>
          reps.map(([host, port]) => `${host}:${port}`),
        ),
      );
      if (!replicas.every((r) => listed.has(r))) return false;
    }
    return true;
  };

  const waitHealthy = (timeoutMs = 30_000) => waitUntil('redis cluster healthy', healthy, { timeoutMs, logFile: dir });

  const kill = async (addr: string, signal: NodeJS.Signals = 'SIGKILL') => {
    const proc = procs.get(addr);
    if (!proc || !isRunning(addr)) return;
    const exited = new Promise((resolve) => proc.child.once('exit', resolve));
    proc.child.kill(signal);
    await exited;
  };

  const stop = async () => {
    await Promise.all([...procs.values()].map((p) => (p.child.kill('SIGCONT'), p.stop())));
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  };

  try {
    await Promise.all(addrs.map(startNode));
    await run('redis-cli', ['--cluster', 'create', ...addrs, '--cluster-replicas', '1', '--cluster-yes'], { timeout: 60_000 });
    await waitHealthy();
    const t = await topology();
    if (t.filter((n) => n.role === 'master').length !== 3) throw new Error('expected three masters after cluster create');
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    addrs,
    seeds: addrs.join(','),
    dir,
    topology,
    async masterOf(slot) {
      const m = (await topology()).find((n) => n.role === 'master' && !n.failed && n.slots.some(([a, b]) => slot >= a && slot <= b));
      if (!m) throw new Error(`no live master serves slot ${slot}`);
      return m;
    },
    isRunning,
    kill,
    pause: (addr) => procs.get(addr)?.child.kill('SIGSTOP'),
    resume: (addr) => procs.get(addr)?.child.kill('SIGCONT'),
    restart: startNode,
    async failOver(masterAddr) {
      const before = await topology();
      const master = before.find((n) => n.addr === masterAddr && n.role === 'master');
      const replica = master && before.find((n) => n.masterId === master.id);
      if (!replica) throw new Error(`${masterAddr} is not a master with a replica`);
      const started = Date.now();
      await kill(masterAddr);
      await waitUntil(
        `${replica.addr} promoted`,
        async () => infoField(String(await nodeCommand(replica.addr, 'INFO', 'replication')), 'role') === 'master' && (await healthy()),
        { timeoutMs: 15 * NODE_TIMEOUT_MS, logFile: dir },
      );
      return { newMaster: replica.addr, ms: Date.now() - started };
    },
    waitHealthy,
    stop,
  };
}
