// The rule machinery of the output guard: what a recogniser sees, what it reports, and the two rule shapes.
//
// Every rule answers one question — "your next hit at or after `from`" — over a window of the text that may
// still be growing (streaming). To let the streaming redactor give byte-identical results to the one-shot
// one, a rule only reports a hit it can prove will not change when more text arrives, and otherwise reports
// a `bound`: no hit of it can start before that index. Two shapes make this easy to prove:
// - reach rules: every quantifier is bounded, so a match starting at s only reads text[s-LOOKBEHIND, s+reach);
// - starter rules: a cheap literal (`sk-`, `-----BEGIN`, `@`, a keyword) marks candidates; a candidate is
//   settled once its terminator (a char that cannot belong to it) or `reach` chars are visible, and the
//   full pattern then runs on that settled slice only.
// Checks may read context around a match only through `before` (at most CONTEXT_BEFORE chars back) and the
// `after` text a reach rule hands them (capped at the match start + reach), so context is settled too.
import type { OutputKind } from '../types.js';

/** The text a rule sees: `t` holds the text from absolute index `base`; `end` = base + t.length. */
export interface ScanView {
  readonly t: string;
  readonly base: number;
  readonly end: number;
  /** True once no more text will arrive. */
  readonly final: boolean;
  /** True when absolute index `at` is inside a fenced code block (rendered as text, so markup is inert). */
  inFence(at: number): boolean;
}

/** `start..end` is replaced; `mStart..mEnd` is the whole match (the span can be a part, e.g. a password). */
export interface Hit {
  start: number;
  end: number;
  mStart: number;
  mEnd: number;
  rule: Rule;
  /** What the finding is (a rule covering several formats names the one that validated). */
  kind: OutputKind;
  id: string;
}

export interface RuleResult {
  hit: Hit | null;
  /** Without a hit: no hit of this rule starts before `bound` (Infinity once the text is final). */
  bound: number;
}

export interface Rule {
  readonly kind: OutputKind;
  readonly id: string;
  /** `resume`: a bound this rule returned earlier for the same `from` (the text has only grown since). */
  next(v: ScanView, from: number, resume?: number): RuleResult;
  /** How a finding is rewritten; default `placeholder(kind)`. */
  replace?(s: string): string;
}

/** How far before a match any rule reads (lookbehinds, context words); the streaming buffer keeps this much. */
export const LOOKBEHIND = 320;
/**
 * Letters and digits of the alphabetic scripts (Latin, Greek, Cyrillic) for word boundaries in context words.
 * Written out instead of \p{L}: a case-insensitive regex in unicode mode costs ~20x more per test in V8.
 */
export const WORD_CHARS = 'A-Za-z0-9_\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';

/** The most context a check may read before a match (LOOKBEHIND less the slack starter rules slice with). */
export const CONTEXT_BEFORE = 300;

/** A finding named by a check: a narrower span and/or the format that validated. */
export interface Found {
  span?: readonly [number, number];
  kind?: OutputKind;
  id?: string;
}

/**
 * A validator: false rejects; a [start, end) pair (indices into `src`) narrows the replaced span.
 * `after` (reach rules only) is the settled text that follows the match, for trailing context words.
 */
export type Check = (
  m: RegExpExecArray,
  src: string,
  off: number,
  v: ScanView,
  after: string,
) => boolean | readonly [number, number] | Found | null | undefined;

/** Up to `n` (<= CONTEXT_BEFORE) chars before absolute index `at`: the same in a stream as one-shot. */
export function before(v: ScanView, at: number, n: number): string {
  const k = Math.min(n, CONTEXT_BEFORE);
  return v.t.slice(Math.max(0, at - k - v.base), Math.max(0, at - v.base));
}

function hitOf(rule: Rule, m: RegExpExecArray, off: number, r: true | readonly [number, number] | Found, group?: true): Hit {
  let span: readonly [number, number] = [m.index, m.index + m[0].length];
  let kind = rule.kind;
  let id = rule.id;
  if (r === true) {
    if (group) span = firstGroup(m) ?? span;
  } else if ('length' in r) span = r as readonly [number, number];
  else {
    const f = r as Found;
    if (f.span) span = f.span;
    else if (group) span = firstGroup(m) ?? span;
    kind = f.kind ?? kind;
    id = f.id ?? id;
  }
  return { start: off + span[0], end: off + span[1], mStart: off + m.index, mEnd: off + m.index + m[0].length, rule, kind, id };
}

/** Indices of the first participating capture group (needs the `d` flag). */
export function firstGroup(m: RegExpExecArray): [number, number] | undefined {
  const ind = m.indices;
  if (!ind) return undefined;
  for (let g = 1; g < ind.length; g++) if (ind[g]) return ind[g];
  return undefined;
}

export interface Base {
  kind: OutputKind;
  id: string;
  check?: Check;
  /** Replace the first participating capture group instead of the whole match. */
  group?: true;
  replace?: (s: string) => string;
}

