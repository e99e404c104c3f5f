// The Docker driver (production): the same limits, one throwaway container per run. The output cap, the wall
// clock, abort and the result mapping are process-run.ts, shared with the local driver.
//
// The program reaches the container on its stdin, not through a bind mount: a worker that talks to the host's
// Docker daemon from inside its own container has no host path to offer. A bootstrap reads a length-prefixed JSON
// bundle of files from fd 0 byte-exactly, writes them read-only into /tmp/sandbox and execs python3 on main.py,
// so the rest of stdin is the program's own.
//
// A worker killed mid-run cannot stop its container (the daemon keeps it running): the program runs under
// `timeout` inside the container, and each container is labelled with its owner and a deadline, for the driver's
// sweep() (run at worker start and periodically) to remove one whose owner is gone or whose deadline passed.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { abortError, killGroup, programFiles, runCapped, toResult } from './process-run.js';
import type { RunRequest, RunResult, SandboxDriver, SandboxLimits } from './types.js';

export interface DockerDriverOptions {
  image: string;
  /** The docker CLI; default `docker` on PATH. */
  docker?: string;
  /** The interpreter inside the image; default /usr/bin/python3 (Debian's, as in this project's image). */
  python?: string;
  /** Size of the container's /tmp; default 32 MiB. */
  tmpfsBytes?: number;
}

export const DOCKER_BOOTSTRAP = `import json, os, sys
def rd(n):
    b = b''
    while len(b) < n:
        c = os.read(0, n - len(b))
        if not c:
            raise SystemExit('sandbox: truncated program bundle')
        b += c
    return b
d = sys.argv[1]
files = json.loads(rd(int(rd(10))))
os.mkdir(d, 0o700)
for name, text in files.items():
    p = os.path.join(d, os.path.basename(name))
    with open(p, 'w', encoding='utf-8') as f:
        f.write(text)
    os.chmod(p, 0o444)
os.chmod(d, 0o555)
os.chdir(d)
os.execv(sys.executable, [sys.executable, '-s', '-B', os.path.join(d, 'main.py')])
`;

/** What goes on the container's stdin: the bundle (10 ASCII digits of length, then JSON), then the program's stdin. */
export function dockerStdin(req: RunRequest): string {
  const bundle = JSON.stringify(programFiles(req));
  return `${String(Buffer.byteLength(bundle)).padStart(10, '0')}${bundle}${req.stdin ?? ''}`;
}

const ENV = {
  HOME: '/tmp',
  TMPDIR: '/tmp',
  LANG: 'C.UTF-8',
  PYTHONHASHSEED: '0',
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONIOENCODING: 'utf-8',
  OPENBLAS_NUM_THREADS: '1',
  OMP_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
  MPLCONFIGDIR: '/tmp',
};

/** Seconds the program may run past the wall clock inside its container: the worker's own kill comes first. */
export const IN_CONTAINER_GRACE_S = 10;
/** After this much more, a container still there is removed by the sweep whoever owns it. */
const SWEEP_GRACE_MS = 60_000;
export const LABEL = { sandbox: 'sparkle.sandbox', owner: 'sparkle.owner', deadline: 'sparkle.deadline' } as const;
/** This process, as a container's owner label: a sweep on this host can tell whether it still lives. */
export const ownerId = () => `${hostname()}:${process.pid}`;

