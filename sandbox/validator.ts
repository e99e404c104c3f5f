// Static validation of submitted Python, before it reaches a sandbox: the first of two walls (README.md).
// The checks live in validate.py and run under CPython itself, so the code is parsed by the same grammar that
// will run it (never by regular expressions). This module only spawns it, feeds it and reads its answer.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ValidationResult } from './types.js';

/** What user code may import unless the caller says otherwise (issue 6). */
export const DEFAULT_ALLOWED_IMPORTS: readonly string[] = Object.freeze(['numpy', 'pandas', 'math', 'datetime', 'json', 'statistics', 'random']);

export interface ValidateOptions {
  /** Top-level modules user code may import. Dangerous modules (os, sys, ...) stay refused even when listed. */
  allowedImports: readonly string[];
  /** The interpreter; Debian's, whose grammar matches the Python the sandbox runs. */
  python?: string;
  /** Kill the validator after this long (default 5 s). */
  timeoutMs?: number;
  /** Refuse longer code without parsing it (UTF-8 bytes, default 100 kB). */
  maxCodeBytes?: number;
}

export const DEFAULT_PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./validate.py', import.meta.url));
const MAX_STDOUT = 1 << 20;

const answerSchema = z.object({
  ok: z.boolean(),
  errors: z.array(z.object({ line: z.number().int(), col: z.number().int(), rule: z.string().min(1), message: z.string() })),
});

/**
 * Validates Python source. Resolves with the verdict (every violation found, sorted by line, at most 50); rejects
 * only when the validator itself could not run or answered nonsense, which the caller maps to SANDBOX_UNAVAILABLE.
 */
export async function validatePython(code: string, opts: ValidateOptions): Promise<ValidationResult> {
  const maxBytes = opts.maxCodeBytes ?? 100_000;
  const size = Buffer.byteLength(code, 'utf8');
  if (size > maxBytes) {
    return { ok: false, errors: [{ line: 1, col: 1, rule: 'code.too_large', message: `the code is ${size} bytes, more than the ${maxBytes} allowed` }] };
  }
  const stdout = await runValidator(JSON.stringify({ code, allowedImports: [...opts.allowedImports] }), opts.python ?? DEFAULT_PYTHON, opts.timeoutMs ?? 5_000);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error(`python validator answered something that is not JSON: ${stdout.slice(0, 200)}`);
  }
  const answer = answerSchema.safeParse(parsed);
  if (!answer.success) throw new Error(`python validator answered an unexpected shape: ${answer.error.message}`);
  const { ok, errors } = answer.data;
  // Fail closed: "ok" with errors, or "not ok" without any, is a validator bug, never a pass.
  if (ok !== (errors.length === 0)) throw new Error('python validator answered an inconsistent verdict');
  return ok ? { ok: true } : { ok: false, errors };
}

function runValidator(input: string, python: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // -I: isolated (no PYTHON* variables, no user site, script dir not on sys.path), -S: no site module,
    // -B: write no .pyc. The validator needs only the standard library.
    const child = spawn(python, ['-I', '-S', '-B', SCRIPT], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' }, // nothing else of ours
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let failure: Error | undefined;
    const fail = (e: Error) => {
      failure ??= e;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => fail(new Error(`python validator did not answer within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      outBytes += d.length;
      if (outBytes > MAX_STDOUT) fail(new Error('python validator wrote more output than expected'));
      else out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 64) err.push(d);
    });
    child.on('error', (e) => fail(new Error(`cannot start the python validator (${python}): ${e.message}`)));
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (exitCode !== 0) {
        const detail = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-3).join(' | ');
        return reject(new Error(`python validator failed (exit ${exitCode ?? signal}): ${detail.slice(0, 500)}`));
      }
      resolve(Buffer.concat(out).toString('utf8'));
    });
    // EPIPE when the interpreter dies before reading everything: reported by 'close' with its exit status.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