export function reachRule(o: Base & { re: RegExp; reach: number }): Rule {
  const rule: Rule = {
    kind: o.kind,
    id: o.id,
    replace: o.replace,
    next(v, from, resume = from) {
      const bound = v.final ? Infinity : v.end - o.reach;
      let i = Math.max(from, resume) - v.base;
      for (;;) {
        o.re.lastIndex = i;
        const m = o.re.exec(v.t);
        if (!m || v.base + m.index >= bound) return { hit: null, bound };
        let r: ReturnType<Check> = true;
        if (o.check) {
          const e = m.index + m[0].length;
          r = o.check(m, v.t, v.base, v, v.t.slice(e, Math.max(e, m.index + o.reach)));
        }
        if (r) {
          const h = hitOf(rule, m, v.base, r, o.group);
          if (h.start >= from) return { hit: h, bound };
        }
        i = m.index + 1;
      }
    },
  };
  return rule;
}

export interface StarterOpts extends Base {
  starter: RegExp;
  /** Longest text the starter matches (a partial one may sit at the end of the window). */
  starterMax: number;
  /** A match begins at most `back` chars before its starter. */
  back: number;
  /** A match ends within `reach` chars of its starter. */
  reach: number;
  /** First match after the starter settles the candidate; at most 80 chars, independent of what follows. */
  term: RegExp;
  re: RegExp;
}

/** Per scan (engine) and rule: the first terminator at/after `from`, or none up to `scanned`. */
interface TermMemo {
  from: number;
  at: number;
  len: number;
  scanned: number;
}

export function starterRule(o: StarterOpts): Rule {
  // back = 0: the match must start at the starter, so try only there (no scan through a long slice).
  const re = o.back === 0 ? new RegExp(o.re.source, o.re.flags.replace('g', '') + 'y') : o.re;
  const memos = new WeakMap<ScanView, TermMemo>();
  // Text only grows, so a terminator search resumes where the last one stopped: O(n) per stream.
  const findTerm = (v: ScanView, from: number): TermMemo => {
    const mm = memos.get(v);
    if (mm && from >= mm.from && (mm.at >= from || (mm.at < 0 && mm.scanned === v.end))) return mm;
    const resume = mm && mm.at < 0 && from >= mm.from ? Math.max(from, mm.scanned - 80) : from;
    o.term.lastIndex = resume - v.base;
    const tm = o.term.exec(v.t);
    const r = mm ?? { from, at: -1, len: 0, scanned: 0 };
    if (!mm) memos.set(v, r);
    [r.from, r.at, r.len, r.scanned] = [from, tm ? v.base + tm.index : -1, tm ? tm[0].length : 0, v.end];
    return r;
  };
  const rule: Rule = {
    kind: o.kind,
    id: o.id,
    replace: o.replace,
    next(v, from, resume = from) {
      const edge = v.final ? Infinity : v.end - o.starterMax + 1;
      // Starters before `resume + back` were settled without a hit (see the bound returned below).
      let i = Math.max(from, resume === from ? from : resume + o.back) - v.base;
      for (;;) {
        o.starter.lastIndex = i;
        const sm = o.starter.exec(v.t);
        const a = sm ? v.base + sm.index : Infinity;
        // A starter near the end may still grow into an earlier/longer one: wait.
        if (!sm || a >= edge) return { hit: null, bound: Math.min(a, edge) - o.back };
        const tm = findTerm(v, a + sm[0].length);
        const lim = a + o.reach;
        const tEnd = tm.at >= 0 ? tm.at + tm.len : Infinity;
        const stop = tEnd <= lim ? tEnd : lim <= v.end ? lim : v.final ? v.end : -1;
        if (stop < 0) return { hit: null, bound: a - o.back };
        const lo = Math.max(v.base, a - o.back - 8);
        const src = v.t.slice(lo - v.base, stop - v.base);
        re.lastIndex = Math.max(from, a - o.back) - lo;
        for (let m = re.exec(src); m; m = re.sticky ? null : re.exec(src)) {
          const ms = lo + m.index;
          if (ms > a) break;
          if (ms === a || ms + m[0].length > a) {
            const r = o.check ? o.check(m, src, lo, v, '') : true;
            // A span never reaches back before `from` (text there may already be out).
            const h = r ? hitOf(rule, m, lo, r, o.group) : null;
            if (h && h.start >= from) return { hit: h, bound: a - o.back };
          }
          re.lastIndex = m.index + 1;
        }
        i = sm.index + 1;
      }
    },
  };
  return rule;
}

/** Skip markup the user will see as text: inside a fenced block, or an inline `code` span on this line. */
export function inCode(v: ScanView, at: number): boolean {
  if (v.inFence(at)) return true;
  const lineStart = v.t.lastIndexOf('\n', at - v.base - 1) + 1;
  const from = Math.max(lineStart, at - v.base - 200);
  let ticks = 0;
  for (let i = from; i < at - v.base; i++) if (v.t.charCodeAt(i) === 96) ticks++;
  return ticks % 2 === 1;
}
