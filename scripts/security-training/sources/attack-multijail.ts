// DAMO-NLP-SG MultiJail: 315 harmful requests (from Anthropic red-teaming and OpenAI's GPT-4 report)
// in English and nine translations (zh, it, vi, ar, ko, th, bn, sw, jv). Plain requests without any
// jailbreak device: kind `harmful`, one row per language.
import { csvObjects, readAt, type Snapshot } from './lib.js';
import { licenceOf, writeAttacks, type AttackImporter, type AttackRow } from './attack-shared.js';

const PATH = 'data/MultiJail.csv';
const LANGS = ['en', 'zh', 'it', 'vi', 'ar', 'ko', 'th', 'bn', 'sw', 'jv'];

export const multijail: AttackImporter = {
  name: 'multijail',
  repos: ['DAMO-NLP-SG/multilingual-safety-for-LLMs'],
  run([s]: Snapshot[]) {
    const rows: AttackRow[] = [];
    for (const r of csvObjects(readAt(s!, PATH))) {
      for (const lang of LANGS) {
        const text = r[lang]?.trim();
        if (text) rows.push({ text, kind: 'harmful', lang });
      }
    }
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths: [PATH],
        licence: licenceOf(s!),
        note: 'Every MultiJail request in all ten languages (plain harmful requests).',
      },
      rows,
    );
  },
};
