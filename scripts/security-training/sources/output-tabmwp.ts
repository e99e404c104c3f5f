// Source `tabmwp-tables` (clean): TabMWP (lupantech/PromptPG) table word problems: a table of figures
// (prices, schedules, counts, stem-and-leaf plots), the question and the worked solution, rendered as a
// markdown table followed by the explanation, the way a tutor answers.
import { mirror, readAt, writeSource } from './lib.js';
import { clean, cleanOnly, type OutRow } from './output-lib.js';

const REPO = 'lupantech/PromptPG';
const PATHS = ['data/tabmwp/problems_dev1k.json', 'data/tabmwp/problems_test1k.json'];

interface Problem { question: string; table: string; table_title: string | null; solution: string; answer: string }

/** "a | b\n1 | 2" -> a markdown table. */
function markdown(table: string): string {
  const lines = table.split('\n').map((l) => `| ${l.trim()} |`);
  const cols = ((table.split('\n')[0] ?? '').match(/\|/g)?.length ?? 0) + 1;
  return [lines[0] ?? '', `|${' --- |'.repeat(cols)}`, ...lines.slice(1)].join('\n');
}

export function build(): number {
  const s = mirror(REPO);
  if (!s) throw new Error(`fetch ${REPO} first`);
  const rows: OutRow[] = [];
  for (const p of PATHS) {
    for (const pr of Object.values(JSON.parse(readAt(s, p)) as Record<string, Problem>)) {
      const title = pr.table_title ? `**${pr.table_title}**\n\n` : '';
      rows.push(clean(`${title}${markdown(pr.table)}\n\n${pr.question}\n\n${pr.solution}\n\nAnswer: ${pr.answer}`, 'table', 'en'));
    }
  }
  const ok = cleanOnly(rows);
  return writeSource({ source: 'tabmwp-tables', direction: 'output', repo: REPO, commit: s.commit, paths: PATHS,
    licence: 'CC BY-NC-SA 4.0 (TabMWP data; evaluation only, nothing committed)',
    note: `TabMWP dev1k+test1k tables with question and solution; dropped by the clean policy: ${JSON.stringify(ok.dropped)}` }, ok.rows);
}

if (process.argv[1]?.endsWith('output-tabmwp.ts')) build();
