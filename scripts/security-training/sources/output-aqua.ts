// Source `aqua-rat` (clean): worked solutions of deepmind/AQuA (algebra word problems with rationales:
// long numbers, units, prices, percentages), written as a tutor's answer: question, options, rationale.
import { mirror, readAt, writeSource } from './lib.js';
import { clean, cleanOnly, type OutRow } from './output-lib.js';

const REPO = 'deepmind/AQuA';
const PATHS = ['dev.json', 'test.json'];

interface Item { question: string; options: string[]; rationale: string; correct: string }

export function build(): number {
  const s = mirror(REPO);
  if (!s) throw new Error(`fetch ${REPO} first`);
  const rows: OutRow[] = [];
  for (const p of PATHS) {
    for (const line of readAt(s, p).split('\n')) {
      if (!line.trim()) continue;
      const it = JSON.parse(line) as Item;
      rows.push(clean(`${it.question}\n\nOptions: ${it.options.join('  ')}\n\nSolution:\n${it.rationale}\n\nSo the answer is ${it.correct}.`, 'math', 'en'));
    }
  }
  const ok = cleanOnly(rows);
  return writeSource({ source: 'aqua-rat', direction: 'output', repo: REPO, commit: s.commit, paths: PATHS, licence: 'Apache-2.0',
    note: `AQuA-RAT dev+test questions with their worked rationales; dropped by the clean policy: ${JSON.stringify(ok.dropped)}` }, ok.rows);
}

if (process.argv[1]?.endsWith('output-aqua.ts')) build();
