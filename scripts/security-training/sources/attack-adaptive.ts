// tml-epfl/llm-adaptive-attacks (Andriushchenko et al.): the jailbreak artifacts of the adaptive
// random-search attack on 14 models. Each prompt is a rule-list template ("start your response with
// 'Sure, here is'...") around an AdvBench goal, usually followed by an optimised token-noise suffix:
// `suffix` when that noise is there, `jailbreak` when only the template is.
import { listFiles, type Snapshot } from './lib.js';
import { licenceOf, readJson, writeAttacks, type AttackImporter, type AttackRow } from './attack-shared.js';

/** The template's request ends with this phrase; what follows it is the optimised suffix. */
const END = 'ethical implications)';

export const adaptive: AttackImporter = {
  name: 'llm-adaptive-attacks',
  repos: ['tml-epfl/llm-adaptive-attacks'],
  run([s]: Snapshot[]) {
    const paths = listFiles(s!, 'jailbreak_artifacts').filter((p) => p.endsWith('.json'));
    const rows: AttackRow[] = [];
    for (const p of paths) {
      for (const j of readJson<{ jailbreaks: { prompt: string | null }[] }>(s!, p).jailbreaks) {
        if (!j.prompt) continue;
        const at = j.prompt.lastIndexOf(END);
        const tail = at < 0 ? '' : j.prompt.slice(at + END.length).trim();
        rows.push({ text: j.prompt, kind: tail.length >= 20 ? 'suffix' : 'jailbreak' });
      }
    }
    return writeAttacks(
      { source: this.name, repo: this.repos[0]!, commit: s!.commit, paths, licence: licenceOf(s!), note: 'All submitted prompts of the jailbreak artifacts; suffix vs template-only by the text after the request.' },
      rows,
    );
  },
};
