// npm run guard:scan — runs the security chain's guards over JSON lines on stdin.
//   in:  {"id","text","direction":"input"|"output"}   (direction defaults to "input")
//   out: {"id","blocked","categories":[...]} for input, plus "redacted" (the text safe to show) for output.
// One output line per input line, written as soon as the line is processed; stdout carries nothing else
// (problems go to stderr), so the output can be piped straight into a scorer.
import { createInterface } from 'node:readline';
import { inspectInput } from '../activities/security/input/guard.js';
import { redactOutput } from '../activities/security/output/engine.js';
import { config } from '../lib/config.js';
import { inputGuardOptions } from '../workers/deps.js';

const options = inputGuardOptions(config());

interface ScanLine {
  id?: unknown;
  text?: unknown;
  direction?: unknown;
}

function scan(line: ScanLine): Record<string, unknown> {
  const text = typeof line.text === 'string' ? line.text : '';
  if (line.direction === 'output') {
    const v = redactOutput(text);
    return { id: line.id, blocked: false, categories: [...new Set(v.redactions.map((r) => r.kind))], redacted: v.text };
  }
  const v = inspectInput(text, options);
  return { id: line.id, blocked: v.blocked, categories: v.categories };
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
let lineNo = 0;
rl.on('line', (raw) => {
  lineNo++;
  if (!raw.trim()) return;
  let parsed: ScanLine;
  try {
    parsed = JSON.parse(raw) as ScanLine;
  } catch {
    process.stderr.write(`guard-scan: line ${lineNo} is not JSON, skipped\n`);
    return;
  }
  try {
    process.stdout.write(JSON.stringify(scan(parsed)) + '\n');
  } catch (err) {
    process.stderr.write(`guard-scan: line ${lineNo}: ${(err as Error).message}\n`);
  }
});
rl.on('close', () => {
  // Exit only once everything written has been flushed (stdout may be a pipe).
  process.stdout.write('', () => process.exit(0));
});
