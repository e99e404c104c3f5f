// Builds the OUTPUT-direction evaluation corpus: one file per source under <cache>/guard-data/output/.
//   npx tsx scripts/security-training/sources/outputs.ts [builder ...]   (default: all)
// TypeScript builders export `build()`; Python builders (a generator that is a Python library) run in the
// guard-data venv and print {"info"} / {"row"} JSON lines, which are written here through lib.ts so ids,
// de-duplication and the manifest are the same for both. Every builder is seeded: re-runs give the same rows.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, writeSource, type GuardRow, type SourceInfo } from './lib.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const VENV_PY = process.env.GUARD_DATA_PY ?? join(CACHE, 'venv-guard-data', 'bin', 'python');

/** Builder name -> file; the Python ones need faker, mimesis, python-stdnum, phonenumbers, detect-secrets, regex, pyyaml. */
export const BUILDERS: Record<string, string> = {
  // sensitive (some with clean hard negatives of the same source)
  faker: 'output-faker.py',
  stdnum: 'output-stdnum.py',
  phonenumbers: 'output-phonenumbers.py',
  mimesis: 'output-mimesis.py',
  'presidio-tests': 'output-presidio-tests.py',
  'presidio-research': 'output-presidio-research.py',
  gitleaks: 'output-gitleaks.py',
  noseyparker: 'output-noseyparker.py',
  'detect-secrets': 'output-detect-secrets.py',
  fakerjs: 'output-fakerjs.ts',
  crypto: 'output-crypto.ts',
  'prose-creds': 'output-prose-creds.ts',
  // HELD-OUT (manifest "heldout": true): scanners' and scrubbers' own test fixtures, only ever scored
  trufflehog: 'output-trufflehog.py',
  secretlint: 'output-secretlint.py',
  scrubadub: 'output-scrubadub.py',
  whispers: 'output-whispers.py',
  ripsecrets: 'output-ripsecrets.py',
  // clean
  'alpaca-eval': 'output-alpaca-eval.ts',
  thealgorithms: 'output-thealgorithms.ts',
  aqua: 'output-aqua.ts',
  tabmwp: 'output-tabmwp.ts',
  'hard-negatives': 'output-hard-negatives.ts',
};

type Row = Omit<GuardRow, 'id' | 'direction'>;

function runPython(file: string): void {
  if (!existsSync(VENV_PY)) throw new Error(`no python at ${VENV_PY}: python3 -m venv it and pip install -r output-requirements.txt`);
  const r = spawnSync(VENV_PY, [join(HERE, file)], { cwd: HERE, encoding: 'utf8', maxBuffer: 512 << 20, env: { ...process.env, PYTHONHASHSEED: '0' } });
  if (r.stderr) process.stderr.write(r.stderr.split('\n').slice(-15).join('\n'));
  if (r.status !== 0) throw new Error(`${file} exited with ${r.status}`);
  const infos = new Map<string, SourceInfo>();
  const rows = new Map<string, Row[]>();
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { info?: SourceInfo; row?: Row };
    if (o.info) infos.set(o.info.source, o.info);
    else if (o.row) (rows.get(o.row.source) ?? rows.set(o.row.source, []).get(o.row.source)!).push(o.row);
  }
  for (const [source, info] of infos) {
    writeSource(info, (rows.get(source) ?? []).map(({ source: _s, ...rest }) => rest));
  }
}

export async function buildAll(names: string[]): Promise<void> {
  for (const name of names) {
    const file = BUILDERS[name];
    if (!file) throw new Error(`unknown builder ${name}; known: ${Object.keys(BUILDERS).join(', ')}`);
    const t0 = Date.now();
    if (file.endsWith('.py')) runPython(file);
    else await ((await import(join(HERE, file))) as { build: () => void | Promise<void> }).build();
    console.log(`  (${name}: ${Date.now() - t0} ms)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2);
  await buildAll(names.length ? names : Object.keys(BUILDERS));
}
