// Reads the headline rows of every results file that has them (older benches without rows are left out).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultFile, type ResultRow } from './rows.js';

export interface LoadedRows {
  rows: (ResultRow & { file: string })[];
  /** Files whose rows did not parse: named, not silently dropped. */
  invalid: { file: string; reason: string }[];
}

export function loadRows(dir: string, only?: Set<string>): LoadedRows {
  const out: LoadedRows = { rows: [], invalid: [] };
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    if (only && !only.has(file.replace(/\.json$/, ''))) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (err) {
      out.invalid.push({ file, reason: `not JSON: ${(err as Error).message}` });
      continue;
    }
    if (!json || typeof json !== 'object' || !('rows' in json)) continue;
    const parsed = resultFile.safeParse(json);
    if (!parsed.success) out.invalid.push({ file, reason: parsed.error.issues[0]?.message ?? 'invalid rows' });
    else out.rows.push(...parsed.data.rows.map((r) => ({ ...r, file })));
  }
  return out;
}
