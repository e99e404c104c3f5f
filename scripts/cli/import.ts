// `sparkle import <file.jsonl>`: uploads a JSON-lines file of notes to POST /api/knowledge-nodes/import, then
// follows the import's task (GET /api/tasks/:id) until it ends: a progress bar on a terminal, plain lines otherwise.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { api, EXIT, printJson, targetOptions, UnreachableError, UsageError, type Target } from './common.js';

interface ImportOptions extends Target {
  wait: boolean;
  json?: boolean;
  idempotencyKey?: string;
}

interface Started {
  workflowId: string;
  importId: string;
  lines: number;
}

interface Counts {
  created: number;
  merged: number;
  blocked: number;
}

interface Task {
  workflowId: string;
  status: string;
  progress?: { step: string; attempt: number; details?: Partial<Counts & { nextLine: number }>; lastError?: string };
  result?: Counts & { resumedFrom?: number };
  error?: { code: string; message: string };
  uiUrl?: string;
}

/** How long the gateway may stay unreachable while an import is followed (it goes on in Temporal meanwhile). */
const UNREACHABLE_GRACE_MS = 60_000;
const POLL_MS = 500;

async function upload(file: string, o: ImportOptions): Promise<Started> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`no such file: ${file}`);
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return api<Started>(o, '/knowledge-nodes/import', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-ndjson', ...(o.idempotencyKey ? { 'idempotency-key': o.idempotencyKey } : {}) },
  });
}

/** One task read; a gateway that is briefly down (a restart) is waited for, any other failure ends the follow. */
async function readTask(o: ImportOptions, workflowId: string, since: { unreachableAt?: number }): Promise<Task | undefined> {
  try {
    const t = await api<Task>(o, `/tasks/${encodeURIComponent(workflowId)}`);
    since.unreachableAt = undefined;
    return t;
  } catch (err) {
    if (!(err instanceof UnreachableError)) throw err;
    since.unreachableAt ??= Date.now();
    if (Date.now() - since.unreachableAt > UNREACHABLE_GRACE_MS) throw err;
    return undefined;
  }
}

/** A terminal gets a bar redrawn in place; a pipe or a log gets a line whenever the count moves. */
function progressReporter(total: number, json: boolean) {
  if (json) return { update: (_: Partial<Counts & { nextLine: number }>) => undefined, stop: () => undefined };
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stdout,
        format: 'importing [{bar}] {value}/{total} lines | created {created} merged {merged} blocked {blocked} | {duration_formatted}',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { created: 0, merged: 0, blocked: 0 });
    return {
      update: (d: Partial<Counts & { nextLine: number }>) =>
        bar.update(d.nextLine ?? 0, { created: d.created ?? 0, merged: d.merged ?? 0, blocked: d.blocked ?? 0 }),
      stop: () => bar.stop(),
    };
  }
  let last = -1;
  return {
    update: (d: Partial<Counts & { nextLine: number }>) => {
      if (d.nextLine === undefined || d.nextLine === last) return;
      last = d.nextLine;
      console.log(`progress ${d.nextLine}/${total} lines (created ${d.created ?? 0}, merged ${d.merged ?? 0}, blocked ${d.blocked ?? 0})`);
    },
    stop: () => undefined,
  };
}

async function follow(started: Started, o: ImportOptions): Promise<Task> {
  const progress = progressReporter(started.lines, Boolean(o.json));
  const since: { unreachableAt?: number } = {};
  // Ctrl-C stops the watching, not the import: it runs on in Temporal.
  const onSigint = () => {
    progress.stop();
    console.error(`\nstopped following; the import goes on: sparkle tasks --kind knowledge-import (${started.workflowId})`);
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  try {
    for (;;) {
      const task = await readTask(o, started.workflowId, since);
      if (task && task.status !== 'running') {
        if (task.status === 'completed' && task.result) progress.update({ nextLine: started.lines, ...task.result });
        return task;
      }
      if (task?.progress?.details) progress.update(task.progress.details);
      await sleep(POLL_MS);
    }
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }
}

async function importFile(file: string, o: ImportOptions): Promise<void> {
  const started = await upload(file, o);
  if (!o.wait) {
    if (o.json) return printJson(started);
    return console.log(
      `import ${started.importId}: ${started.lines} lines staged; follow it with \`sparkle tasks --kind knowledge-import\` (${started.workflowId})`,
    );
  }
  if (!o.json) console.log(`uploaded ${started.lines} lines; importing (${started.workflowId})`);
  const task = await follow(started, o);
  const ok = task.status === 'completed';
  if (o.json) printJson({ ...started, status: task.status, ...(task.result ? { result: task.result } : {}), ...(task.error ? { error: task.error } : {}) });
  else if (ok)
    console.log(
      `imported ${started.lines} lines: created ${task.result?.created ?? 0}, merged ${task.result?.merged ?? 0}, blocked ${task.result?.blocked ?? 0}`,
    );
  else console.error(`import ${task.status}${task.error ? `: ${task.error.code}: ${task.error.message}` : ''}${task.uiUrl ? `\n  see ${task.uiUrl}` : ''}`);
  if (!ok) process.exitCode = EXIT.failed;
}

export function registerImport(program: Command): void {
  targetOptions(program.command('import').description('bulk-import notes from a JSON-lines file ({"title","content","tags"?} per line) and follow the import'))
    .argument('<file>', 'a .jsonl file, one note per line')
    .option('--no-wait', 'print the started import and exit instead of following it')
    .option('--idempotency-key <key>', 'a retried upload with the same key names the same import')
    .option('--json', 'one JSON object: { workflowId, importId, lines, status?, result?, error? }')
    .action(importFile);
}
