// What the CLI's commands share: exit codes, typed errors, the --user/--gateway options, a dev token, and one
// helper for gateway requests that turns every failure into a message an operator can act on.
import { InvalidArgumentError, type Command } from 'commander';
import { signToken, USER_ID_PATTERN } from '../../lib/auth.js';
import { CLIENT_ID_PATTERN } from '../../lib/contracts/chat.js';
import { targetsFromEnv } from '../doctor.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A request or check that failed (exit 1). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The gateway did not answer at all (refused, reset, no such host): it is down or elsewhere. */
export class UnreachableError extends CliError {}

/** The command was used wrongly (exit 2), found only once it runs (e.g. a file that does not exist). */
export class UsageError extends Error {}

export interface Target {
  gateway?: string;
  user: string;
}

/** Adds --user and --gateway; the gateway defaults to what lib/config resolves, as `sparkle doctor` does. */
export function targetOptions(cmd: Command): Command {
  return cmd
    .option('--user <id>', 'act as this user (a short-lived dev token is signed with JWT_SECRET)', userId, process.env.SPARKLE_USER ?? 'dev-student')
    .option('--gateway <url>', 'gateway base URL (default: $GATEWAY_URL, else http://127.0.0.1:$PORT)', gatewayUrl);
}

/** The gateway's base URL without a trailing slash. */
export const gatewayOf = (t: Target) => (t.gateway ?? targetsFromEnv(process.env).gateway).replace(/\/+$/, '');

export const devToken = (user: string) => signToken(user, { roles: ['student'], expiresIn: '5m' });

export const notReachable = (gateway: string, why?: string) =>
  new UnreachableError(`gateway not reachable at ${gateway}${why ? ` (${why})` : ''} — run \`sparkle dev\``);

/** The low-level reason of a failed fetch or socket (ECONNREFUSED rather than "fetch failed"). */
export function causeOf(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string; message?: string }; message?: string; errors?: { code?: string }[] };
  return e.cause?.code ?? e.code ?? e.errors?.[0]?.code ?? e.cause?.message ?? e.message ?? String(err);
}

/** A JSON request to the gateway's /api as `t.user`; a non-2xx answer throws CliError "<status> <code>: <message>". */
export async function api<T>(t: Target, path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<T> {
  const gateway = gatewayOf(t);
  const headers = { authorization: `Bearer ${await devToken(t.user)}`, ...init.headers };
  const res = await fetch(`${gateway}/api${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body,
    // A streamed upload (a file's ReadableStream) must say so.
    ...(init.body && typeof init.body === 'object' && 'getReader' in init.body ? { duplex: 'half' } : {}),
  } as RequestInit).catch((err: unknown) => {
    throw notReachable(gateway, causeOf(err));
  });
  const body = (await res.json().catch(() => undefined)) as (T & { error?: { code: string; message: string } }) | undefined;
  if (!res.ok) {
    const code = body?.error?.code;
    throw new CliError(`${res.status}${code ? ` ${code}` : ''}: ${body?.error?.message ?? res.statusText}`, code);
  }
  return body as T;
}

export const printJson = (v: unknown) => console.log(JSON.stringify(v, null, 2));

/** commander argParsers: bad values are usage errors (exit 2) with the reason. */
export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function userId(v: string): string {
  if (!USER_ID_PATTERN.test(v)) throw new InvalidArgumentError('may contain only letters, digits and _ . @ - (1-128)');
  return v;
}

export function clientId(v: string): string {
  if (!CLIENT_ID_PATTERN.test(v)) throw new InvalidArgumentError('must be 1-64 letters, digits, _ or -');
  return v;
}

function gatewayUrl(v: string): string {
  try {
    const u = new URL(v);
    if (u.protocol === 'http:' || u.protocol === 'https:') return v;
  } catch {
    /* falls through to the usage error */
  }
  throw new InvalidArgumentError('must be an http(s) URL, e.g. http://127.0.0.1:8080');
}
