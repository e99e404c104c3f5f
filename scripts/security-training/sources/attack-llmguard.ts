// protectai/llm-guard: the prompts its prompt-injection scanner tests expect to be flagged
// (`expected_valid` False in tests/input_scanners/test_prompt_injection.py): overrides, leaks, long
// stories with an embedded hijack, jailbreak personas. Parsed from the pytest parameter tuples
// `(MatchType.X, <string literal(s)>, <bool>, <score>)`; kind by a light reading of each prompt.
import { readAt, type Snapshot } from './lib.js';
import { licenceOf, scriptLang, writeAttacks, type AttackImporter, type AttackKind, type AttackRow } from './attack-shared.js';

const PATH = 'tests/input_scanners/test_prompt_injection.py';

/** Reads consecutive Python string literals (implicit concatenation) at `i`; returns text and end. */
export function pyStrings(src: string, i: number): { text: string; end: number } | null {
  let text = '';
  let found = false;
  const skip = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i]!)) i++;
      if (src[i] === '#') while (i < src.length && src[i] !== '\n') i++;
      else return;
    }
  };
  for (;;) {
    skip();
    const m = /^([rRbBuUfF]{0,2})("""|'''|"|')/.exec(src.slice(i, i + 5));
    if (!m) break;
    const raw = /r/i.test(m[1]!);
    const q = m[2]!;
    i += m[0].length;
    let s = '';
    while (i < src.length && !src.startsWith(q, i)) {
      const c = src[i]!;
      if (c === '\\' && i + 1 < src.length) {
        const n = src[i + 1]!;
        if (raw) s += c + n;
        else if (n === 'n') s += '\n';
        else if (n === 't') s += '\t';
        else if (n === 'u') {
          s += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
          i += 4;
        } else if (n === '\n') s += '';
        else s += n;
        i += 2;
        continue;
      }
      s += c;
      i++;
    }
    i += q.length;
    text += s;
    found = true;
  }
  return found ? { text, end: i } : null;
}

function kindOf(t: string): AttackKind {
  if (/\b(DAN|developer mode|jailbreak|unrestricted|no (rules|restrictions|filters)|do anything now)\b/i.test(t)) return 'jailbreak';
  if (/(print|list|repeat|reveal|tell me|explain|respond with|output|what)[^.]{0,30}\b(your|the|initial|original)\b[^.]{0,20}\b(instructions?|prompt|guidelines)\b/i.test(t) && !/generate prompts/i.test(t)) return 'extraction';
  if (t.length > 600) return 'indirect'; // a story or document with the hijack buried in it
  return 'injection';
}

export const llmguard: AttackImporter = {
  name: 'llm-guard',
  repos: ['protectai/llm-guard'],
  run([s]: Snapshot[]) {
    const src = readAt(s!, PATH);
    const rows: AttackRow[] = [];
    for (const m of src.matchAll(/MatchType\.\w+,/g)) {
      const lit = pyStrings(src, m.index! + m[0].length);
      if (!lit) continue;
      const after = /^\s*,\s*(True|False)\s*,/.exec(src.slice(lit.end, lit.end + 40));
      if (after?.[1] !== 'False') continue; // only prompts the scanner must flag
      rows.push({ text: lit.text, kind: kindOf(lit.text), lang: scriptLang(lit.text) });
    }
    return writeAttacks(
      { source: this.name, repo: this.repos[0]!, commit: s!.commit, paths: [PATH], licence: licenceOf(s!), note: 'Prompts the prompt-injection scanner tests expect to be flagged.' },
      rows,
    );
  },
};
