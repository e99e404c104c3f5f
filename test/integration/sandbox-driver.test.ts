// The local sandbox driver on the real thing: bubblewrap, this machine's cgroups, Debian's python3. The shared
// walls (test/support/sandbox-walls.ts) run unvalidated abuse; the rest is what only this driver has.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDriver, type LocalSandboxDriver } from '../../sandbox/local-driver.js';
import { expectError, LIMITS, sandboxWallSuite } from '../support/sandbox-walls.js';

const CG_ROOT = '/sys/fs/cgroup';

let workDir: string;
let driver: LocalSandboxDriver;

/** Directories of per-run cgroups this process created, in every v1 hierarchy (and the v2 one). */
function leftoverCgroups(): string[] {
  const found: string[] = [];
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')) {
    const [, ctrls = '', path = '/'] = line.split(':');
    const dirs =
      ctrls === '' ? [join(CG_ROOT, 'unified', path), join(CG_ROOT, path)] : ctrls.split(',').map((c) => join(CG_ROOT, c.replace(/^name=/, ''), path));
    for (const d of dirs) {
      for (const e of existsSync(d) ? readdirSync(d) : []) if (e.startsWith(`sparkle-sbx-${process.pid}-`)) found.push(join(d, e));
    }
  }
  return found;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'sbx-test-work-'));
  chmodSync(workDir, 0o711); // bwrap runs as uid 65534 and must reach the run dirs to bind them
  driver = createLocalDriver({ workDir });
  console.log(`sandbox walls on this machine:\n  ${(await driver.walls()).join('\n  ')}`);
});

afterEach(() => {
  expect(leftoverCgroups()).toEqual([]);
  expect(readdirSync(workDir)).toEqual([]);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

sandboxWallSuite('local', () => ({ driver, reportsUsage: true, minimalRoot: true, hostDir: workDir }));

describe('local sandbox driver: seccomp', () => {
  it('refuses the syscalls kernel escapes go through, and ordinary programs still thread and fork', async () => {
    // x86_64 numbers, called raw through ctypes (never validated here): each must fail with EPERM (clone3: ENOSYS,
    // so libc falls back to clone, whose namespace flags are refused).
    const calls: [string, number, number[]][] = [
      ['ptrace', 101, [0, 0, 0, 0]],
      ['keyctl', 250, [0, 0, 0, 0]],
      ['add_key', 248, [0, 0, 0, 0, 0]],
      ['bpf', 321, [0, 0, 0]],
      ['perf_event_open', 298, [0, 0, 0, 0, 0]],
      ['userfaultfd', 323, [0]],
      ['io_uring_setup', 425, [1, 0]],
      ['unshare', 272, [0x20000]],
      ['mount', 165, [0, 0, 0, 0, 0]],
      ['setns', 308, [0, 0]],
      ['init_module', 175, [0, 0, 0]],
      ['process_vm_readv', 310, [1, 0, 0, 0, 0, 0]],
      ['clone3', 435, [0, 0]],
    ];
    const code = [
      'import ctypes, errno, os, threading, numpy',
      'libc = ctypes.CDLL(None, use_errno=True)',
      `for name, nr, args in ${JSON.stringify(calls)}:`,
      '    ctypes.set_errno(0)\n    r = libc.syscall(nr, *args)\n    print(name, r, errno.errorcode.get(ctypes.get_errno()))',
      't = threading.Thread(target=lambda: None)\nt.start()\nt.join()',
      'pid = os.fork()\nif pid == 0:\n    os._exit(7)',
      'print("thread ok, fork", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), numpy.ones(3).sum())',
    ].join('\n');
    const r = await driver.run({ code, limits: LIMITS });
    expect(r.error, r.stderr).toBeUndefined();
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, -1)).toEqual(calls.map(([name]) => `${name} -1 ${name === 'clone3' ? 'ENOSYS' : 'EPERM'}`));
    expect(lines.at(-1)).toBe('thread ok, fork 7 3.0');
    expect((await driver.walls()).join('\n')).toMatch(/^seccomp: EPERM/m);
  });
});

describe('local sandbox driver: without cgroups (rlimits fallback) and when it cannot start', () => {
  it('rlimits alone still stop a memory bomb and a fork bomb', async () => {
    const d = createLocalDriver({ workDir, cgroups: false });
    expect((await d.walls()).join('\n')).toMatch(/RLIMIT_AS is the memory wall/);
    const mem = await d.run({ code: 'x = bytearray(1 << 30)', limits: LIMITS });
    expectError(mem, 'SANDBOX_MEMORY', /MemoryError/);
    const fork = await d.run({ code: 'import os\nwhile True:\n    os.fork()', limits: LIMITS });
    expectError(fork, 'SANDBOX_PIDS');
    const np = await d.run({ code: 'import numpy\nprint(numpy.ones(2).sum())', limits: LIMITS });
    expect(np.stdout).toBe('2.0\n');
  });

  it('rejects, saying what is missing, instead of running unisolated', async () => {
    const d = createLocalDriver({ workDir, bwrap: '/nonexistent/bwrap' });
    await expect(d.run({ code: 'print(1)', limits: LIMITS })).rejects.toThrow(/sandbox unavailable: missing executable \/nonexistent\/bwrap/);
    // bwrap present but unable to reach the program (a work dir the sandbox user cannot traverse).
    const closed = mkdtempSync(join(tmpdir(), 'sbx-test-closed-'));
    mkdirSync(join(closed, 'w'));
    try {
      const c = createLocalDriver({ workDir: join(closed, 'w') });
      await expect(c.run({ code: 'print(1)', limits: LIMITS })).rejects.toThrow(
        /sandbox unavailable: the sandbox could not be set up .*: bwrap: Can.t find source path/,
      );
      expect(readdirSync(join(closed, 'w'))).toEqual([]);
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});
