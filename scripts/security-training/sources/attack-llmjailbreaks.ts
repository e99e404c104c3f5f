// langgptai/LLM-Jailbreaks: recent community jailbreaks for DeepSeek, Grok, Gemini, ChatGPT and Claude
// (GODMODE dividers, "untrammelled writing assistant", DAN, prompt-leak requests), one per fenced
// block of the README. Blocks under a prompt-leaking heading are `extraction`, the rest `jailbreak`.
import { readAt, type Snapshot } from './lib.js';
import { licenceOf, scriptLang, writeAttacks, type AttackImporter, type AttackRow } from './attack-shared.js';

const PATH = 'README.md';

export const llmjailbreaks: AttackImporter = {
  name: 'llm-jailbreaks',
  repos: ['langgptai/LLM-Jailbreaks'],
  run([s]: Snapshot[]) {
    const md = readAt(s!, PATH);
    const rows: AttackRow[] = [];
    let heading = '';
    const re = /^(#{1,4} .*)$|^```[^\n]*\n([\s\S]*?)^```/gm;
    for (const m of md.matchAll(re)) {
      if (m[1]) {
        heading = m[1];
        continue;
      }
      const text = m[2]!.trim();
      if (text.length < 20) continue;
      rows.push({ text, kind: /leak|system prompt/i.test(heading) ? 'extraction' : 'jailbreak', lang: scriptLang(text) });
    }
    return writeAttacks(
      { source: this.name, repo: this.repos[0]!, commit: s!.commit, paths: [PATH], licence: licenceOf(s!), note: 'Every fenced prompt of the README; kind from its heading.' },
      rows,
    );
  },
};
