// GPTFuzz: 77 jailbreak templates collected from jailbreakchat.com (GPTFuzzer.csv), each with an
// `[INSERT PROMPT HERE]` slot, filled with the repository's own 100 harmful questions. Every
// (template, question) pair is a jailbreak; the cap samples them deterministically.
import { csvObjects, readAt, type Snapshot } from './lib.js';
import { fill, licenceOf, writeAttacks, type AttackImporter, type AttackRow } from './attack-shared.js';

const TEMPLATES = 'datasets/prompts/GPTFuzzer.csv';
const QUESTIONS = 'datasets/questions/question_list.csv';

export const gptfuzz: AttackImporter = {
  name: 'gptfuzz',
  repos: ['sherdencooper/GPTFuzz'],
  run([s]: Snapshot[]) {
    const templates = csvObjects(readAt(s!, TEMPLATES)).map((r) => r.text ?? '').filter((t) => t.includes('[INSERT PROMPT HERE]'));
    const questions = csvObjects(readAt(s!, QUESTIONS)).map((r) => (r.text ?? '').trim()).filter(Boolean);
    const rows: AttackRow[] = [];
    for (const t of templates) for (const q of questions) rows.push({ text: fill(t, q)!, kind: 'jailbreak' });
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths: [TEMPLATES, QUESTIONS],
        licence: licenceOf(s!),
        note: `${templates.length} jailbreakchat templates x ${questions.length} harmful questions of the same repository, sampled.`,
      },
      rows,
    );
  },
};
