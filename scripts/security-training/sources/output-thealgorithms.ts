// Source `thealgorithms-code` (clean): Python files of TheAlgorithms/Python, the kind of code a tutor
// shows: numbers, doctests, hex constants, bit tricks, test vectors. One file per row (cut at a line
// boundary after 6,000 chars), half as a fenced answer ("Here is an implementation ..."), half bare.
// Files about card numbers, phones, e-mails, IPs, national IDs or passwords, and any file failing the clean policy of
// output-lib.ts, are left out: their test data would be sensitive by this corpus's policy.
import { dedupKey, listFiles, mirror, readAt, writeSource } from './lib.js';
import { clean, cleanOnly, type OutRow } from './output-lib.js';

const REPO = 'TheAlgorithms/Python';
const N = 1500;
const SKIP = /credit|card|luhn|email|phone|mobile|ip_?v?4|ipv6|iban|password|ssn|aadhaar|imei|national_id|pesel/i;

export function build(): number {
  const s = mirror(REPO);
  if (!s) throw new Error(`fetch ${REPO} first`);
  const files = listFiles(s).filter((p) => p.endsWith('.py') && !p.includes('/__init__') && !SKIP.test(p))
    .sort((a, b) => dedupKey(a).localeCompare(dedupKey(b)));
  const rows: OutRow[] = [];
  for (const p of files.slice(0, Math.round(N * 1.3))) {
    let src = readAt(s, p);
    if (src.length > 6000) src = src.slice(0, src.lastIndexOf('\n', 6000));
    if (src.trim().length < 80) continue;
    const name = p.split('/').pop()!.replace(/\.py$/, '').replace(/_/g, ' ');
    const fenced = dedupKey(p).charCodeAt(0) % 2 === 0;
    rows.push(clean(fenced ? `Here is an implementation of ${name} in Python:\n\n\`\`\`python\n${src.trimEnd()}\n\`\`\`\n` : src, 'code', 'en'));
  }
  const ok = cleanOnly(rows);
  return writeSource({ source: 'thealgorithms-code', direction: 'output', repo: REPO, commit: s.commit, paths: ['**/*.py'], licence: 'MIT',
    note: `Python algorithm files, half fenced as an answer; dropped by the clean policy: ${JSON.stringify(ok.dropped)}` }, ok.rows.slice(0, N));
}

if (process.argv[1]?.endsWith('output-thealgorithms.ts')) build();
