// The Docker driver cannot run here (no Docker engine): its `docker run` arguments are held to the limits, and the
// bootstrap that unpacks the program inside the container runs on this machine's python3.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDockerDriver, DOCKER_BOOTSTRAP, dockerRunArgs, dockerStdin, IN_CONTAINER_GRACE_S, orphanedContainers } from '../../sandbox/docker-driver.js';
import { createSandboxDriver } from '../../sandbox/index.js';
import type { SandboxLimits } from '../../sandbox/types.js';

const LIMITS: SandboxLimits = { memoryBytes: 256 * 1024 * 1024, cpus: 0.5, pids: 64, wallTimeMs: 60_000, outputBytes: 1024 * 1024 };

/** The value after each occurrence of a flag. */
const values = (args: string[], flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));

describe('dockerRunArgs', () => {
  const args = dockerRunArgs(LIMITS, { image: 'sparkle-sandbox:1', name: 'sparkle-sbx-abc' });

  it('carries the limits', () => {
    expect(args.slice(0, 3)).toEqual(['run', '--rm', '-i']);
    expect(values(args, '--cpus')).toEqual(['0.5']);
    expect(values(args, '--memory')).toEqual(['268435456b']);
    expect(values(args, '--memory-swap')).toEqual(['268435456b']); // = --memory: no swap on top
    expect(values(args, '--pids-limit')).toEqual(['64']);
    expect(values(args, '--name')).toEqual(['sparkle-sbx-abc']);
  });

  it('closes the network, the filesystem and the privileges', () => {
    expect(values(args, '--network')).toEqual(['none']);
    expect(args).toContain('--read-only');
    expect(values(args, '--tmpfs')).toEqual(['/tmp:rw,nosuid,nodev,noexec,size=33554432']);
    expect(values(args, '--user')).toEqual(['65534:65534']);
    expect(values(args, '--cap-drop')).toEqual(['ALL']);
    expect(values(args, '--security-opt')).toEqual(['no-new-privileges']);
    expect(values(args, '--pull')).toEqual(['never']);
    expect(values(args, '--log-driver')).toEqual(['none']);
    expect(values(args, '--ulimit')).toEqual(['core=0', 'nofile=256:256', `fsize=${32 * 1024 * 1024 + 1024 * 1024}`]);
    expect(args).not.toContain('--privileged');
    expect(args.some((a) => a === '-v' || a === '--volume' || a === '--mount')).toBe(false);
  });

  it('runs the image with the bootstrap under an in-container time limit, and follows other limits', () => {
    const i = args.indexOf('sparkle-sandbox:1');
    expect(args.slice(i + 1)).toEqual([
      '/usr/bin/timeout',
      '-s',
      'KILL',
      `${60 + IN_CONTAINER_GRACE_S}s`,
      '/usr/bin/python3',
      '-s',
      '-B',
      '-c',
      DOCKER_BOOTSTRAP,
      '/tmp/sandbox',
    ]);
    const other = dockerRunArgs({ ...LIMITS, memoryBytes: 512 << 20, cpus: 2, pids: 10 }, { image: 'img', name: 'n', python: 'python3', tmpfsBytes: 1 << 20 });
    expect(values(other, '--memory')).toEqual([`${512 << 20}b`]);
    expect(values(other, '--cpus')).toEqual(['2']);
    expect(values(other, '--pids-limit')).toEqual(['10']);
    expect(values(other, '--tmpfs')).toEqual(['/tmp:rw,nosuid,nodev,noexec,size=1048576']);
    expect(other.slice(other.indexOf('img') + 5, other.indexOf('img') + 6)).toEqual(['python3']);
  });
});

describe('the labels and the sweep of containers a dead worker left', () => {
  it('labels each container with its owner and a deadline past the in-container limit', () => {
    const labelled = dockerRunArgs(LIMITS, { image: 'img', name: 'n', owner: 'host-a:42', now: 1_000_000 });
    expect(values(labelled, '--label')).toEqual([
      'sparkle.sandbox=1',
      'sparkle.owner=host-a:42',
      `sparkle.deadline=${1_000_000 + (60 + IN_CONTAINER_GRACE_S) * 1000 + 60_000}`,
    ]);
  });

  it('removes a container past its deadline or owned by a dead process of this host, and no other', () => {
    const dead = spawnSync('true').pid!; // exited and reaped: no process has this pid now
    const later = String(Date.now() + 60_000);
    const lines = [
      `live\tthis-host:${process.pid}\t${later}`,
      `dead\tthis-host:${dead}\t${later}`,
      `late\tthis-host:${process.pid}\t${Date.now() - 1}`,
      `elsewhere\tother-host:${dead}\t${later}`,
      '',
    ];
    expect(orphanedContainers(lines, Date.now(), 'this-host')).toEqual(['dead', 'late']);
  });
});

describe('the container bootstrap (run here on the host python3)', () => {
  it('unpacks the program and its files read-only, then hands the rest of stdin to the program', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbx-boot-'));
    try {
      const target = join(dir, 'sandbox');
      const req = {
        code: 'import os, sys, helper\nprint(os.getcwd().endswith("/sandbox"), helper.X, open("data.csv").read().strip(), repr(sys.stdin.read()))',
        files: { 'helper.py': 'X = "héllo"\n', 'data.csv': 'a,b\n' },
        stdin: 'line 1\nline 2 ✓\n',
        limits: LIMITS,
      };
      const r = spawnSync('/usr/bin/python3', ['-s', '-B', '-c', DOCKER_BOOTSTRAP, target], { input: dockerStdin(req), encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe("True héllo a,b 'line 1\\nline 2 ✓\\n'\n");
      expect(statSync(join(target, 'main.py')).mode & 0o777).toBe(0o444);
      expect(statSync(target).mode & 0o777).toBe(0o555);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses file names that are paths', () => {
    expect(() => dockerStdin({ code: '', files: { '../x': '' }, limits: LIMITS })).toThrow(/bad file name/);
  });
});

describe('createSandboxDriver', () => {
  it('needs an image for docker', () => {
    expect(() => createSandboxDriver('docker', {})).toThrow(/image/);
    expect(createSandboxDriver('docker', { image: 'i' }).name).toBe('docker');
    expect(createSandboxDriver('local', {}).name).toBe('local');
  });

  it('without a Docker engine a run rejects as unavailable, it does not report a program error', async () => {
    // Here the docker CLI exists but no engine (exit 125); elsewhere the CLI may be missing altogether.
    await expect(createDockerDriver({ image: 'sparkle-sandbox:none' }).run({ code: 'print(1)', limits: LIMITS })).rejects.toThrow(/^sandbox unavailable: /);
    await expect(createDockerDriver({ image: 'x', docker: '/nonexistent/docker' }).run({ code: 'print(1)', limits: LIMITS })).rejects.toThrow(
      /cannot run \/nonexistent\/docker/,
    );
  });
});
