// Shared plumbing of the importers that turn public repositories into labelled guard data.
//
// Every importer reads one repository snapshot (a bare git directory, e.g. one brought by the team's fetch
// tool) at a pinned commit and writes `<cache>/guard-data/<direction>/<source>.jsonl` plus an entry in that
// folder's manifest.json (repository, commit, paths, licence). Nothing fetched is committed: the repo keeps
// only these scripts, the trained model and its card, which names every manifest entry.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export type Direction = 'input' | 'output';
export type InputLabel = 'attack' | 'benign';
export type OutputLabel = 'sensitive' | 'clean';

export interface GuardRow {
  id: string;
  text: string;
  direction: Direction;
  label: InputLabel | OutputLabel;
  /** The source name (one file per source); whole sources are held out, never rows. */
  source: string;
  /** Finer grouping inside a source, e.g. `jailbreak`, `indirect`, `persona`, `nhs`, `phone`. */
  kind?: string;
  lang?: string;
  /** Output rows: substrings that must not reach the user. */
  secrets?: string[];
}

export interface SourceInfo {
  source: string;
  direction: Direction;
  repo: string;
  commit: string;
  paths: string[];
  licence: string;
  /** What the rows are and how they were chosen, in a sentence. */
  note: string;
}

export const CACHE = process.env.SPARKLE_CACHE ?? '/var/cache/sparkle';
export const DATA_DIR = process.env.GUARD_DATA_DIR ?? join(CACHE, 'guard-data');

/** A snapshot: bare git dir and the commit read (HEAD unless pinned). */
export interface Snapshot {
  gitDir: string;
  commit: string;
}

export const MIRRORS = process.env.GUARD_MIRRORS ?? '/work/.mirror';

/** The snapshot of `owner/name` under MIRRORS (where the fetch tool puts it), or null if it was not fetched. */
export function mirror(repo: string, commit = 'HEAD'): Snapshot | null {
  const gitDir = join(MIRRORS, repo.replace('/', '+'), 'repo');
  return existsSync(join(gitDir, 'HEAD')) ? snapshot(gitDir, commit) : null;
}

export function snapshot(gitDir: string, commit = 'HEAD'): Snapshot {
  if (!existsSync(gitDir)) throw new Error(`no snapshot at ${gitDir}: fetch the repository first`);
  const sha = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', `${commit}^{commit}`], { encoding: 'utf8' }).trim();
  return { gitDir, commit: sha };
}

export function listFiles(s: Snapshot, under = ''): string[] {
  const out = execFileSync('git', ['--git-dir', s.gitDir, 'ls-tree', '-r', '--name-only', s.commit, '--', under || '.'], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  return out.split('\n').filter(Boolean);
}

export function readAt(s: Snapshot, path: string): string {
  return execFileSync('git', ['--git-dir', s.gitDir, 'show', `${s.commit}:${path}`], { encoding: 'utf8', maxBuffer: 512 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Whitespace-normalised, lower-cased text: the key for de-duplication within and across sources. */
export function dedupKey(text: string): string {
  return createHash('sha256').update(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 20);
}

/** Writes one source's rows (de-duplicated, empty/huge texts dropped) and records it in the manifest. */
export function writeSource(info: SourceInfo, rows: Omit<GuardRow, 'id' | 'source' | 'direction'>[], maxChars = 16_000): number {
  const dir = join(DATA_DIR, info.direction);
  mkdirSync(dir, { recursive: true });
  const seen = new Set<string>();
  const kept: GuardRow[] = [];
  for (const r of rows) {
    const text = r.text.trim();
    if (text.length < 3 || text.length > maxChars) continue;
    const key = dedupKey(text);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ id: `${info.source}-${key}`, direction: info.direction, source: info.source, ...r, text });
  }
  writeFileSync(join(dir, `${info.source}.jsonl`), kept.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const manifestPath = join(dir, 'manifest.json');
  const manifest: Record<string, SourceInfo & { rows: number; labels: Record<string, number> }> = existsSync(manifestPath)
    ? JSON.parse(readFileSync(manifestPath, 'utf8'))
    : {};
  const labels: Record<string, number> = {};
  for (const r of kept) labels[r.label] = (labels[r.label] ?? 0) + 1;
  manifest[info.source] = { ...info, rows: kept.length, labels };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`${info.source}: ${kept.length} rows ${JSON.stringify(labels)} -> ${join(dir, info.source + '.jsonl')}`);
  return kept.length;
}

/** CSV rows as objects keyed by the header row. */
export function csvObjects(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true, trim: false });
}

/** Deterministic sample of at most n items (by hash of the text), so re-imports give the same rows. */
export function sample<T>(items: T[], n: number, key: (t: T) => string): T[] {
  if (items.length <= n) return items;
  return [...items].sort((a, b) => dedupKey(key(a)).localeCompare(dedupKey(key(b)))).slice(0, n);
}
