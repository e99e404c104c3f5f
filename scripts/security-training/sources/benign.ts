// Builds the public benign side of the input-guard corpus: one JSONL file per public source under
// <cache>/guard-data/input/, label "benign", with kind and lang, plus manifest entries (repo, commit, licence).
//   npx tsx scripts/security-training/sources/benign.ts            # every source whose snapshot is present
//   npx tsx scripts/security-training/sources/benign.ts xstest ifeval   # only these files (same rows)
// Sources are processed in a fixed order and a row already emitted by an earlier source (same normalised
// text, or same long opening) is dropped from later ones, so that copies (prompts.chat in InstructionWild,
// Self-Instruct and Vicuna items inside AlpacaEval) cannot leak across a held-out source boundary.
// All sources are always built (it takes seconds) so a partial run writes exactly the rows a full run would.
import { pathToFileURL } from 'node:url';
import { dedupKey, mirror, sample, writeSource, type SourceInfo } from './lib.js';
import { MAX_CHARS, isTemplateOnly, type BenignRow, type BenignSource } from './benign-lib.js';
import { sources as awesome } from './benign-awesome-chatgpt-prompts.js';
import { sources as gpteacher } from './benign-gpteacher.js';
import { sources as selfInstruct } from './benign-self-instruct.js';
import { sources as mtBench } from './benign-mt-bench.js';
import { sources as alpacaEval } from './benign-alpaca-eval.js';
import { sources as humanEval } from './benign-human-eval.js';
import { sources as xstest } from './benign-xstest.js';
import { sources as ifeval } from './benign-ifeval.js';
import { sources as instructionWild } from './benign-instructionwild.js';
import { sources as belle } from './benign-belle.js';
import { sources as xquad } from './benign-xquad.js';
import { sources as theAlgorithms } from './benign-the-algorithms.js';

// Order matters only for cross-source de-duplication: originals before the collections that copy them.
export const ALL: BenignSource[] = [
  ...awesome,
  ...gpteacher,
  ...selfInstruct,
  ...mtBench,
  ...alpacaEval,
  ...humanEval,
  ...xstest,
  ...ifeval,
  ...instructionWild,
  ...belle,
  ...xquad,
  ...theAlgorithms,
];

const DEFAULT_CAP = 3000;

/** Key of a long text's opening: near-copies (a trailing edit, a changed last line) share it. */
function openingKey(text: string): string | null {
  const norm = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return norm.length >= 60 ? norm.slice(0, 120) : null;
}

function clean(rows: BenignRow[]): BenignRow[] {
  return rows
    .map((r) => ({ ...r, text: r.text.trim() }))
    .filter((r) => r.text.length >= 3 && r.text.length <= MAX_CHARS && !isTemplateOnly(r.text));
}

function tally(rows: BenignRow[], key: (r: BenignRow) => string): string {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}:${n}`).join(' ');
}

function main(): void {
  const only = new Set(process.argv.slice(2));
  const unknown = [...only].filter((n) => !ALL.some((s) => s.source === n));
  if (unknown.length) throw new Error(`unknown source(s): ${unknown.join(', ')}; known: ${ALL.map((s) => s.source).join(', ')}`);
  const seen = new Set<string>();
  for (const src of ALL) {
    const snap = mirror(src.repo, src.commit ?? 'HEAD');
    if (!snap) {
      console.log(`${src.source}: skipped, no snapshot of ${src.repo} (fetch github:${src.repo} first)`);
      continue;
    }
    const { paths, rows } = src.build(snap);
    const cleaned = clean(rows);
    const fresh: BenignRow[] = [];
    const mine = new Set<string>();
    let copies = 0;
    for (const r of cleaned) {
      const keys = [dedupKey(r.text), openingKey(r.text)].filter((k): k is string => k !== null);
      if (keys.some((k) => seen.has(k))) {
        copies++;
        continue;
      }
      keys.forEach((k) => mine.add(k));
      fresh.push(r);
    }
    mine.forEach((k) => seen.add(k));
    const kept = sample(fresh, src.cap ?? DEFAULT_CAP, (r) => r.text);
    if (only.size && !only.has(src.source)) continue;
    const info: SourceInfo & { family: string } = {
      source: src.source,
      direction: 'input',
      repo: src.repo,
      commit: snap.commit,
      paths,
      licence: src.licence,
      note: src.note,
      family: src.family,
    };
    writeSource(info, kept.map((r) => ({ ...r, label: 'benign' as const })), MAX_CHARS);
    console.log(
      `  ${src.source}: built ${rows.length}, cleaned ${cleaned.length}, copies of earlier sources ${copies}; kinds ${tally(kept, (r) => r.kind)}; langs ${tally(kept, (r) => r.lang ?? 'en')}`,
    );
  }
}

// Run only when executed, so that the report script can import the source list.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
