// HumanCompatibleAI Tensor Trust: attacks players wrote against other players' defences in the game.
// The extraction-robustness benchmark holds attacks that made the defence leak its access code
// (`extraction`); the hijacking benchmark holds attacks that made it say "Access Granted" (`injection`).
// Only the attack text is kept (the defences are system prompts the guard never sees).
import { readAt, type Snapshot } from './lib.js';
import { licenceOf, scriptLang, writeAttacks, type AttackImporter, type AttackKind, type AttackRow } from './attack-shared.js';

const FILES: [string, AttackKind][] = [
  ['benchmarks/extraction-robustness/v1/extraction_robustness_dataset.jsonl', 'extraction'],
  ['benchmarks/hijacking-robustness/v1/hijacking_robustness_dataset.jsonl', 'injection'],
];

export const tensortrust: AttackImporter = {
  name: 'tensor-trust',
  repos: ['HumanCompatibleAI/tensor-trust-data'],
  run([s]: Snapshot[]) {
    const rows: AttackRow[] = [];
    for (const [path, kind] of FILES) {
      for (const line of readAt(s!, path).split('\n').filter(Boolean)) {
        const { attack } = JSON.parse(line) as { attack: string };
        rows.push({ text: attack, kind, lang: scriptLang(attack) });
      }
    }
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths: FILES.map(([p]) => p),
        licence: `${licenceOf(s!)}; the README names none either`,
        note: 'Attack texts of the extraction- and hijacking-robustness benchmarks.',
      },
      rows,
    );
  },
};
