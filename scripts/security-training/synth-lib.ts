// Shared helpers of the synthetic-data generator: a seeded PRNG and template plumbing.

export type Rng = () => number;

/** mulberry32: tiny, fast, deterministic. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
export const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
export const maybe = (rng: Rng, p: number, s: string, alt = '') => (rng() < p ? s : alt);
export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** One template: an id (the unit of the held-out split), a label and a generator. */
export interface Template {
  id: string;
  label: 'attack' | 'benign';
  lang: string;
  weight: number;
  gen: (rng: Rng) => string;
}

export const T = (id: string, label: Template['label'], gen: Template['gen'], weight = 1, lang = 'en'): Template =>
  ({ id, label, gen, weight, lang });

/** Random casing/punctuation noise so templates do not all end the same way. */
export function noise(rng: Rng, s: string): string {
  let t = s;
  const r = rng();
  if (r < 0.12) t = t.toLowerCase();
  else if (r < 0.16) t = t.toUpperCase();
  if (rng() < 0.15) t = t.replace(/[.?!]$/, '');
  if (rng() < 0.08) t = t + pick(rng, [' thanks', ' pls', ' :)', '!!', ' thank you!']);
  return t;
}

export type Gen = (rng: Rng) => string;

/** One family of the second generation: a kind (also the row's `kind`), a label, a row budget and templates. */
export interface Family {
  kind: string;
  label: Template['label'];
  rows: number;
  templates: Template[];
}

/** Templates sharing a language and a sub-kind; `weight` is per template. */
export interface Group {
  name: string;
  lang?: string;
  weight?: number;
  gens: Gen[];
}

/** Template ids are `<label>.<kind>.<group>-<lang>-<i>`: the held-out split groups by the id before its last
 *  dot, so a whole family (all languages and sub-kinds) is one pool from which whole templates are held out. */
export function family(label: Template['label'], kind: string, rows: number, groups: Group[], wrapText: (r: Rng, s: string) => string = (_r, s) => s): Family {
  const templates = groups.flatMap((g) => g.gens.map((gen, i) =>
    T(`${label}.${kind}.${g.name}-${g.lang ?? 'en'}-${i}`, label, (r) => wrapText(r, gen(r)), g.weight ?? 1, g.lang ?? 'en')));
  return { kind, label, rows, templates };
}

/** lo..hi distinct picks (fewer if xs is shorter) joined by sep. */
export const some = (rng: Rng, xs: readonly string[], lo: number, hi: number, sep = ' ') =>
  shuffle(rng, [...xs]).slice(0, int(rng, lo, hi)).join(sep);

/** FNV-1a of a string: a per-family seed that does not depend on the order families are listed in. */
export function seedOf(s: string, base: number): number {
  let h = 0x811c9dc5 ^ base;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
