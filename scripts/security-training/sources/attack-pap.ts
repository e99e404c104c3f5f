// CHATS-lab persuasive_jailbreaker (Zeng et al., "How Johnny can persuade LLMs to jailbreak them"): the
// authors withhold their PAP data, but the in-context examples of their mutation prompts are real PAPs,
// each next to the plain harmful request it rewrites. The PAPs are `persuasion`; the originals `harmful`.
import { readAt, type Snapshot } from './lib.js';
import { licenceOf, writeAttacks, type AttackImporter, type AttackRow } from './attack-shared.js';

const PATH = 'PAP_Better_Incontext_Sample/mutation_utils.py';

export const pap: AttackImporter = {
  name: 'persuasive-jailbreaker',
  repos: ['CHATS-lab/persuasive_jailbreaker'],
  run([s]: Snapshot[]) {
    const src = readAt(s!, PATH);
    const rows: AttackRow[] = [];
    const line = (label: string) => new RegExp(`^${label}[^:\\n]*:\\s*(.+)$`, 'gm');
    for (const m of src.matchAll(line('Mutated Adversarial Prompt'))) rows.push({ text: unescape(m[1]!), kind: 'persuasion' });
    for (const m of src.matchAll(line('Original Adversarial Prompt'))) rows.push({ text: unescape(m[1]!), kind: 'harmful' });
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths: [PATH],
        licence: licenceOf(s!),
        note: 'The persuasive adversarial prompts (and their plain originals) of the in-context examples in the PAP mutation prompts.',
      },
      rows,
    );
  },
};

/** The examples sit in Python triple-quoted strings: undo the escaped quotes. */
function unescape(s: string): string {
  return s.replace(/\\"/g, '"').replace(/\\'/g, "'").trim();
}
