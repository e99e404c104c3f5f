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
