// 0xk1h0/ChatGPT_DAN: the README's collection of DAN-family prompts (DAN 6-13, STAN, DUDE, Mongo Tom,
// Developer Mode, Evil-Bot, ...), one per <details> block. All `jailbreak`.
import { readAt, type Snapshot } from './lib.js';
import { licenceOf, writeAttacks, type AttackImporter, type AttackRow } from './attack-shared.js';

const PATH = 'README.md';

export const dan: AttackImporter = {
  name: 'chatgpt-dan',
  repos: ['0xk1h0/ChatGPT_DAN'],
  run([s]: Snapshot[]) {
    const rows: AttackRow[] = [];
    for (const m of readAt(s!, PATH).matchAll(/<summary>[^<]*<\/summary>([\s\S]*?)<\/details>/g)) {
      // Blocks may nest (the DAN heading wraps 13.0): keep only text outside further tags.
      const text = m[1]!.replace(/<details>[\s\S]*$/, '').replace(/<\/?[a-z][^>]*>/gi, '').trim();
      if (text.length > 80) rows.push({ text, kind: 'jailbreak' });
    }
    return writeAttacks(
      { source: this.name, repo: this.repos[0]!, commit: s!.commit, paths: [PATH], licence: licenceOf(s!), note: 'Each jailbreak prompt of the README.' },
      rows,
    );
  },
};
