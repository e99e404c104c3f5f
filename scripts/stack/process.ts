// Child processes of the launcher: started with their output in a log file, stopped with SIGTERM then SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Managed {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startProcess(name: string, cmd: string, args: string[], opts: { logFile: string; env?: NodeJS.ProcessEnv; cwd?: string }): Managed {
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      log.end();
      resolve();
    }),
  );
  return {
    name,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

const handedOut = new Set<number>();

/**
 * A port nothing listens on right now (the OS picks it), never one this process handed out before: processes
 * started a moment apart must not be given the same port before the first one binds it.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The log's path and its last lines: a test's data directory (and the log in it) is gone by the time anyone reads CI output. */
export function logTail(logFile: string | undefined): string {
  if (!logFile) return '';
  try {
    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15);
    return `; see ${logFile}, which ends:\n${lines.map((l) => `  ${l.slice(0, 400)}`).join('\n')}`;
  } catch {
    return `; see ${logFile}`;
  }
}

/** Polls until `ready` answers true; fails early, with the log's end, if the process dies first. */
export async function waitUntil(what: string, ready: () => Promise<boolean>, opts: { timeoutMs: number; proc?: Managed; logFile?: string }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    const c = opts.proc?.child;
    if (c && (c.exitCode !== null || c.signalCode !== null)) {
      await sleep(100); // let the log stream take the process's last words
      throw new Error(`${what} exited early (code ${c.exitCode})${logTail(opts.logFile)}`);
    }
    await sleep(200);
  }
  throw new Error(`${what} not ready within ${opts.timeoutMs} ms${logTail(opts.logFile)}`);
}
