// A private Docker engine on this machine, for the Docker sandbox driver's tests (production uses the host's
// engine: see docker-compose.yml). Debian's dockerd with its state in the provisioning cache, listening only on
// its own unix socket, with no bridge and no iptables rules: sandboxes run with --network none, and image builds
// use the host network. No registry is reachable here, so the sandbox image is built from the Dockerfile's own
// `sandbox` stage on a Debian root filesystem made with debootstrap and tagged as that stage's base image.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir } from './paths.js';
import { startProcess, waitUntil } from './process.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);

const dataRoot = join(cacheDir, 'docker', 'data');
// One engine per cache (two clones with their own caches never share or stop each other's). Short paths:
// containerd's sockets live under the exec root, and unix socket paths are limited to 108 bytes.
const execRoot = `/run/sparkle-docker-${createHash('sha256').update(dataRoot).digest('hex').slice(0, 8)}`;
const socket = join(execRoot, 'docker.sock');
export const DOCKER_HOST = `unix://${socket}`;

export interface DockerEngine {
  host: string;
  /** Stops the engine if this call started it (an engine that was already running is left alone). */
  stop(): Promise<void>;
}

/** `docker` with this engine as its host; answers its stdout, rejects with the end of its stderr. */
export function docker(args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { env: { ...process.env, DOCKER_HOST, DOCKER_BUILDKIT: '0' }, timeout: opts.timeoutMs ?? 60_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`docker ${args[0]} exited ${code}: ${err.slice(-2000)}`))));
    // EPIPE when the CLI exits before reading its input: its exit status, reported by 'close', says why.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

async function engineAnswers(): Promise<boolean> {
  try {
    await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 5_000 });
    return true;
  } catch {
    return false;
  }
}

export async function startDockerEngine(logDir: string): Promise<DockerEngine> {
  if (await engineAnswers()) return { host: DOCKER_HOST, stop: async () => {} };
  if (process.getuid?.() !== 0) throw new Error('the private Docker engine needs root (dockerd); run the tests as root, as CI does');
  if (!existsSync('/usr/sbin/dockerd')) throw new Error("dockerd is missing: run scripts/provision.sh (it installs Debian's docker.io)");
  mkdirSync(dataRoot, { recursive: true });
  mkdirSync(execRoot, { recursive: true });
  const logFile = join(logDir, 'dockerd.log');
  const proc = startProcess(
    'dockerd',
    '/usr/sbin/dockerd',
    [
      '--data-root',
      dataRoot,
      '--exec-root',
      execRoot,
      '--pidfile',
      join(execRoot, 'dockerd.pid'),
      '-H',
      DOCKER_HOST,
      '--bridge',
      'none',
      '--iptables=false',
      '--ip-masq=false',
      '--ip-forward=false',
      '--log-level',
      'warn',
    ],
    { logFile },
  );
  await waitUntil('Docker engine', engineAnswers, { timeoutMs: 60_000, proc, logFile });
  return { host: DOCKER_HOST, stop: () => proc.stop() };
}

/** The Dockerfile's `sandbox` stage: from its FROM line to the next stage. */
export function sandboxStage(): { text: string; base: string } {
  const lines = readFileSync(new URL('Dockerfile', root), 'utf8').split('\n');
  const start = lines.findIndex((l) => /^FROM\s+\S+\s+AS\s+sandbox\s*$/i.test(l));
  if (start < 0) throw new Error('Dockerfile has no `FROM ... AS sandbox` stage');
  const end = lines.findIndex((l, i) => i > start && /^FROM\s/i.test(l));
  const text = lines.slice(start, end < 0 ? undefined : end).join('\n');
  return { text, base: lines[start]!.split(/\s+/)[1]! };
}

/** The sandbox image's tag: changes whenever the stage does, so an edit is rebuilt. */
export function sandboxImageTag(): string {
  return `sparkle-sandbox:${createHash('sha256').update(sandboxStage().text).digest('hex').slice(0, 12)}`;
}

async function imageExists(ref: string): Promise<boolean> {
  try {
    await docker(['image', 'inspect', ref], { timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

const DEBIAN_SUITES: Record<string, string> = { '11': 'bullseye', '12': 'bookworm', '13': 'trixie' };

/** This machine's Debian mirror, as apt is configured (deb822 .sources or a one-line sources.list). */
function debianMirror(): string {
  const files = [
    '/etc/apt/sources.list',
    ...(existsSync('/etc/apt/sources.list.d') ? readdirSync('/etc/apt/sources.list.d').map((f) => join('/etc/apt/sources.list.d', f)) : []),
  ];
  for (const f of files.filter(existsSync)) {
    const text = readFileSync(f, 'utf8');
    const uri = /^URIs:\s*(\S+)/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\S+\s+main/m.exec(text)?.[1];
    if (uri) return uri;
  }
  throw new Error('no Debian mirror found in /etc/apt sources');
}

/** A Debian root filesystem (debootstrap, minimal variant) imported as `base`, e.g. debian:12.12-slim. */
async function importDebianBase(base: string): Promise<void> {
  const major = /^debian:(\d+)/.exec(base)?.[1];
  const suite = major && DEBIAN_SUITES[major];
  if (!suite) throw new Error(`sandbox stage base ${base}: only Debian bases can be made here (no registry is reachable)`);
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-rootfs-'));
  try {
    await run('debootstrap', ['--variant=minbase', suite, join(dir, 'rootfs'), debianMirror()], { timeout: 900_000, maxBuffer: 64 << 20 });
    // Streamed: the root filesystem is a few hundred MB.
    execFileSync('sh', ['-c', 'tar -C "$1" -c . | docker import - "$2"', 'sh', join(dir, 'rootfs'), base], {
      env: { ...process.env, DOCKER_HOST },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 300_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the sandbox image from the Dockerfile's stage unless this engine has it; answers its tag. */
export async function ensureSandboxImage(log: (line: string) => void = () => {}): Promise<string> {
  const tag = sandboxImageTag();
  if (await imageExists(tag)) return tag;
  const { text, base } = sandboxStage();
  if (!(await imageExists(base))) {
    log(`making ${base} with debootstrap`);
    await importDebianBase(base);
  }
  log(`building ${tag} from the Dockerfile's sandbox stage`);
  const context = mkdtempSync(join(tmpdir(), 'sandbox-context-'));
  try {
    await docker(['build', '--network', 'host', '-t', tag, '-f', '-', context], { input: text, timeoutMs: 900_000 });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return tag;
}
