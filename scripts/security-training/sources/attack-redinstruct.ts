// declare-lab red-instruct (Bhardwaj & Poria, "Red-Teaming LLMs using Chain of Utterances"): harmful
// questions (CategoricalQA in English, Chinese and Vietnamese; DangerousQA; AdversarialQA) and
// its red-teaming prompts. Each question appears plain (`harmful`), and English ones are also put in the
// Chain-of-Utterances conversation template (`jailbreak`) or given the repository's adversarial suffix
// (`suffix`), one deterministic pick per question. HarmfulQA is left out: many of its "harmful" academic
// questions are ordinary homework ("solve a system of equations by substitution"). The `api_keys` folder
// is never read.
import { readAt, type Snapshot } from './lib.js';
import { fill, licenceOf, pick, readJson, writeAttacks, type AttackImporter, type AttackRow } from './attack-shared.js';

const Q: [string, string][] = [
  ['harmful_questions/catqa_english.json', 'en'],
  ['harmful_questions/catqa_chinese.json', 'zh'],
  ['harmful_questions/catqa_vietnamese.json', 'vi'],
  ['harmful_questions/dangerousqa.json', 'en'],
  ['harmful_questions/adversarialqa.json', 'en'],
];
const COU = 'red_prompts/cou.txt';
const SUFFIX = 'red_prompts/suffix.txt';

/** All strings of a nested JSON value (the question files nest category -> subcategory -> list). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

export const redinstruct: AttackImporter = {
  name: 'red-instruct',
  repos: ['declare-lab/red-instruct'],
  run([s]: Snapshot[]) {
    const cou = readAt(s!, COU);
    const suffix = readAt(s!, SUFFIX).trim();
    const rows: AttackRow[] = [];
    for (const [path, lang] of Q) {
      for (const q of strings(readJson(s!, path)).map((t) => t.trim()).filter((t) => t.length > 10)) {
        rows.push({ text: q, kind: 'harmful', lang });
        if (lang !== 'en') continue;
        const device = pick(['plain', 'cou', 'suffix'] as const, q);
        if (device === 'cou') rows.push({ text: fill(cou, q)!, kind: 'jailbreak' });
        if (device === 'suffix') rows.push({ text: fill(suffix, q)!, kind: 'suffix' });
      }
    }
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths: [...Q.map(([p]) => p), COU, SUFFIX],
        licence: licenceOf(s!),
        note: 'Harmful questions (en/zh/vi) plain, and a third of the English ones in the CoU template or with the adversarial suffix; sampled.',
      },
      rows,
    );
  },
};
