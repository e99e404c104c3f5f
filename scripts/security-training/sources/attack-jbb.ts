// JailbreakBench artifacts: the prompts each published attack submitted against four models.
// GCG and DSN are a harmful goal plus optimised token noise (suffix); PAIR rewrites the goal as a
// persuasive scenario (persuasion); JBC is the AIM persona template (jailbreak); the random-search attack
// of Andriushchenko et al. wraps the goal in a rule-list template and appends optimised noise (suffix).
import { listFiles, type Snapshot } from './lib.js';
import { licenceOf, readJson, writeAttacks, type AttackImporter, type AttackKind, type AttackRow } from './attack-shared.js';

interface Artifact {
  jailbreaks: { goal: string; prompt: string | null }[];
}

const KIND: Record<string, AttackKind> = {
  GCG: 'suffix',
  DSN: 'suffix',
  PAIR: 'persuasion',
  JBC: 'jailbreak',
  prompt_with_random_search: 'suffix',
};

export const jbb: AttackImporter = {
  name: 'jailbreakbench',
  repos: ['JailbreakBench/artifacts'],
  run([s]: Snapshot[]) {
    const paths = listFiles(s!, 'attack-artifacts').filter((p) => /\/(white_box|black_box|transfer|manual)\/[^/]+\.json$/.test(p));
    const rows: AttackRow[] = [];
    const used: string[] = [];
    for (const p of paths) {
      const method = p.split('/')[1]!;
      const kind = KIND[method];
      if (!kind) continue; // test-artifact and anything new we have not looked at
      used.push(p);
      for (const j of readJson<Artifact>(s!, p).jailbreaks) {
        if (!j.prompt || j.prompt.trim() === j.goal.trim()) continue; // not submitted, or no attack applied
        rows.push({ text: j.prompt, kind });
      }
    }
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths: used,
        licence: licenceOf(s!),
        note: 'Every submitted prompt of the GCG, DSN, PAIR, JBC and random-search artifacts (all target models); kind by attack method.',
      },
      rows,
    );
  },
};
