// TheAlgorithms/Python: algorithm implementations with docstrings, doctests and comments (including
// security-flavoured ones: ciphers, hashes, "attack" and "exploit" in a technical sense), pasted with an
// "explain this code" style request of our own wording, before or after the code.
import { listFiles, readAt, sample } from './lib.js';
import { EXPLAIN_CODE, MAX_CHARS, pick, type BenignSource } from './benign-lib.js';

export const sources: BenignSource[] = [
  {
    source: 'the-algorithms-python',
    repo: 'TheAlgorithms/Python',
    family: 'the-algorithms',
    licence: 'MIT (LICENSE.md)',
    note: 'a sample of 1500 *.py files (200 to ~7700 characters, no __init__.py), each pasted with an explain/debug/test request (ours)',
    build(s) {
      const files = listFiles(s).filter((p) => p.endsWith('.py') && !p.endsWith('__init__.py'));
      const chosen = sample(files, 1500 * 2, (p) => p); // over-draw: some are too short or too long
      const rows = [];
      const paths = [];
      for (const path of chosen) {
        if (rows.length >= 1500) break;
        const code = readAt(s, path).trim();
        if (code.length < 200 || code.length > MAX_CHARS - 300) continue;
        const request = pick(EXPLAIN_CODE, path);
        const fenced = `\`\`\`python\n${code}\n\`\`\``;
        const text = pick([0, 1], code) === 0 ? `${request}\n\n${fenced}` : `${fenced}\n\n${request}`;
        rows.push({ text, kind: 'code' as const });
        paths.push(path);
      }
      return { paths: [`${paths.length} *.py files (sampled by path hash)`], rows };
    },
  },
];
