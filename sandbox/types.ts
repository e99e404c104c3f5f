// The sandbox's contract: what a run asks for, what it answers, and the drivers that run it. This folder imports
// nothing of the app (DESIGN.md): callers pass limits and settings in.

/** Limits every driver enforces, from config (defaults: 256 MB, 0.5 CPU, 64 pids, 60 s, 1 MB of output). */
export interface SandboxLimits {
  memoryBytes: number;
  /** CPU share, e.g. 0.5 of one core. */
  cpus: number;
  pids: number;
  wallTimeMs: number;
  /** stdout and stderr together; the run is killed when it writes more. */
  outputBytes: number;
}

export interface RunRequest {
  /** Python source, already validated (the validator is one wall, the sandbox the other). */
  code: string;
  stdin?: string;
  /** Extra read-only files placed beside the program (name -> content), e.g. a price series or a harness. */
  files?: Record<string, string>;
  limits: SandboxLimits;
}

export const SANDBOX_ERROR_CODES = [
  'SANDBOX_VALIDATION', // the code was refused before it ran
  'SANDBOX_TIMEOUT', // killed at the wall-clock limit
  'SANDBOX_MEMORY', // killed at the memory limit
  'SANDBOX_OUTPUT_LIMIT', // killed for writing more than outputBytes
  'SANDBOX_PIDS', // could not create a process or thread (pids limit)
  'SANDBOX_RUNTIME_ERROR', // the program exited non-zero (an exception, sys.exit(1), ...)
  'SANDBOX_UNAVAILABLE', // the driver itself could not start (bwrap or docker missing, cgroups not writable, ...)
] as const;
export type SandboxErrorCode = (typeof SANDBOX_ERROR_CODES)[number];

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Output was cut at the limit. */
  truncated: boolean;
  durationMs: number;
  usage: { cpuMs?: number; maxRssBytes?: number };
  /** Set whenever the run did not end with exit code 0. */
  error?: { code: SandboxErrorCode; message: string };
}

export interface SandboxDriver {
  readonly name: 'local' | 'docker';
  /** Never throws for what the program does; throws only for a driver failure (then code SANDBOX_UNAVAILABLE). */
  run(req: RunRequest, signal?: AbortSignal): Promise<RunResult>;
  /** Removes what runs of dead workers left behind (containers); answers how many. */
  sweep?(): Promise<number>;
}

export interface ValidationError {
  line: number;
  col: number;
  /** A stable rule id, e.g. import.not_allowed, call.denied, attribute.dunder. */
  rule: string;
  message: string;
}

export type ValidationResult = { ok: true } | { ok: false; errors: ValidationError[] };