/** `docker run` arguments for one run; pure, so a unit test can hold them to the limits. */
export function dockerRunArgs(
  limits: SandboxLimits,
  o: { image: string; name: string; python?: string; tmpfsBytes?: number; owner?: string; now?: number },
): string[] {
  const tmpfs = o.tmpfsBytes ?? 32 * 1024 * 1024;
  const limitS = Math.ceil(limits.wallTimeMs / 1000) + IN_CONTAINER_GRACE_S;
  const deadline = (o.now ?? Date.now()) + limitS * 1000 + SWEEP_GRACE_MS;
  return [
    'run',
    '--rm',
    '-i',
    '--name',
    o.name,
    '--label',
    `${LABEL.sandbox}=1`,
    '--label',
    `${LABEL.owner}=${o.owner ?? ownerId()}`,
    '--label',
    `${LABEL.deadline}=${deadline}`,
    '--pull',
    'never', // a run never downloads an image
    '--network',
    'none',
    '--cpus',
    String(limits.cpus),
    '--memory',
    `${limits.memoryBytes}b`,
    '--memory-swap',
    `${limits.memoryBytes}b`, // equal to --memory: no swap on top
    '--pids-limit',
    String(limits.pids),
    '--read-only',
    '--tmpfs',
    `/tmp:rw,nosuid,nodev,noexec,size=${tmpfs}`,
    '--user',
    '65534:65534',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '--ipc',
    'none',
    '--hostname',
    'sandbox',
    '--log-driver',
    'none', // 100 MB of output must not land in the daemon's logs
    '--ulimit',
    'core=0',
    '--ulimit',
    'nofile=256:256',
    '--ulimit',
    `fsize=${tmpfs + (1 << 20)}`,
    '--workdir',
    '/tmp',
    ...Object.entries(ENV).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
    o.image,
    // coreutils' timeout as pid 1: nothing the program does stops it, and it passes a kill's exit status on (137).
    '/usr/bin/timeout',
    '-s',
    'KILL',
    `${limitS}s`,
    o.python ?? '/usr/bin/python3',
    '-s',
    '-B',
    '-c',
    DOCKER_BOOTSTRAP,
    '/tmp/sandbox',
  ];
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
};

/** Of `docker ps` lines (id, owner, deadline), the containers to remove: past their deadline, or owned by a dead process of this host. */
export function orphanedContainers(lines: string[], now: number, host = hostname()): string[] {
  return lines.flatMap((line) => {
    const [id, owner = '', deadline = ''] = line.split('\t');
    if (!id) return [];
    const at = owner.lastIndexOf(':');
    const ownerGone = owner.slice(0, at) === host && !alive(Number(owner.slice(at + 1)));
    return ownerGone || !(Number(deadline) > now) ? [id] : [];
  });
}

export function createDockerDriver(opts: DockerDriverOptions): SandboxDriver {
  const docker = opts.docker ?? 'docker';
  const env = () => ({ PATH: process.env.PATH, DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONFIG: process.env.DOCKER_CONFIG });
  const cli = async (args: string[]) => (await promisify(execFile)(docker, args, { env: env(), timeout: 60_000 })).stdout;
  return {
    name: 'docker',
    async sweep() {
      const format = `{{.ID}}\t{{.Label "${LABEL.owner}"}}\t{{.Label "${LABEL.deadline}"}}`;
      const ids = orphanedContainers((await cli(['ps', '-a', '--filter', `label=${LABEL.sandbox}`, '--format', format])).split('\n'), Date.now());
      if (ids.length) await cli(['rm', '-f', ...ids]);
      return ids.length;
    },
    async run(req, signal): Promise<RunResult> {
      if (signal?.aborted) throw abortError(signal);
      const name = `sparkle-sbx-${randomBytes(6).toString('hex')}`;
      const raw = await runCapped(
        {
          command: docker,
          args: dockerRunArgs(req.limits, { image: opts.image, name, python: opts.python, tmpfsBytes: opts.tmpfsBytes }),
          env: env(),
          stdin: dockerStdin(req),
          // Killing the CLI does not stop the container: the daemon must kill it (--rm then removes it).
          kill: (child) => {
            spawn(docker, ['kill', name], { stdio: 'ignore' }).on('error', () => {});
            killGroup(child);
          },
        },
        req.limits,
        signal,
      );
      if (raw.spawnError) throw new Error(`sandbox unavailable: cannot run ${docker}: ${raw.spawnError.message}`);
      if (raw.aborted) throw abortError(signal);
      const stderr = raw.stderr.toString('utf8');
      // 125: the daemon refused (no engine, no image, bad flag); 126/127: the image has no such interpreter (or no timeout).
      if (
        !raw.timedOut &&
        !raw.truncated &&
        [125, 126, 127].includes(raw.exitCode ?? 0) &&
        /^docker: |Error response from daemon|executable file not found|Cannot connect to the Docker daemon|^timeout: failed to run command/m.test(stderr)
      ) {
        throw new Error(`sandbox unavailable: docker could not start the container: ${stderr.trim()}`);
      }
      // python is the container's only big process (timeout, pid 1, passes its exit on): 137 that we did not cause is the OOM killer at --memory.
      const oomKilled = raw.exitCode === 137 && !raw.timedOut && !raw.truncated;
      return toResult(raw, req.limits, { oomKilled }, {});
    },
  };
}
