// Shared bits of the TypeScript output-corpus builders: a seeded RNG, answer layouts per language, and the
// row shape handed to lib.ts's writeSource. (The Python builders have the same in output_lib.py.)
import type { GuardRow } from './lib.js';

export type OutRow = Omit<GuardRow, 'id' | 'source' | 'direction'>;

/** Seeded PRNG (mulberry32) shared with the synthetic generator. */
export { makeRng as rng } from '../synth-lib.js';
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** A sensitive row, or null (and a warning) when a secret is not a substring of the text. */
export function sensitive(text: string, kind: string, secrets: string[], lang?: string): OutRow | null {
  const s = [...new Set(secrets.filter(Boolean))];
  if (!s.length || s.some((x) => !text.includes(x))) {
    process.stderr.write(`secret not in text, row dropped: ${JSON.stringify(text.slice(0, 80))}\n`);
    return null;
  }
  return { text, label: 'sensitive', kind, secrets: s, ...(lang ? { lang } : {}) };
}
export const clean = (text: string, kind: string, lang?: string): OutRow => ({ text, label: 'clean', kind, ...(lang ? { lang } : {}) });

const FRAMES: Record<string, string[]> = {
  en: ['Your {l} is {v}.', 'Sure! The {l} we have on file is {v}.', 'Here you go — {l}: {v}', 'I looked it up: the {l} is {v}.'],
  de: ['Ihre {l} lautet {v}.', 'Hier ist die {l}: {v}', 'Laut System ist die {l} {v}.'],
  fr: ['Votre {l} est {v}.', 'Voici le {l} : {v}', "D'après le dossier, {l} : {v}."],
  es: ['Tu {l} es {v}.', 'Aquí está el {l}: {v}', 'Según el sistema, el {l} es {v}.'],
  it: ['Il tuo {l} è {v}.', 'Ecco il {l}: {v}'],
  pt: ['O seu {l} é {v}.', 'Aqui está o {l}: {v}'],
  nl: ['Je {l} is {v}.', 'Hier is het {l}: {v}'],
  pl: ['Twój {l} to {v}.'],
  sv: ['Ditt {l} är {v}.'],
  ru: ['Ваш {l}: {v}.'],
  zh: ['您的{l}是{v}。'],
  ja: ['あなたの{l}は{v}です。'],
  ko: ['귀하의 {l}: {v}'],
  tr: ['{l}: {v}'],
};
const NEUTRAL = [
  '| field | value |\n|---|---|\n| {l} | {v} |',
  '```json\n{"{k}": "{v}"}\n```',
  '- owner: {n}\n- {l}: {v}',
  '{k}: {v}',
  '{n}: {v}',
];

export function layout(r: () => number, lang: string, label: string, value: string, name = 'Alex Doe'): string {
  const base = lang.split(/[_-]/)[0];
  const key = label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_|_$/g, '') || 'value';
  const t = r() < 0.3 ? pick(r, NEUTRAL) : pick(r, FRAMES[base ?? 'en'] ?? FRAMES.en ?? []);
  return t.replaceAll('{l}', label).replaceAll('{k}', key).replaceAll('{n}', name).replaceAll('{v}', value);
}

// ---------------------------------------------------------------- clean-source policy
// A real answer is a clean row only if nothing in it is personal or secret by this corpus's policy; the
// filter is deliberately broad (it drops a few harmless answers rather than mislabel one) and independent of
// the guard's recognisers. Reserved example domains, 555-01xx numbers and the like are left for
// output-hard-negatives.ts, which labels them on purpose.
const PERSONAL: [string, RegExp][] = [
  // RFC 2606 reserved names only: example.com/.net/.org and the .example/.test/.invalid/.localhost TLDs
  ['email', /[\w.+-]+@(?![\w.-]*\bexample\.(?:com|net|org)\b|[\w.-]+\.(?:example|test|invalid|localhost)\b)[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}/],
  ['phone', /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\+\d{1,3}[\s.-]\d{1,4}[\s.-]\d{2,4}[\s.-]\d{2,4}/],
  ['ssn', /\b\d{3}-\d{2}-\d{4}\b/],
  ['card', /\b(?:\d[ -]?){12,18}\d\b/g],
  ['credential', /(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)["']?\s*[:=]\s*["']?[^\s"'<>]{4,}/i],
  ['url_credentials', /\b[a-z][\w+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i],
  ['private_key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['ip', /\b(?:\d{1,3}\.){3}\d{1,3}\b/],
];

/** Why `text` cannot be a clean row (the first policy hit), or null. */
export function personal(text: string): string | null {
  for (const [why, re] of PERSONAL) {
    if (why === 'card') {
      // only a Luhn-valid run counts: long numbers in maths and code stay (they are the hard negatives)
      if ([...text.matchAll(re)].some((m) => luhn(m[0].replace(/\D/g, '')))) return why;
    } else if (re.test(text)) return why;
  }
  return null;
}

function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let x = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
    sum += x;
  }
  return sum % 10 === 0;
}

/** Keeps the clean rows that pass `personal`, counting the rest by reason (reported in the manifest note). */
export function cleanOnly(rows: OutRow[]): { rows: OutRow[]; dropped: Record<string, number> } {
  const dropped: Record<string, number> = {};
  const kept = rows.filter((row) => {
    const why = personal(row.text);
    if (why) dropped[why] = (dropped[why] ?? 0) + 1;
    return !why;
  });
  return { rows: kept, dropped };
}

/** Deterministic pick of n items spread over groups (round-robin over groups, each group hash-ordered). */
export function spread<T>(groups: T[][], n: number): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < n; i++) {
    let any = false;
    for (const g of groups) if (i < g.length) { any = true; out.push(g[i] as T); if (out.length >= n) break; }
    if (!any) break;
  }
  return out;
}
