// The Docker driver (production): the same limits, one throwaway container per run. The output cap, the wall
// clock, abort and the result mapping are process-run.ts, shared with the local driver.
//
// The program reaches the container on its stdin, not through a bind mount: a worker that talks to the host's
// Docker daemon from inside its own container has no host path to offer. A bootstrap reads a length-prefixed JSON
// bundle of files from fd 0 byte-exactly, writes them read-only into /tmp/sandbox and execs python3 on main.py,
// so the rest of stdin is the program's own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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

const ENV = { HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8', PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8', OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', MPLCONFIGDIR: '/tmp' };

/** `docker run` arguments for one run; pure, so a unit test can hold them to the limits. */
export function dockerRunArgs(limits: SandboxLimits, o: { image: string; name: string; python?: string; tmpfsBytes?: number }): string[] {
  const tmpfs = o.tmpfsBytes ?? 32 * 1024 * 1024;
  return [
    'run', '--rm', '-i', '--name', o.name,
    '--pull', 'never', // a run never downloads an image
    '--network', 'none',
    '--cpus', String(limits.cpus),
    '--memory', `${limits.memoryBytes}b`,
    '--memory-swap', `${limits.memoryBytes}b`, // equal to --memory: no swap on top
    '--pids-limit', String(limits.pids),
    '--read-only',
    '--tmpfs', `/tmp:rw,nosuid,nodev,noexec,size=${tmpfs}`,
    '--user', '65534:65534',
    '--cap-drop', 'ALL',
    '--security-opt', 'no-new-privileges',
    '--ipc', 'none',
    '--hostname', 'sandbox',
    '--log-driver', 'none', // 100 MB of output must not land in the daemon's logs
    '--ulimit', 'core=0',
    '--ulimit', 'nofile=256:256',
    '--ulimit', `fsize=${tmpfs + (1 << 20)}`,
    '--workdir', '/tmp',
    ...Object.entries(ENV).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
    o.image,
    o.python ?? '/usr/bin/python3', '-s', '-B', '-c', DOCKER_BOOTSTRAP, '/tmp/sandbox',
  ];
}

export function createDockerDriver(opts: DockerDriverOptions): SandboxDriver {
  const docker = opts.docker ?? 'docker';
  return {
    name: 'docker',
    async run(req, signal): Promise<RunResult> {
      if (signal?.aborted) throw abortError(signal);
      const name = `sparkle-sbx-${randomBytes(6).toString('hex')}`;
      const raw = await runCapped(
        {
          command: docker,
          args: dockerRunArgs(req.limits, { image: opts.image, name, python: opts.python, tmpfsBytes: opts.tmpfsBytes }),
          env: { PATH: process.env.PATH, DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONFIG: process.env.DOCKER_CONFIG },
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
      // 125: the daemon refused (no engine, no image, bad flag); 126/127: the image has no such interpreter.
      if (!raw.timedOut && !raw.truncated && [125, 126, 127].includes(raw.exitCode ?? 0) && /^docker: |Error response from daemon|executable file not found/m.test(stderr)) {
        throw new Error(`sandbox unavailable: docker could not start the container: ${stderr.trim()}`);
      }
      // The container's pid 1 is python itself: 137 that we did not cause is the OOM killer at --memory.
      const oomKilled = raw.exitCode === 137 && !raw.timedOut && !raw.truncated;
      return toResult(raw, req.limits, { oomKilled }, {});
    },
  };
}
