// The validator's corpus, run through sandbox/validator.ts against Debian's python3 (issue 15):
// - python-validator/allowed/*.py: realistic student programs (pandas rolling means, numpy statistics, backtests,
//   Monte Carlo, json/datetime, classes, comprehensions, f-strings...). Every one must pass. Each also runs to
//   completion under python3 with numpy and pandas (checked by hand: `python3 -I <file>`), so they are real programs.
// - python-validator/refused/*.py: bypass attempts, the known ones of issue 15 first. The first line names the
//   expected `line:rule` (lines of the file itself) and why the construct escapes; that error must be among those
//   reported.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validatePython } from '../../sandbox/validator.js';

const DIR = fileURLToPath(new URL('./python-validator/', import.meta.url));
// What a course would whitelist: the default imports plus the standard modules the allow-list covers.
const STUDENT_IMPORTS = [
  'numpy',
  'pandas',
  'math',
  'datetime',
  'json',
  'statistics',
  'random',
  'itertools',
  'functools',
  'collections',
  're',
  'decimal',
  'fractions',
];

const filesOf = (sub: string) =>
  readdirSync(DIR + sub)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => [f, readFileSync(`${DIR}${sub}/${f}`, 'utf8')] as [string, string]);

const allowed = filesOf('allowed');
const refused = filesOf('refused');

describe('student programs pass', () => {
  it('the corpus is the size the issue asks for', () => {
    expect(allowed.length).toBeGreaterThanOrEqual(30);
  });
  it.each(allowed)('%s', async (_name, code) => {
    expect(await validatePython(code, { allowedImports: STUDENT_IMPORTS })).toEqual({ ok: true });
  });
});

describe('bypass attempts are refused with their rule on their line', () => {
  it('the corpus covers the known bypasses and more', () => {
    expect(refused.length).toBeGreaterThanOrEqual(150);
  });
  it.each(refused)('%s', async (_name, code) => {
    const expected = /^# expect: (\d+:[\w.]+)/m.exec(code)?.[1];
    expect(expected, 'the file names its expected line:rule').toBeDefined();
    const result = await validatePython(code, { allowedImports: STUDENT_IMPORTS });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => `${e.line}:${e.rule}`)).toContain(expected);
      for (const e of result.errors) expect(e.message.length).toBeGreaterThan(10); // a message that names the problem
    }
  });
});
