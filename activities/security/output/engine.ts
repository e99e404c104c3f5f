// Layer 4 of the security chain: redacts secrets and PII in model output and neutralises active markup,
// one-shot (`redactOutput`) or while tokens stream (`StreamingRedactor`).
//
// Both run the same left-to-right engine. At the cursor `pos` each rule reports its next hit or a bound
// before which it cannot hit (see rule-kit.ts). The engine replaces the earliest hit (merged with every
// hit overlapping it) once no rule can still produce an earlier or overlapping one, and otherwise releases
// raw text only up to the smallest bound. Since rules only report facts that more text cannot change, a
// stream split anywhere gives exactly the one-shot result, and no character of a finding is released before
// the finding is known. Work per call is bounded by the unreleased window plus LOOKBEHIND, so a whole
// stream costs O(n).
import { LOOKBEHIND, OUTPUT_RULES, type Hit, type Rule, type RuleResult, type ScanView } from './rules/index.js';
import { placeholder, type OutputVerdict, type Redaction } from '../types.js';

export { OUTPUT_RULES } from './rules/index.js';

/** A fence line (``` or ~~~ at a line start); its third char is where it takes effect. */
const FENCE = /(?<=(?:^|\n)[ \t]{0,3})(?:```|~~~)/g;

type Fence = '' | '`' | '~';
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
type Cached = RuleResult & { from: number; end: number; final: boolean };

class Engine implements ScanView {
  t = '';
  base = 0;
  final = false;
  /** Everything before `pos` has been emitted. */
  pos = 0;
  /** Fence state at `pos`: markdown renders fenced code as text, so markup inside it is left alone. */
  private fence: Fence = '';
  private readonly cache: (Cached | undefined)[] = [];
  readonly redactions: Redaction[] = [];

  constructor(private readonly rules: readonly Rule[]) {}

  get end(): number {
    return this.base + this.t.length;
  }

  inFence(at: number): boolean {
    return this.fenceBetween(this.fence, this.pos, at) !== '';
  }

  /** Fence state after applying the fence lines whose third char lies in [from, to). */
  private fenceBetween(state: Fence, from: number, to: number): Fence {
    // Only when a fence marker lies in the range (the regex would otherwise scan on to the next fence).
    const lo = Math.max(0, from - 2 - this.base);
    const hi = to - this.base;
    const b = this.t.indexOf('```', lo);
    const c = this.t.indexOf('~~~', lo);
    if ((b < 0 || b >= hi) && (c < 0 || c >= hi)) return state;
    FENCE.lastIndex = Math.max(0, from - 2 - this.base);
    for (let m = FENCE.exec(this.t); m; m = FENCE.exec(this.t)) {
      const at = this.base + m.index + 2;
      if (at >= to) break;
      if (at < from) continue;
      const c = m[0][0] as '`' | '~';
      state = state === '' ? c : state === c ? '' : state;
    }
    return state;
  }

  private moveTo(to: number): void {
    this.fence = this.fenceBetween(this.fence, this.pos, to);
    this.pos = to;
  }

  /** Rule i's next hit from `from`; reused while still valid (a hit not yet passed, or same text). */
  private query(i: number, from: number): RuleResult {
    const c = this.cache[i];
    const end = this.end;
    if (c && from >= c.from && (c.hit ? Math.min(c.hit.mStart, c.hit.start) >= from : c.end === end && c.final === this.final)) return c;
    // Without a hit the rule told us where to resume: only the new text (plus its window) is scanned again.
    const resume = c && !c.hit && from >= c.from && c.bound > from ? c.bound : from;
    const r = this.rules[i]!.next(this, from, resume);
    this.cache[i] = { hit: r.hit, bound: r.bound, from, end, final: this.final };
    return r;
  }

  /**
   * Extends `best` over every hit overlapping it (transitively). Returns the merged end and members, or
   * null when some rule could still produce an overlapping hit once more text arrives.
   */
  private merge(best: Hit, first: readonly RuleResult[]): { end: number; members: Hit[] } | null {
    let e = best.end;
    const members: Hit[] = [best];
    for (let changed = true; changed;) {
      changed = false;
      for (let i = 0; i < this.rules.length; i++) {
        for (let cur = first[i]!; ;) {
          const h = cur.hit;
          if (!h) {
            if (cur.bound < e) return null;
            break;
          }
          if (h.start >= e) break;
          if (!members.some((x) => x.rule === h.rule && x.start === h.start && x.end === h.end)) members.push(h);
          if (h.end > e) {
            e = h.end;
            changed = true;
          }
          cur = this.rules[i]!.next(this, Math.max(h.mEnd, h.mStart + 1));
        }
      }
    }
    return { end: e, members };
  }

  /** Emits everything that is settled. */
  run(): string {
    let out = '';
    const first: RuleResult[] = new Array<RuleResult>(this.rules.length);
    while (this.pos < this.end) {
      let bound = Infinity; // no unseen hit starts before this
      let minStart = Infinity; // no known hit's match starts before this
      let best: Hit | null = null;
      for (let i = 0; i < this.rules.length; i++) {
        const r = this.query(i, this.pos);
        first[i] = r;
        if (r.hit) {
          // A span may start before its match (a passport number written before the word "passport").
          const s = Math.min(r.hit.mStart, r.hit.start);
          if (s < minStart) minStart = s;
          if (!best || r.hit.start < best.start) best = r.hit; // ties: the earlier rule names it
        } else if (r.bound < bound) bound = r.bound;
      }
      if (best && best.start < bound) {
        const merged = this.merge(best, first);
        if (merged) {
          out += this.t.slice(this.pos - this.base, best.start - this.base) + this.rewrite(best, merged.end, merged.members);
          this.moveTo(merged.end);
          continue;
        }
      }
      let to = Math.min(bound, minStart, this.end);
      // Never end a chunk inside a surrogate pair (a lone half would reach the client as garbage).
      if (to < this.end && isHighSurrogate(this.t.charCodeAt(to - 1 - this.base))) to--;
      if (to <= this.pos) break;
      out += this.t.slice(this.pos - this.base, to - this.base);
      this.moveTo(to);
    }
    return out;
  }

  private rewrite(best: Hit, end: number, members: readonly Hit[]): string {
    // A secret inside markup wins: the placeholder hides it and the markup with it.
    const primary = members.find((h) => h.kind !== 'xss') ?? best;
    this.redactions.push({ kind: primary.kind, ruleId: primary.id });
    if (primary.kind !== 'xss' || !primary.rule.replace) return placeholder(primary.kind);
    return primary.rule.replace(this.t.slice(best.start - this.base, end - this.base));
  }

  append(delta: string): void {
    this.t += delta;
  }

  /** Drops released text, keeping what rules may still look back at. */
  trim(): void {
    const keep = this.pos - LOOKBEHIND;
    if (keep - this.base > 4096) {
      this.t = this.t.slice(keep - this.base);
      this.base = keep;
    }
  }
}

/** Redacts a complete model answer. */
export function redactOutput(text: string): OutputVerdict {
  const e = new Engine(OUTPUT_RULES);
  e.t = text;
  e.final = true;
  return { text: e.run(), redactions: e.redactions };
}

/** Scanning again after fewer new chars than this buys nothing but CPU (tokens are a few chars each). */
const MIN_STEP = 16;

/**
 * Redacts a stream of deltas. `push` returns the text that is now safe to show (possibly ''); `end` flushes
 * the rest. For any split, the concatenated outputs equal `redactOutput(whole).text`.
 */
export class StreamingRedactor {
  private readonly e = new Engine(OUTPUT_RULES);
  private lastRun = 0;
  private ended = false;

  get redactions(): Redaction[] {
    return this.e.redactions;
  }

  push(delta: string): string {
    if (this.ended) throw new Error('StreamingRedactor: push after end');
    if (!delta) return '';
    this.e.append(delta);
    if (this.e.end - this.lastRun < MIN_STEP) return '';
    this.lastRun = this.e.end;
    const out = this.e.run();
    this.e.trim();
    return out;
  }

  end(): string {
    if (this.ended) return '';
    this.ended = true;
    this.e.final = true;
    return this.e.run();
  }
}
