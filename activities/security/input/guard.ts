// Layer 1 of the security chain: the input guard. normalise -> pattern rules (canonical text and every
// decoded payload) -> local classifier -> per-category policy. Pure: no I/O except reading the model once.
import { decode as decodeTokens, encode as encodeTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { exceedsTokens } from '../../../lib/tokens.js';
import { modelInfo, predictWorst } from './classifier.js';
import { INPUT_RULES, type InputRule } from './rules/index.js';
import { normalize, type VariantKind } from './normalize.js';
import {
  DEFAULT_INPUT_POLICY,
  INPUT_CATEGORIES,
  type Finding,
  type GuardAction,
  type InputCategory,
  type InputGuardOptions,
  type InputVerdict,
} from '../types.js';

export const DEFAULT_MAX_TOKENS = 2000;
/** Longest stretch scanned by rules and classifier; beyond it a text is over any sane budget anyway. */
const SCAN_CHARS = 32_000;
// The classifier's threshold is calibrated on whole public sources it was not trained on. A text of a few
// words (a note's title, "stop") gives it too few pieces to judge: there it never blocks alone (rules still
// do, and it can still corroborate a weak rule), and up to a short sentence it must be almost sure.
const SHORT_TEXT = 24;
const SENTENCE_TEXT = 64;
const classifierBar = (len: number, threshold: number) => (len < SHORT_TEXT ? Infinity : len < SENTENCE_TEXT ? Math.max(threshold, 0.985) : threshold);
// Persona vocabulary: a classifier hit that reads like role-play is a jailbreak, anything else an injection.
const JAILBREAK_CUES =
  /\b(?:pretend|act\s*as|role-?play|persona|character|you\s*are\s*(?:now|going\s*to)|dan\b|mode\b|jailbr|stay\s*in|simulate|immerse|opposite|evil|unfiltered|uncensored|amoral)|扮演|模式|假装/;

// Prefilter. One pass over the text looks up each word's first five letters in an index of the rules' word
// keys; literal keys (symbols, CJK) are checked with includes() only when their first character occurs.
// Only rules with a hit run their regex: on a 4 KB benign text that is a handful instead of ~80.
const WORD_KEY = /^[a-zа-яё]+$/;
// A word's key packs its first five letters into an integer (6 bits a letter), so the per-word lookup
// neither slices strings nor hashes them.
const letterCode = (c: number) => (c >= 97 && c <= 122 ? c - 96 : c >= 0x430 && c <= 0x451 ? c - 0x430 + 27 : 0);
const packKey = (w: string) => {
  let k = 0;
  for (let i = 0; i < Math.min(5, w.length); i++) k = k * 64 + letterCode(w.charCodeAt(i));
  return k;
};
const WORD_INDEX = new Map<number, number[]>();
const LITERALS: [number, string][] = [];
INPUT_RULES.forEach((r, i) => {
  for (const k of r.any) {
    if (WORD_KEY.test(k)) {
      const key = packKey(k);
      WORD_INDEX.set(key, [...new Set([...(WORD_INDEX.get(key) ?? []), i])]);
    } else LITERALS.push([i, k]);
  }
});
const MAX_POS = 3;
const SEEN = new Uint8Array(128);
const WIDE = new Set<number>();

/** Positions (up to three per rule) where each rule's keys occur; -1 = no key, rule cannot match. */
function triggered(text: string): Int32Array {
  const pos = new Int32Array(INPUT_RULES.length * MAX_POS).fill(-1);
  const mark = (r: number, at: number) => {
    for (let k = r * MAX_POS; k < (r + 1) * MAX_POS; k++)
      if (pos[k] === -1) {
        pos[k] = at;
        return;
      }
  };
  const seen = SEEN.fill(0);
  const wide = WIDE; // CJK and other non-letter wide characters, for literal keys
  wide.clear();
  let start = -1;
  let key = 0;
  for (let i = 0, n = text.length; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    const code = letterCode(c);
    if (code) {
      if (start < 0) {
        start = i;
        key = 0;
      }
      if (i - start < 5) key = key * 64 + code;
      continue;
    }
    if (start >= 0) {
      const rules = WORD_INDEX.get(key);
      if (rules) for (const r of rules) mark(r, start);
      start = -1;
    }
    if (c < 128) seen[c] = 1;
    else wide.add(c);
  }
  for (const [r, lit] of LITERALS) {
    const c = lit.charCodeAt(0);
    if (!(c < 128 ? seen[c] || letterCode(c) : wide.has(c))) continue;
    const at = text.indexOf(lit);
    if (at >= 0) mark(r, at);
  }
  return pos;
}

interface Hit {
  rule: InputRule;
  kind?: VariantKind;
}

const window = (text: string, from: number, to: number) => text.slice(Math.max(0, from), to);

// A rule's regex runs on windows around its key positions (or its anchor matches), not on the whole text:
// the matches they look for are a sentence long, and a 4 KB text would cost eight times more per rule.
// Line-anchored patterns get windows that start at a line start, so `^` keeps its meaning.
function matches(rule: InputRule, text: string, pos: Int32Array, r: number): boolean {
  if (text.length <= 600) return rule.re.test(text);
  if (rule.anchor) {
    const anchor = rule.anchor;
    anchor.lastIndex = 0;
    for (let k = 0, m = anchor.exec(text); m && k < 8; k++, m = anchor.exec(text)) {
      if (rule.re.test(window(text, m.index - 200, m.index + m[0].length + 120))) return true;
      if (m[0].length === 0) anchor.lastIndex++;
    }
    return false;
  }
  const after = rule.reach ?? 300;
  for (let k = r * MAX_POS; k < (r + 1) * MAX_POS && pos[k]! >= 0; k++) {
    const at = pos[k]!;
    const from = rule.lineStart ? text.lastIndexOf('\n', at) + 1 : at - 200;
    if (rule.re.test(window(text, from, at + after))) return true;
  }
  // Keys beyond the first three: fall back to the whole text.
  return pos[r * MAX_POS + MAX_POS - 1]! >= 0 && rule.re.test(text);
}

function scanRules(text: string, kind: VariantKind | undefined, hits: Hit[]): void {
  const pos = triggered(text);
  for (let r = 0; r < INPUT_RULES.length; r++) {
    if (pos[r * MAX_POS] !== -1 && matches(INPUT_RULES[r]!, text, pos, r)) hits.push({ rule: INPUT_RULES[r]!, kind });
  }
}

function stripXss(text: string): string {
  return text
    .replace(/<\s*(script|style|iframe|object|embed|applet|svg|math)\b[\s\S]*?<\s*\/\s*\1\s*>/gi, '')
    .replace(/<\/?[a-z!?][^>]*>?/gi, '')
    .replace(/&lt;\/?[a-z][\s\S]*?&gt;/gi, '')
    .replace(/(?:java|vb|live)\s*script\s*:[^\s"'<>]*|data\s*:\s*(?:text\/html|image\/svg\+xml|application\/[a-z+-]+)[^\s"'<>]*/gi, '')
    .replace(/\b(?:alert|prompt|confirm)\s*\([^)]*\)\s*;?/gi, '');
}

function stripExfiltration(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\(\s*(?:https?:)?\/\/[^)]*\)/g, '$1')
    .replace(/(?:https?:)?\/\/[^\s)"'<>]+[?&][^\s)"'<>]*/g, '');
}

interface Analysis {
  findings: Finding[];
  /** Classifier probability (max over the text and its decoded payloads). */
  p: number;
}

function analyse(text: string): Analysis {
  const scan = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS * 0.75) + '\n' + text.slice(-SCAN_CHARS * 0.25) : text;
  const n = normalize(scan);
  const hits: Hit[] = [];
  scanRules(n.text, undefined, hits);
  let p = predictWorst(n.text);
  for (const v of n.variants) {
    scanRules(v.text, v.kind, hits);
    // Whole-text transforms of benign text (url, entities, a hinted rot13) can be gibberish, on which a
    // linear model is unreliable: those are rescanned by the rules only.
    if (v.readable) p = Math.max(p, predictWorst(v.text));
  }
  const { threshold, lowThreshold } = modelInfo();
  const findings: Finding[] = [];
  const add = (category: InputCategory, ruleId: string, score: number) => {
    if (!findings.some((f) => f.ruleId === ruleId && f.category === category)) findings.push({ category, ruleId, score: round(score) });
  };
  const strong = hits.filter((h) => !h.rule.weak);
  const weak = hits.filter((h) => h.rule.weak);
  for (const h of strong) {
    add(h.rule.category, h.rule.id, h.rule.score);
    if (h.kind) add(h.rule.category, `obf.${h.kind}`, h.rule.score);
  }
  if (n.signals.includes('homoglyph')) add('injection', 'obf.homoglyph', 0.9);
  // Markup the rules already attribute (XSS, exfiltration URLs) would also sway the classifier; its
  // verdict on the language should not depend on them, so it re-reads the text without that markup.
  if (strong.some((h) => h.rule.category === 'xss' || h.rule.category === 'exfiltration')) p = predictWorst(stripExfiltration(stripXss(n.text)));
  if (p >= classifierBar(n.text.length, threshold)) {
    const persona = JAILBREAK_CUES.test(n.text);
    add(persona ? 'jailbreak' : 'injection', persona ? 'classifier.jailbreak' : 'classifier.injection', p);
  }
  // Weak rules need corroboration: the classifier leaning towards attack, or a strong hit. (Two weak hits
  // do not corroborate each other: a long benign text collects unrelated ones.)
  if (p >= lowThreshold || findings.length > 0) {
    for (const h of weak) add(h.rule.category, h.rule.id, h.rule.score);
    if (n.signals.includes('invisible') || n.signals.includes('bidi')) add('injection', 'obf.invisible', Math.max(0.55, p));
  }
  return { findings, p };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

// ---- sanitising ---------------------------------------------------------------------------------------------

const SEGMENT = /[^.!?。！？\n]*(?:[.!?。！？]+|\n+|$)/g;
const ROLE_MARKERS =
  /<\|[^|>]{1,30}\|>|\[\/?\s*inst\s*\]|<<\s*\/?\s*sys\s*>>|^\s*#{1,6}\s*(?:system|assistant|instruction|admin|developer)[^\n]*$|<\s*\/?\s*(?:system|assistant|developer|admin|user|sys)\s*>/gim;

function sanitise(text: string, categories: Set<InputCategory>, maxTokens: number): string {
  let t = text;
  if (categories.has('xss')) t = stripXss(t);
  if (categories.has('exfiltration')) t = stripExfiltration(t);
  if (categories.has('role_tag')) t = t.replace(ROLE_MARKERS, '');
  const sentenceLevel = (['injection', 'jailbreak', 'prompt_extraction', 'role_tag'] as const).filter((c) => categories.has(c));
  if (sentenceLevel.length) {
    // Drop each sentence in which one of these categories fires on its own.
    const kept: string[] = [];
    for (const seg of t.match(SEGMENT) ?? []) {
      if (!seg.trim()) {
        kept.push(seg);
        continue;
      }
      const found = analyse(seg).findings.some((f) => (sentenceLevel as readonly InputCategory[]).includes(f.category));
      if (!found) kept.push(seg);
    }
    t = kept.join('');
  }
  if (categories.has('too_long') && exceedsTokens(t, maxTokens)) {
    // The first maxTokens tokens lie within the first 8 * maxTokens characters unless tokens are unusually
    // long; cutting there first keeps the tokenizer away from megabyte inputs (and errs on the short side).
    const head = t.slice(0, maxTokens * 8);
    t = decodeTokens(encodeTokens(head, { disallowedSpecial: new Set() }).slice(0, maxTokens));
  }
  return t.replace(/[ \t]{2,}/g, ' ').trim();
}

// ---- entry point --------------------------------------------------------------------------------------------

export function inspectInput(text: string, opts?: Partial<InputGuardOptions>): InputVerdict {
  const maxTokens = opts?.maxTokens ?? DEFAULT_MAX_TOKENS;
  const policy: Record<InputCategory, GuardAction> = { ...DEFAULT_INPUT_POLICY, ...opts?.policy };
  const { findings } = analyse(text);
  if (exceedsTokens(text, maxTokens)) findings.push({ category: 'too_long', ruleId: 'len.max_tokens', score: 1 });

  const categories = INPUT_CATEGORIES.filter((c) => findings.some((f) => f.category === c));
  const verdict: InputVerdict = {
    blocked: categories.some((c) => policy[c] === 'block'),
    categories,
    rules: [...new Set(findings.map((f) => f.ruleId))],
    score: findings.reduce((m, f) => Math.max(m, f.score), 0),
    findings,
  };
  const toSanitise = new Set(categories.filter((c) => policy[c] === 'sanitise'));
  if (toSanitise.size) {
    let cleaned = sanitise(text, toSanitise, maxTokens);
    // If what is left still trips a sanitised category, nothing of the message can be trusted.
    const again = analyse(cleaned).findings.some((f) => toSanitise.has(f.category));
    if (again) cleaned = '';
    verdict.sanitised = cleaned;
  }
  return verdict;
}
