// XSafety (Wang et al., "All Languages Matter"): safety prompts in ten languages. Two of its 14 sets are
// attacks on their own: Goal_Hijacking (a question followed by "ignore the above and output: ...",
// `injection`) and Unsafe_Instruction_Topic (plain unsafe requests, `harmful`). The other sets mix benign
// questions in (e.g. Prompt_Leaking holds "how do you prevent prompt leaks?") and are not imported. The
// Bengali set is in .xlsx and is skipped. One column, no header.
import { parse } from 'csv-parse/sync';
import { listFiles, readAt, type Snapshot } from './lib.js';
import { licenceOf, writeAttacks, type AttackImporter, type AttackKind, type AttackRow } from './attack-shared.js';

const LANG: Record<string, string> = { ar: 'ar', de: 'de', en: 'en', fr: 'fr', hi: 'hi', ja: 'ja', ru: 'ru', sp: 'es', zh: 'zh' };
const SETS: [RegExp, AttackKind][] = [
  [/\/Goal_Hijacking[^/]*\.csv$/, 'injection'],
  [/\/Unsafe_Instruction_Topic[^/]*\.csv$/, 'harmful'],
];

export const xsafety: AttackImporter = {
  name: 'xsafety',
  repos: ['Jarviswang94/Multilingual_safety_benchmark'],
  run([s]: Snapshot[]) {
    const rows: AttackRow[] = [];
    const paths: string[] = [];
    for (const p of listFiles(s!)) {
      const lang = LANG[p.split('/')[0]!];
      const kind = SETS.find(([re]) => re.test(p))?.[1];
      if (!lang || !kind) continue;
      paths.push(p);
      const records = parse(readAt(s!, p), { bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
      for (const r of records) if (r[0]?.trim()) rows.push({ text: r[0], kind, lang });
    }
    return writeAttacks(
      { source: this.name, repo: this.repos[0]!, commit: s!.commit, paths, licence: licenceOf(s!), note: 'Goal_Hijacking and Unsafe_Instruction_Topic sets in nine languages.' },
      rows,
    );
  },
};
