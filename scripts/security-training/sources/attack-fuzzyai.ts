// CyberArk FuzzyAI resources: persuasive adversarial prompts (PAP) that succeeded on GPT-3.5/4 and
// Llama-2, GCG-style adversarial suffixes (attached to AdvBench goals shipped alongside), historian
// framings, plain harmful prompts, and the hand-written technique catalogue of Jailbreaks.md (ciphers,
// character remapping, reversal, multi-hop riddles, attacker-perspective framing).
import { csvObjects, readAt, type Snapshot } from './lib.js';
import { licenceOf, pick, readLines, writeAttacks, type AttackImporter, type AttackKind, type AttackRow } from './attack-shared.js';

const R = 'src/fuzzyai/resources';
const PAP = ['adv_bench_sub_gpt3.5', 'adv_bench_sub_gpt4', 'adv_bench_sub_llama2', 'adv_bench_sub_gpt4_conversation'].map((f) => `${R}/${f}.jsonl`);
const SUFFIXES = `${R}/adv_suffixes.txt`;
const GOALS = `${R}/harmful_behaviors.csv`;
const HISTORY = `${R}/history_prompts.txt`;
const HARMFUL = [`${R}/adv_prompts.txt`, `${R}/pandoras_prompts.txt`];
const CATALOGUE = `${R}/Jailbreaks.md`;

/** Technique names of Jailbreaks.md and what they are. */
function techniqueKind(name: string): AttackKind {
  if (/rot\d|mapping|reverse|ascii|fatig/i.test(name)) return 'encoded';
  if (/try-catch/i.test(name)) return 'jailbreak';
  return 'persuasion'; // straw-man history, multi-hop riddles, attacker perspective
}

function catalogue(md: string): AttackRow[] {
  const rows: AttackRow[] = [];
  // Blocks start at a bold technique name and run to the next one or the next heading.
  const parts = md.split(/\n(?=\*\*[^*\n]+\*\*)|\n(?=### )/);
  for (const part of parts) {
    const m = /^\*\*([^*\n]+)\*\*[^\n]*\n([\s\S]+)$/.exec(part.trim());
    if (!m) continue;
    const body = m[2]!.trim();
    if (body.length < 20) continue;
    rows.push({ text: body, kind: techniqueKind(m[1]!) });
  }
  return rows;
}

export const fuzzyai: AttackImporter = {
  name: 'fuzzyai',
  repos: ['cyberark/FuzzyAI'],
  run([s]: Snapshot[]) {
    const rows: AttackRow[] = [];
    for (const p of PAP) {
      for (const line of readAt(s!, p).split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as { ss_prompt?: string; adv_query?: string };
        const text = r.ss_prompt ?? r.adv_query;
        if (text) rows.push({ text, kind: 'persuasion' });
      }
    }
    const goals = csvObjects(readAt(s!, GOALS)).map((r) => r.goal ?? '').filter(Boolean);
    for (const suffix of readLines(s!, SUFFIXES)) {
      if (/^[!\s]+$/.test(suffix)) continue; // the optimiser's all-"!" initialisation, not a found suffix
      rows.push({ text: `${pick(goals, suffix)} ${suffix}`, kind: 'suffix' });
    }
    for (const t of readLines(s!, HISTORY)) rows.push({ text: t, kind: 'persuasion' });
    for (const p of HARMFUL) for (const t of readLines(s!, p)) rows.push({ text: t, kind: 'harmful' });
    rows.push(...catalogue(readAt(s!, CATALOGUE)));
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths: [...PAP, SUFFIXES, GOALS, HISTORY, ...HARMFUL, CATALOGUE],
        licence: licenceOf(s!),
        note: 'PAP prompts, adversarial suffixes each appended to one AdvBench goal (deterministic pick), historian framings, harmful prompts and the Jailbreaks.md technique catalogue.',
      },
      rows,
    );
  },
};
