// What both drivers share: run one process with the output cap, the wall-clock kill and abort, then map what
// happened to a RunResult with a typed error. The drivers only say how to start and how to kill.
import { spawn, type ChildProcess } from 'node:child_process';
import type { RunRequest, RunResult, SandboxErrorCode, SandboxLimits } from './types.js';

export interface SpawnSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  stdin?: string;
  /** Extra pipes after stdin/stdout/stderr (fd 3, ...), read into `RawOutcome.extra`. */
  extraPipes?: number;
  /** Kill everything the run started. Defaults to SIGKILL on the child's process group. */
  kill?: (child: ChildProcess) => void;
}

export interface RawOutcome {
  exitCode: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
  truncated: boolean;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  /** What arrived on the extra pipes. */
  extra: string[];
  /** The process could not be spawned at all (ENOENT, EACCES, ...). */
  spawnError?: Error;
}

/** Give the pipes this long to close after a kill before giving up on them (a grandchild may hold them). */
const CLOSE_GRACE_MS = 3000;

export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

export function runCapped(spec: SpawnSpec, limits: Pick<SandboxLimits, 'wallTimeMs' | 'outputBytes'>, signal?: AbortSignal): Promise<RawOutcome> {
  const started = performance.now();
  const extraCount = spec.extraPipes ?? 0;
  return new Promise((resolve) => {
    const child = spawn(spec.command, spec.args, {
      env: spec.env,
      // Own process group, so a kill reaches everything the wrapper started in it.
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe', ...Array<'pipe'>(extraCount).fill('pipe')],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const extra: string[] = Array<string>(extraCount).fill('');
    let kept = 0;
    let truncated = false;
    let timedOut = false;
    let aborted = false;
    let killed = false;
    let done = false;
    let spawnError: Error | undefined;

    const kill = () => {
      if (killed) return;
      killed = true;
      (spec.kill ?? killGroup)(child);
      // The wrapper is dead; if something still holds the pipes open, stop waiting for them.
      setTimeout(() => finish(child.exitCode, child.signalCode), CLOSE_GRACE_MS).unref();
    };
    const onData = (into: Buffer[]) => (chunk: Buffer) => {
      if (truncated) return;
      const room = limits.outputBytes - kept;
      if (chunk.length > room) {
        // Keep exactly up to the cap, then kill: the rest is never buffered, so our memory stays bounded.
        if (room > 0) into.push(chunk.subarray(0, room));
        kept = limits.outputBytes;
        truncated = true;
        kill();
        return;
      }
      into.push(chunk);
      kept += chunk.length;
    };
    child.stdout!.on('data', onData(out));
    child.stderr!.on('data', onData(err));
    for (let i = 0; i < extraCount; i++) {
      const s = child.stdio[3 + i] as NodeJS.ReadableStream | null;
      s?.on('data', (c: Buffer) => {
        if (extra[i]!.length < 4096) extra[i] += c.toString('utf8');
      });
      s?.on('error', () => {});
    }

    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, limits.wallTimeMs);
    const onAbort = () => {
      aborted = true;
      kill();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (code: number | null, sig: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      for (const s of child.stdio) s?.destroy();
      resolve({
        exitCode: code,
        signal: sig,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        truncated,
        timedOut: timedOut && !truncated,
        aborted,
        durationMs: Math.round(performance.now() - started),
        extra,
        spawnError,
      });
    };
    child.on('error', (e) => {
      spawnError = e;
      finish(null, null);
    });
    child.on('close', (code, sig) => finish(code, sig));

    // A program that never reads its stdin must not fail the run with EPIPE.
    child.stdin!.on('error', () => {});
    child.stdin!.end(spec.stdin ?? '');
    if (signal?.aborted) onAbort();
  });
}

/** The last non-empty line of stderr: for a Python traceback, the exception itself. */
export function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const last = lines.at(-1) ?? '';
  return last.length > 500 ? `${last.slice(0, 500)}…` : last;
}

export interface Facts {
  /** The kernel's OOM killer fired in the run's cgroup (or the container). */
  oomKilled?: boolean;
  /** A fork or clone was refused at the pids limit. */
  pidsLimitHit?: boolean;
}

const mb = (b: number) => `${Math.round(b / (1024 * 1024))} MB`;

/** Map what happened to the RunResult; the causes the kernel reports win over our own kills, which they explain. */
export function toResult(raw: RawOutcome, limits: SandboxLimits, facts: Facts, usage: RunResult['usage']): RunResult {
  const stdout = raw.stdout.toString('utf8');
  const stderr = raw.stderr.toString('utf8');
  const base: RunResult = { exitCode: raw.exitCode, signal: raw.signal, stdout, stderr, truncated: raw.truncated, durationMs: raw.durationMs, usage };
  if (raw.exitCode === 0 && !raw.truncated && !raw.timedOut) return base;
  const last = lastLine(stderr);
  const fail = (code: SandboxErrorCode, message: string): RunResult => ({ ...base, error: { code, message } });
  if (facts.oomKilled || /^MemoryError\b/.test(last)) {
    const how = facts.oomKilled ? 'and was killed' : `(${last})`;
    return fail('SANDBOX_MEMORY', `the program went over its memory limit of ${mb(limits.memoryBytes)} ${how}`);
  }
  // Without a pids cgroup, the refused fork's exception says it; a fork bomb's tracebacks interleave, so any line.
  const refused = stderr.match(/^(BlockingIOError: \[Errno 11\].*|RuntimeError: can't start new thread)$/m)?.[0];
  if (facts.pidsLimitHit || refused) {
    const why = refused ?? (/^\w+(Error|Exception)\b/.test(last) ? last : '');
    return fail('SANDBOX_PIDS', `the program tried to start more than ${limits.pids} processes or threads${why ? ` (${why})` : ''}`);
  }
  if (raw.truncated)
    return fail('SANDBOX_OUTPUT_LIMIT', `the program wrote more than ${limits.outputBytes} bytes of output and was stopped; output is truncated`);
  if (raw.timedOut) return fail('SANDBOX_TIMEOUT', `the program ran longer than ${limits.wallTimeMs} ms and was stopped`);
  const how = raw.signal ? `was killed by ${raw.signal}` : `exited with code ${raw.exitCode}`;
  return fail('SANDBOX_RUNTIME_ERROR', last ? `${last}` : `the program ${how}`);
}

/** The program and the caller's files, by name; names are plain file names (no paths, no dotfiles). */
export function programFiles(req: RunRequest): Record<string, string> {
  const files: Record<string, string> = { 'main.py': req.code };
  for (const [name, content] of Object.entries(req.files ?? {})) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) || name === 'main.py') throw new Error(`sandbox: bad file name ${JSON.stringify(name)}`);
    files[name] = content;
  }
  return files;
}

/** An abort ends the run with this (after everything was killed and cleaned up), like fetch does. */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const e = new Error('the sandbox run was aborted');
  e.name = 'AbortError';
  return e;
}
