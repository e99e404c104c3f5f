// The local driver: Debian's bubblewrap for the namespaces and the filesystem, per-run cgroups for memory, CPU
// and pids (rlimits where cgroups are not writable), run as uid 65534, killed at the wall clock or the output cap.
//
// How one run starts (each step execs the next; only unshare and bwrap fork):
//   bash (root)  joins the run's cgroups with `echo $$ > cgroup.procs` BEFORE anything else runs, so nothing ever
//                runs outside them, and closes every inherited fd but 0-3 (Node passes non-CLOEXEC fds it
//                inherited to children; on this machine one is a pipe of the process that started us)
//   prlimit      rlimits: core 0, nofile, fsize, cpu, nproc, and address space when there is no memory cgroup
//   unshare      an outer pid namespace whose init is bwrap itself. bwrap's monitor exits as soon as its pid-1
//                helper reports the exit status, without reaping it; that zombie would be re-parented to the
//                host's init. Inside this namespace the kernel reaps it when bwrap exits instead.
//   setpriv      drops to uid/gid 65534 with no groups, no capabilities and no_new_privs. Dropping *before* bwrap
//                is what works as root: bwrap run by root with --unshare-user maps the sandbox user to host uid 0,
//                so host root's files would look like the sandbox user's own; run by 65534 (unprivileged user
//                namespaces are enabled here) the program is 65534 inside and outside.
//   bwrap        new user, mount, pid, net (loopback only), ipc, uts and cgroup namespaces; a read-only root that
//                holds only /usr, the /bin and /lib links, a few files of /etc, /proc, a read-only /dev, the
//                program's read-only directory and a size-capped tmpfs /tmp; nested user namespaces disabled;
//                the seccomp filter of seccomp_filter.py (read from fd 4, which bash opened for it)
//   sh (inside)  writes one byte to fd 3 (proof that bwrap's setup succeeded), closes it, execs python3.
import { execFile } from 'node:child_process';
import { constants as osConstants, tmpdir } from 'node:os';
import { access, chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { constants as fsConstants, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cgroupWalls, createRunCgroup, detectCgroups, sweepStale, type CgroupMode, type RunCgroup } from './cgroups.js';
import { abortError, killGroup, programFiles, runCapped, toResult } from './process-run.js';
import type { RunRequest, RunResult, SandboxDriver, SandboxLimits } from './types.js';

export interface LocalDriverOptions {
  /** Default /usr/bin/python3 (Debian's, with numpy and pandas). */
  python?: string;
  bwrap?: string;
  /** Default /sys/fs/cgroup. */
  cgroupRoot?: string;
  /** Path inside each hierarchy to create run cgroups under; default the caller's own cgroup. */
  cgroupParent?: string;
  /** false: rlimits only (to exercise the fallback). */
  cgroups?: boolean;
  /** Parent of the per-run temp dirs; default os.tmpdir(). */
  workDir?: string;
  /** Size of the sandbox's /tmp; default 32 MiB. */
  tmpfsBytes?: number;
}

export interface LocalSandboxDriver extends SandboxDriver {
  readonly name: 'local';
  /** The walls this machine gives every run (starts the driver if needed; rejects like run() when it cannot). */
  walls(): Promise<string[]>;
}

const UID = 65534;
const SETPRIV = '/usr/bin/setpriv';
const PRLIMIT = '/usr/bin/prlimit';
const BASH = '/bin/bash';
const UNSHARE = '/usr/bin/unshare';
const SANDBOX_DIR = '/sandbox';
const SECCOMP_SCRIPT = fileURLToPath(new URL('./seccomp_filter.py', import.meta.url));
const SECCOMP_FD = 4;

const OUTER = [
  'seccomp=$1; n=$2; shift 2',
  'for f in /proc/$$/fd/*; do fd=${f##*/}; case $fd in 0|1|2|3) ;; *) [ -e "$f" ] && eval "exec $fd>&-" ;; esac; done',
  'while [ "$n" -gt 0 ]; do echo $$ > "$1" || { echo "sparkle-sandbox: cannot join cgroup $1" >&2; exit 125; }; shift; n=$((n-1)); done',
  `exec ${SECCOMP_FD}<"$seccomp"`,
  'exec "$@"',
].join('\n');
const INNER = 'printf S >&3; exec 3>&-; exec "$@"';

// Python reads no user site (-s) and writes no bytecode (-B). Not -I: it would also ignore PYTHONHASHSEED (we want
// reproducible set order across retries) and drop the script's directory, where the caller's helper files sit;
// bwrap's --clearenv already gives the clean environment -I's -E stands for.
const ENV: Record<string, string> = {
  PATH: '/usr/bin:/bin',
  HOME: '/tmp',
  TMPDIR: '/tmp',
  LANG: 'C.UTF-8',
  PYTHONHASHSEED: '0',
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONIOENCODING: 'utf-8',
  OPENBLAS_NUM_THREADS: '1',
  OMP_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
  NUMEXPR_MAX_THREADS: '1',
  MPLCONFIGDIR: '/tmp',
};

interface Ready {
  mode: CgroupMode;
  walls: string[];
  /** The compiled seccomp filter (classic BPF), written into each run's directory for bwrap. */
  seccomp: Buffer;
}

/** Compiles seccomp_filter.py's filter with `python` (it needs libseccomp's bindings, Debian's python3-seccomp). */
async function compileSeccomp(python: string, workDir: string): Promise<Buffer> {
  const dir = await mkdtemp(join(workDir, `sparkle-sbx-${process.pid}-seccomp-`));
  try {
    await promisify(execFile)(python, ['-I', SECCOMP_SCRIPT, join(dir, 'filter.bpf')], { env: { PATH: '/usr/bin:/bin' }, timeout: 30_000 });
    return await readFile(join(dir, 'filter.bpf'));
  } catch (e) {
    const detail = String((e as { stderr?: string }).stderr ?? (e as Error).message)
      .trim()
      .split('\n')
      .pop();
    throw new Error(`sandbox unavailable: cannot compile the seccomp filter with ${python} (python3-seccomp installed?): ${detail}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function createLocalDriver(opts: LocalDriverOptions = {}): LocalSandboxDriver {
  const python = opts.python ?? '/usr/bin/python3';
  const bwrap = opts.bwrap ?? '/usr/bin/bwrap';
  const workDir = opts.workDir ?? tmpdir();
  const tmpfsBytes = opts.tmpfsBytes ?? 32 * 1024 * 1024;
  // Not root (a developer's laptop): we are unprivileged already; setpriv and unshare --pid would need root.
  const asRoot = process.getuid?.() === 0;
  let ready: Promise<Ready> | undefined;

  const start = async (): Promise<Ready> => {
    const missing: string[] = [];
    for (const exe of [bwrap, python, PRLIMIT, BASH, '/bin/sh', ...(asRoot ? [SETPRIV, UNSHARE] : [])]) {
      await access(exe, fsConstants.X_OK).catch(() => missing.push(exe));
    }
    if (missing.length)
      throw new Error(
        `sandbox unavailable: missing executable ${missing.join(', ')} (bubblewrap and util-linux's setpriv, prlimit and unshare are required; nothing runs unisolated)`,
      );
    const mode: CgroupMode =
      opts.cgroups === false ? { kind: 'none', reason: 'cgroups turned off' } : await detectCgroups(opts.cgroupRoot ?? '/sys/fs/cgroup', opts.cgroupParent);
    await sweepStale(mode);
    await sweepStaleDirs(workDir);
    const r: Ready = { mode, walls: wallsFor(mode, tmpfsBytes, asRoot), seccomp: await compileSeccomp(python, workDir) };
    // One real run proves bwrap can build its namespaces here (user namespaces allowed, mounts permitted).
    const probe = await runOnce(r, { code: 'pass', limits: { memoryBytes: 256 << 20, cpus: 1, pids: 16, wallTimeMs: 30_000, outputBytes: 4096 } });
    if (probe.exitCode !== 0) throw new Error(`sandbox unavailable: a trivial program failed in the sandbox: ${probe.stderr.trim() || probe.error?.message}`);
    return r;
  };
  const getReady = () => {
    ready ??= start().catch((e: unknown) => {
      ready = undefined; // a later call tries again (bwrap installed meanwhile, ...)
      throw e;
    });
    return ready;
  };

  async function runOnce(r: Ready, req: RunRequest, signal?: AbortSignal): Promise<RunResult> {
    const limits = req.limits;
    const runDir = await mkdtemp(join(workDir, `sparkle-sbx-${process.pid}-`));
    let cg: RunCgroup | undefined;
    try {
      // 0755/0644: the sandbox user must read the program; nothing in here is writable to it.
      await chmod(runDir, 0o755);
      const prog = join(runDir, 'prog');
      await mkdir(prog, { mode: 0o755 });
      for (const [name, content] of Object.entries(programFiles(req))) await writeFile(join(prog, name), content, { mode: 0o644 });
      await writeFile(join(runDir, 'passwd'), `nobody:x:${UID}:${UID}:nobody:/tmp:/usr/sbin/nologin\n`, { mode: 0o644 });
      await writeFile(join(runDir, 'group'), `nogroup:x:${UID}:\n`, { mode: 0o644 });
      await writeFile(join(runDir, 'seccomp.bpf'), r.seccomp, { mode: 0o644 });
      try {
        cg = await createRunCgroup(r.mode, limits);
      } catch (e) {
        throw new Error(`sandbox unavailable: cannot create the run's cgroup: ${(e as Error).message}`);
      }
      const procs = cg?.procsFiles ?? [];
      const args = [
        '--norc',
        '--noprofile',
        '-c',
        OUTER,
        'sparkle-sandbox',
        join(runDir, 'seccomp.bpf'),
        String(procs.length),
        ...procs,
        PRLIMIT,
        ...rlimitArgs(limits, r.mode, tmpfsBytes, asRoot),
        '--',
        ...(asRoot
          ? [
              UNSHARE,
              '--pid',
              '--fork',
              '--kill-child',
              '--',
              SETPRIV,
              `--reuid=${UID}`,
              `--regid=${UID}`,
              '--clear-groups',
              '--no-new-privs',
              '--inh-caps=-all',
              '--bounding-set=-all',
              '--',
            ]
          : []),
        bwrap,
        ...bwrapArgs(runDir, prog, tmpfsBytes),
        '--',
        '/bin/sh',
        '-c',
        INNER,
        'sh',
        python,
        '-s',
        '-B',
        `${SANDBOX_DIR}/main.py`,
      ];
      const raw = await runCapped(
        {
          command: BASH,
          args,
          env: { PATH: '/usr/bin:/bin' }, // no secrets reach even the wrapper
          stdin: req.stdin,
          extraPipes: 1,
          kill: (child) => {
            killGroup(child);
            void cg?.killAll();
          },
        },
        limits,
        signal,
      );
      if (raw.spawnError) throw new Error(`sandbox unavailable: cannot start ${BASH}: ${raw.spawnError.message}`);
      if (raw.aborted) throw abortError(signal);
      const started = raw.extra[0]?.includes('S') ?? false;
      if (!started && !raw.timedOut && !raw.truncated) {
        throw new Error(
          `sandbox unavailable: the sandbox could not be set up (bwrap or joining the cgroups failed): ${raw.stderr.toString('utf8').trim() || `exit ${raw.exitCode}`}`,
        );
      }
      // bwrap reports a program killed by a signal as exit 128+n.
      if (raw.signal === null && raw.exitCode !== null && raw.exitCode > 128 && raw.exitCode < 128 + 65) {
        raw.signal = Object.entries(osConstants.signals).find(([, n]) => n === raw.exitCode! - 128)?.[0] ?? null;
      }
      const [facts, usage] = cg ? await Promise.all([cg.facts(), cg.usage()]) : [{}, {}];
      return toResult(raw, limits, facts, usage);
    } finally {
      // Always: no cgroup and no temp dir outlives its run.
      await cg?.remove().catch((e: Error) => process.emitWarning(e.message, 'SandboxCleanupWarning'));
      await rm(runDir, { recursive: true, force: true });
    }
  }

  return {
    name: 'local',
    async walls() {
      return (await getReady()).walls;
    },
    async run(req, signal) {
      if (signal?.aborted) throw abortError(signal);
      return runOnce(await getReady(), req, signal);
    },
  };
}

/** Run dirs left by a process that died mid-run (a killed worker cannot clean up after itself). */
async function sweepStaleDirs(workDir: string): Promise<void> {
  for (const entry of await readdir(workDir).catch(() => [] as string[])) {
    const owner = Number(entry.match(/^sparkle-sbx-(\d+)-/)?.[1]);
    if (!owner || owner === process.pid) continue;
    try {
      process.kill(owner, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') await rm(join(workDir, entry), { recursive: true, force: true });
    }
  }
}

/** Tasks (threads included) the host runs now under a real uid: what RLIMIT_NPROC counts for it. */
function tasksOfUid(uid: number): number {
  let n = 0;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    let status = '';
    try {
      status = readFileSync(`/proc/${p}/status`, 'utf8'); // sync: ~2 ms for 200 processes, async is 10x slower
    } catch {
      continue;
    }
    if (status.match(/^Uid:\s+(\d+)/m)?.[1] === String(uid)) n += Number(status.match(/^Threads:\s+(\d+)/m)?.[1] ?? 1);
  }
  return n;
}

function rlimitArgs(limits: SandboxLimits, mode: CgroupMode, tmpfsBytes: number, asRoot: boolean): string[] {
  const hasPids = mode.kind === 'v2' || (mode.kind === 'v1' && !!mode.parents.pids);
  const hasMemory = mode.kind === 'v2' || (mode.kind === 'v1' && !!mode.parents.memory);
  // RLIMIT_NPROC counts every task of the host uid (65534, or the caller's when not root), concurrent runs
  // included. With a pids cgroup it is a loose backstop; without one it is the pids wall, counted from what
  // that uid runs now.
  const nproc = asRoot && hasPids ? limits.pids * 8 : tasksOfUid(asRoot ? UID : process.getuid!()) + limits.pids;
  const cpuSeconds = Math.ceil(limits.wallTimeMs / 1000) + 1;
  const args = [
    '--core=0',
    '--nofile=256',
    // Only /tmp is writable and it is capped; this caps one file a little above it so a full /tmp says ENOSPC.
    `--fsize=${tmpfsBytes + (1 << 20)}`,
    // CPU seconds per process: a second clock in case the timer or the cpu cgroup is missing.
    `--cpu=${cpuSeconds}`,
    `--nproc=${nproc}`,
  ];
  // Without a memory cgroup, address space is the memory wall (coarser: it counts mappings, not pages used).
  if (!hasMemory) args.push(`--as=${limits.memoryBytes}`);
  return args;
}

/** /bin, /lib, ... are links into /usr on merged-usr systems (Debian 12): recreate the links, else bind the dirs. */
function topLevelLinks(): string[] {
  const args: string[] = [];
  for (const p of ['/bin', '/sbin', '/lib', '/lib64', '/lib32']) {
    try {
      const st = lstatSync(p);
      if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(p), p);
      else if (st.isDirectory()) args.push('--ro-bind', p, p);
    } catch {
      /* absent here */
    }
  }
  return args;
}

function bwrapArgs(runDir: string, prog: string, tmpfsBytes: number): string[] {
  const env = Object.entries(ENV).flatMap(([k, v]) => ['--setenv', k, v]);
  return [
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--uid',
    String(UID),
    '--gid',
    String(UID),
    '--seccomp',
    String(SECCOMP_FD),
    '--die-with-parent',
    '--new-session',
    '--hostname',
    'sandbox',
    '--ro-bind',
    '/usr',
    '/usr',
    ...topLevelLinks(),
    // Not the whole /etc: only what the loader, BLAS alternatives and time zones need, and a passwd of one user.
    '--ro-bind-try',
    '/etc/alternatives',
    '/etc/alternatives',
    '--ro-bind-try',
    '/etc/ld.so.cache',
    '/etc/ld.so.cache',
    '--ro-bind-try',
    '/etc/localtime',
    '/etc/localtime',
    '--ro-bind',
    join(runDir, 'passwd'),
    '/etc/passwd',
    '--ro-bind',
    join(runDir, 'group'),
    '/etc/group',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--remount-ro',
    '/dev',
    '--size',
    String(tmpfsBytes),
    '--tmpfs',
    '/tmp',
    '--ro-bind',
    prog,
    SANDBOX_DIR,
    '--remount-ro',
    '/',
    '--chdir',
    SANDBOX_DIR,
    '--clearenv',
    ...env,
  ];
}

function wallsFor(mode: CgroupMode, tmpfsBytes: number, asRoot: boolean): string[] {
  const cg = cgroupWalls(mode);
  return [
    'bubblewrap namespaces: user (nested ones disabled), mount, pid, net (loopback only), ipc, uts, cgroup',
    'read-only root: /usr, /bin and /lib links, /etc/{alternatives,ld.so.cache,localtime}, a one-user passwd, the program read-only',
    `private tmpfs /tmp of ${Math.round(tmpfsBytes / (1 << 20))} MB; read-only /dev`,
    `uid/gid ${UID} ${asRoot ? 'on the host too' : `inside, host uid ${process.getuid?.()} (not root: no setpriv)`}, no capabilities, no_new_privs, no inherited fds, clean environment`,
    ...(cg.length
      ? cg
      : [`no cgroups (${mode.kind === 'none' ? mode.reason : ''}): RLIMIT_AS is the memory wall, RLIMIT_NPROC the pids wall, RLIMIT_CPU the CPU wall`]),
    "seccomp: EPERM for the keyring, eBPF, perf events, userfaultfd, io_uring, mounts and namespaces (clone flags too), ptrace and other processes' memory, modules, kexec, clocks, swap, reboot; foreign-architecture syscalls kill",
    'rlimits: core 0, nofile 256, fsize, cpu seconds, nproc',
    'wall-clock kill (process group, pid namespace, cgroup tasks) and output cap',
  ];
}
