// FlipAttack (Liu et al.): the harmful AdvBench request with its characters or words flipped, plus the
// instructions to un-flip and solve it, as sent to eight models. Each result holds a system part (a
// "helpfulGPT" persona that forbids refusals) and the user part (flipped task and steps). Two rows per
// distinct attack: the user part alone and both parts pasted together as one message. All `encoded`.
import { listFiles, type Snapshot } from './lib.js';
import { licenceOf, readJson, writeAttacks, type AttackImporter, type AttackRow } from './attack-shared.js';

interface Result {
  all_prompt: { role: string; content: string }[];
}

export const flipattack: AttackImporter = {
  name: 'flipattack',
  repos: ['yueliu1999/FlipAttack'],
  run([s]: Snapshot[]) {
    const paths = listFiles(s!, 'result').filter((p) => /FlipAttack-[^/]+\.json$/.test(p));
    const rows: AttackRow[] = [];
    for (const p of paths) {
      for (const r of readJson<Result[]>(s!, p)) {
        const user = r.all_prompt.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
        const system = r.all_prompt.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
        if (user) rows.push({ text: user, kind: 'encoded' });
        if (user && system) rows.push({ text: `${system}\n${user}`, kind: 'encoded' });
      }
    }
    return writeAttacks(
      { source: this.name, repo: this.repos[0]!, commit: s!.commit, paths, licence: licenceOf(s!), note: 'User turns, and system+user pasted together, of every FlipAttack result file; sampled.' },
      rows,
    );
  },
};
