// Detectors of the output guard: secrets, PII and active markup in model output.
//
// Every rule answers one question — "your next hit at or after `from`" — over a window of the text that may
// still be growing (streaming). To let the streaming redactor give byte-identical results to the one-shot
// one, a rule only reports a hit it can prove will not change when more text arrives, and otherwise reports
// a `bound`: no hit of it can start before that index. Two shapes make this easy to prove:
// - reach rules: every quantifier is bounded, so a match starting at s only reads text[s-LOOKBEHIND, s+reach);
// - starter rules: a cheap literal (`sk-`, `-----BEGIN`, `@`, a keyword) marks candidates; a candidate is
//   settled once its terminator (a char that cannot belong to it) or `reach` chars are visible, and the
//   full pattern then runs on that settled slice only.
import type { OutputKind } from './types.js';
import { placeholder } from './types.js';
import { cardValid, cnIdValid, digitCount, hasDigit, hasLetter, ibanValid, inMath, isPlaceholder, jwtHeaderOk, passwordValue, ssnValid } from './validators.js';

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

/** A validator: false rejects; a [start, end) pair (indices into `src`) narrows the replaced span. */
type Check = (m: RegExpExecArray, src: string, off: number, v: ScanView) => boolean | readonly [number, number];

function hitOf(rule: Rule, m: RegExpExecArray, off: number, r: true | readonly [number, number], group?: true): Hit {
  let span: readonly [number, number] = [m.index, m.index + m[0].length];
  if (r !== true) span = r;
  else if (group) span = firstGroup(m) ?? span;
  return { start: off + span[0], end: off + span[1], mStart: off + m.index, mEnd: off + m.index + m[0].length, rule };
}

/** Indices of the first participating capture group (needs the `d` flag). */
function firstGroup(m: RegExpExecArray): [number, number] | undefined {
  const ind = m.indices;
  if (!ind) return undefined;
  for (let g = 1; g < ind.length; g++) if (ind[g]) return ind[g];
  return undefined;
}

interface Base {
  kind: OutputKind;
  id: string;
  check?: Check;
  /** Replace the first participating capture group instead of the whole match. */
  group?: true;
  replace?: (s: string) => string;
}

function reachRule(o: Base & { re: RegExp; reach: number }): Rule {
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
        const r = o.check ? o.check(m, v.t, v.base, v) : true;
        if (r) return { hit: hitOf(rule, m, v.base, r, o.group), bound };
        i = m.index + 1;
      }
    },
  };
  return rule;
}

interface StarterOpts extends Base {
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
interface TermMemo { from: number; at: number; len: number; scanned: number }

function starterRule(o: StarterOpts): Rule {
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
            const r = o.check ? o.check(m, src, lo, v) : true;
            if (r) return { hit: hitOf(rule, m, lo, r, o.group), bound: a - o.back };
          }
          re.lastIndex = m.index + 1;
        }
        i = sm.index + 1;
      }
    },
  };
  return rule;
}

// ---------------------------------------------------------------- helpers for checks

const TOKEN_END = /[^A-Za-z0-9_-]/g;

/** Skip markup the user will see as text: inside a fenced block, or an inline `code` span on this line. */
function inCode(v: ScanView, at: number): boolean {
  if (v.inFence(at)) return true;
  const lineStart = v.t.lastIndexOf('\n', at - v.base - 1) + 1;
  const from = Math.max(lineStart, at - v.base - 200);
  let ticks = 0;
  for (let i = from; i < at - v.base; i++) if (v.t.charCodeAt(i) === 96) ticks++;
  return ticks % 2 === 1;
}

// ---------------------------------------------------------------- the rules

const token = (kind: OutputKind, id: string, prefix: string, body: string, reach: number, check?: Check): Rule =>
  starterRule({
    kind, id, check, back: 0, reach, term: TOKEN_END,
    starter: new RegExp(`(?<![A-Za-z0-9_-])(?:${prefix})`, 'g'),
    starterMax: 12,
    re: new RegExp(`(?:${prefix})${body}(?![A-Za-z0-9_-])`, 'g'),
  });

const mixedToken: Check = (m) => hasDigit(m[0]) && /[A-Za-z].*[A-Za-z]/.test(m[0]);
const pwGroupCheck: Check = (m, src) => {
  const g = firstGroup(m);
  if (!g) return false;
  const val = src.slice(g[0], g[1]);
  return !isPlaceholder(val) && val.length >= 3 ? g : false;
};

const PASSWORD_WORDS = 'pass(?:word|wd|phrase|code)?|pwd|密码|口令';
const KEY_WORDS = 'secret(?:[ _-]?key)?|token|api[ _-]?key|access[ _-]?key|auth[ _-]?key|private[ _-]?key';
const VALUE = `"([^"\\n]{1,128})"|'([^'\\n]{1,128})'|\`([^\`\\n]{1,128})\`|([^\\s"'\`<>,;，。；、！？（）【】]{1,128})`;
const SEP = [
  `\\s{0,3}(?:=>|:=|==?|[:：])\\s{0,3}`,
  `\\s{1,3}(?:is|was|(?:has been |was |is )?(?:set|changed|reset) to)\\s*[:：]?\\s{1,3}`,
  `\\s{1,3}(?:for|of|on)\\s+(?:the\\s+|your\\s+|my\\s+|this\\s+)?[\\w.@-]{1,30}(?:\\s+[\\w.@-]{1,30})?(?:\\s{0,3}[:：=]\\s{0,3}|\\s+(?:is|was)\\s*[:：]?\\s{1,3})`,
  `\\s{0,2}(?:是|为)\\s{0,2}`,
  `\\s{1,2}(?=["'\`])`, // password "x"
].join('|');
const CMD_VALUE = `(?:'([^'\\n]{1,128})'|"([^"\\n]{1,128})"|([^\\s'"-][^\\s'"]{0,127}))`;
const cmd = (id: string, starter: string, pattern: string): Rule =>
  starterRule({
    kind: 'password', id, back: 0, reach: 260, term: /\n/g, starterMax: 12, group: true, check: pwGroupCheck,
    starter: new RegExp(starter, 'g'), re: new RegExp(pattern, 'dg'),
  });

function assignment(kind: OutputKind, id: string, words: string, strict: boolean): Rule {
  return starterRule({
    kind, id, starter: new RegExp(words, 'gi'), starterMax: 11, back: 0, reach: 220, term: /\n/g,
    re: new RegExp(`(?:${words})["']?(${SEP})(?:${VALUE})`, 'dgi'),
    check: (m, src) => {
      if (/[a-z]/.test(src[m.index - 1] ?? '')) return false; // bypass, compass, surpass...
      const ind = m.indices;
      const sep = m[1] ?? '';
      for (let g = 2; ind && g <= 5; g++) {
        const span = ind[g];
        if (!span) continue;
        let [s, e] = span;
        if (g === 5) while (e > s && /[.,;:)\]}>]/.test(src[e - 1]!)) e--;
        return passwordValue(src.slice(s, e), sep, g < 5, strict) ? [s, e] : false;
      }
      return false;
    },
  });
}

const DANGEROUS_TAGS = /^(?:script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|form|svg|math|template|noscript|portal|xml|import)$/i;
const DANGEROUS_ATTR = /(?:^|[\s"'/])on[a-z]{3,}\s*=|(?:javascript|vbscript|livescript)\s*:|data:\s*text\/html|srcdoc\s*=|formaction\s*=|xlink:href|&#x?[0-9a-f]{1,6};?/i;
const escapeTags = (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** All detectors, in priority order (on a tie the earlier rule names the finding). */
export const OUTPUT_RULES: readonly Rule[] = [
  // --- secrets with a recognisable prefix
  token('api_key', 'secret.anthropic', 'sk-ant-', '[A-Za-z0-9_-]{20,300}', 320, mixedToken),
  token('api_key', 'secret.openai', 'sk-', '(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,300}', 320, mixedToken),
  token('api_key', 'secret.github', 'gh[pousr]_|github_pat_', '[A-Za-z0-9_]{22,255}', 280, mixedToken),
  token('api_key', 'secret.slack', 'xox[abposre]-|xapp-', '[A-Za-z0-9-]{10,250}', 270, mixedToken),
  token('api_key', 'secret.stripe', '(?:sk|rk)_(?:live|test)_|pk_live_', '[A-Za-z0-9]{10,250}', 270, mixedToken),
  token('api_key', 'secret.huggingface', 'hf_', '[A-Za-z0-9]{30,40}', 60, mixedToken),
  token('api_key', 'secret.gitlab', 'glpat-', '[A-Za-z0-9_-]{20,60}', 80, mixedToken),
  token('api_key', 'secret.npm', 'npm_', '[A-Za-z0-9]{36}', 48, mixedToken),
  starterRule({
    kind: 'api_key', id: 'secret.slack_webhook', starter: /hooks\.slack\.com\//g, starterMax: 16, back: 8,
    reach: 280, term: /[^A-Za-z0-9_/-]/g,
    re: /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{16,250}/g,
  }),
  reachRule({ kind: 'api_key', id: 'secret.google', re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g, reach: 42 }),
  reachRule({
    kind: 'api_key', id: 'secret.aws_access_key_id', reach: 24,
    re: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  }),
  reachRule({
    // 40 chars of base64 is common; only with mixed classes and an AWS context just before.
    kind: 'api_key', id: 'secret.aws_secret_key', reach: 42, re: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    check: (m, src, off, v) => {
      const s = m[0];
      if (!/[a-z]/.test(s) || !/[A-Z]/.test(s) || !hasDigit(s)) return false;
      const at = off + m.index - v.base;
      return /aws|amazon|\bA[KS]IA[A-Z0-9]{16}|secret|access.?key/i.test(v.t.slice(Math.max(0, at - 200), at));
    },
  }),
  starterRule({
    kind: 'api_key', id: 'secret.bearer', starter: /\b[Bb]earer[ \t]+/g, starterMax: 9, back: 0, reach: 2100,
    term: /[^A-Za-z0-9._~+/=-]/g, re: /[Bb]earer[ \t]+([A-Za-z0-9._~+/-]{20,2000}=*)/dg, group: true,
    check: (m) => { const t = m[1] ?? ''; return hasDigit(t) && hasLetter(t) && !isPlaceholder(t); },
  }),
  starterRule({
    kind: 'jwt', id: 'secret.jwt', starter: /(?<![A-Za-z0-9_-])eyJ/g, starterMax: 3, back: 0, reach: 8192,
    term: /[^A-Za-z0-9_.=-]/g, re: /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g,
    check: (m) => jwtHeaderOk(m[0].slice(0, m[0].indexOf('.'))),
  }),
  starterRule({
    // Until the END line (or a char no key body contains); a header without key material is not redacted.
    kind: 'private_key', id: 'secret.private_key', starter: /-----BEGIN/g, starterMax: 10, back: 0, reach: 32768,
    term: /-----END[^-\n]{0,60}-----|[`<>{}[\];!?*#&|~$@%^]/g,
    re: /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----[\s\S]*/g,
    check: (m, src) => {
      const text = m[0];
      const closed = /-----END[^-\n]{0,60}-----$/.test(text);
      const body = text.slice(text.indexOf('-----', 10) + 5);
      if (!/[A-Za-z0-9+/=]{16,}/.test(body)) return false;
      let e = m.index + text.length;
      if (closed) return [m.index, e];
      if (/[`<>{}[\];!?*#&|~$@%^]$/.test(text)) e--; // the terminator itself is not key material
      while (e > m.index && /\s/.test(src[e - 1]!)) e--;
      return [m.index, e];
    },
  }),
  starterRule({
    // scheme://user:pass@host — only the password is replaced, so the URL still explains itself.
    kind: 'connection_string', id: 'secret.connection_string', starter: /:\/\//g, starterMax: 3, back: 24, reach: 230,
    term: /[\s/"'<>]/g, group: true,
    re: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/([^\s:/@"'<>]{0,64}):([^\s/"'<>]{1,128})@/dg,
    check: (m) => {
      const ind = m.indices?.[2];
      const user = m[1] ?? '';
      const pass = m[2] ?? '';
      if (!ind || isPlaceholder(pass) || /^(?:user(?:name)?|admin|root)?$/i.test(user) && /^pass/i.test(pass)) return false;
      return ind;
    },
  }),
  cmd('secret.cli.mysql', '\\b(?:mysql|mariadb)[\\w-]*', `(?:mysql|mariadb)[\\w-]*[^\\n]{0,200}?[ \\t]-p${CMD_VALUE}`),
  cmd('secret.cli.sshpass', '\\bsshpass\\b', `sshpass[ \\t]+-p[ \\t]*${CMD_VALUE}`),
  cmd('secret.cli.curl_user', '\\b(?:curl|wget)\\b', `(?:curl|wget)\\b[^\\n]{0,200}?[ \\t](?:-u|--user|--http-user)[ \\t=]*['"]?[^\\s:'"]{1,64}:([^\\s'"@]{1,128})`),
  cmd('secret.cli.redis', '\\bredis-cli\\b', `redis-cli[^\\n]{0,200}?[ \\t](?:-a|--pass)[ \\t]+${CMD_VALUE}`),
  cmd('secret.cli.password_flag', '(?<![\\w-])--(?:password|passwd|pass)\\b', `--(?:password|passwd|pass)[ \\t]+${CMD_VALUE}`),
  // password = "...", "password": "...", PGPASSWORD=..., the password is: ..., 密码：..., api_key = '...'
  assignment('password', 'secret.password_assignment', PASSWORD_WORDS, false),
  // `token`/`secret` also name ordinary things (NLP tokens): a quoted value must look random too.
  assignment('api_key', 'secret.key_assignment', KEY_WORDS, true),
  starterRule({
    // "use Tr0ub4dor&3 as your password": the value comes before the keyword.
    kind: 'password', id: 'secret.password_use_as', back: 48, reach: 40, term: /\n/g, starterMax: 28, group: true,
    starter: /\bas[ \t]{1,3}(?:(?:the|your|my|a)[ \t]{1,3})?(?:new[ \t]{1,3})?(?:password|passphrase|passcode)\b/gi,
    re: /\b(?:use|try|enter|type|set|choose|pick)[ \t]{1,3}(?:'([^'\n]{1,32})'|"([^"\n]{1,32})"|([^\s'"]{1,32}))[ \t]{1,3}as[ \t]{1,3}(?:(?:the|your|my|a)[ \t]{1,3})?(?:new[ \t]{1,3})?(?:password|passphrase|passcode)\b/dgi,
    check: (m, src) => {
      const g = firstGroup(m);
      return g && passwordValue(src.slice(g[0], g[1]), ':', m[3] === undefined, false) ? g : false;
    },
  }),
  // --- PII
  reachRule({
    kind: 'cn_id', id: 'pii.cn_id.checksum', reach: 20, re: /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g,
    check: (m) => cnIdValid(m[0]),
  }),
  reachRule({
    kind: 'credit_card', id: 'pii.card.luhn', reach: 44, re: /(?<![0-9A-Za-z.,$€£¥+-]|\d[ -]|[A-Z]{2}\d\d[ -])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z]|[.,]\d)/g,
    check: (m, src) => cardValid(m[0]) && !inMath(src, m.index, m.index + m[0].length),
  }),
  reachRule({
    kind: 'iban', id: 'pii.iban.mod97', reach: 72, re: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,32}/g,
    check: (m) => {
      // The greedy run may swallow a following word: try the compact lengths from longest to shortest.
      const s = m[0];
      const pos: number[] = [];
      let compact = '';
      for (let i = 0; i < s.length; i++) if (s[i] !== ' ') { compact += s[i]; pos.push(i); }
      for (let n = compact.length; n >= 15; n--) {
        const after = s[pos[n - 1]! + 1];
        if (after !== undefined && after !== ' ') continue;
        if (ibanValid(compact.slice(0, n))) return [m.index, m.index + pos[n - 1]! + 1];
      }
      return false;
    },
  }),
  reachRule({
    kind: 'ssn', id: 'pii.ssn', reach: 14, re: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g, check: (m) => ssnValid(m[0]),
  }),
  starterRule({
    // Spaces or no separators are only an SSN when it is named as one.
    kind: 'ssn', id: 'pii.ssn.context', starter: /\b(?:SSN|[Ss]ocial [Ss]ecurity)/g, starterMax: 15, back: 0, reach: 70,
    term: /\n/g, group: true, re: /(?:SSN|[Ss]ocial [Ss]ecurity(?: [Nn](?:umber|o\.?))?)[^\d\n]{0,20}?(?<!\d)(\d{3}[ -]?\d{2}[ -]?\d{4})(?![\d-])/dg,
    check: (m, src) => { const g = firstGroup(m); return g && ssnValid(src.slice(g[0], g[1]).replace(/ /g, '')) ? g : false; },
  }),
  starterRule({
    kind: 'email', id: 'pii.email', starter: /@/g, starterMax: 1, back: 64, reach: 320, term: /[^A-Za-z0-9.-]/g,
    re: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
    check: (m, src, off, v) => {
      const [local, domain] = m[0].toLowerCase().split('@') as [string, string];
      if (src[m.index + m[0].length] === ':') return false; // git@host:repo (scp-style ssh), not a mailbox
      const at = off + m.index - v.base;
      if (/:\/\/[^\s/@]*$/.test(v.t.slice(Math.max(0, at - 90), at))) return false; // URL userinfo
      if (/^(?:(?:your|my)[-]?domain|domain|company|yourcompany|email)\.(?:com|tld|org|net)$/.test(domain)) return false;
      const generic = /^(?:name|user|username|you|yourname|your\.name|your[._-]?email|email|someone|somebody|first\.?last|firstname\.?lastname|john\.?doe|jane\.?doe|test|foo|bar|me|info|admin|example)$/;
      return !(generic.test(local) && /(?:^|\.)example\.(?:com|org|net)$|\.(?:example|test|invalid|localhost)$/.test(domain));
    },
  }),
  reachRule({
    kind: 'phone', id: 'pii.phone.cn_mobile', reach: 24, re: /(?<![\d+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g,
    check: (m, src) => !inMath(src, m.index, m.index + m[0].length),
  }),
  starterRule({
    kind: 'phone', id: 'pii.phone.intl', starter: /(?<![\w+)])\+[1-9]/g, starterMax: 2, back: 0, reach: 110,
    term: /[^\d ().-]/g, re: /\+(?:[1-9]\d{7,14}|[1-9]\d{0,3}(?:[ .-]?\(\d{1,5}\)\d{0,8}|[ .-]\d{1,10}){1,6})(?!\d)/g,
    check: (m, src) => { const n = digitCount(m[0]); return n >= 8 && n <= 15 && !inMath(src, m.index, m.index + m[0].length); },
  }),
  reachRule({
    kind: 'phone', id: 'pii.phone.cn_landline', reach: 20, re: /(?<![\d-])(?:0\d{2,3}-\d{7,8}|\(0\d{2,3}\) ?\d{7,8})(?![\d-])/g,
  }),
  reachRule({
    kind: 'phone', id: 'pii.phone.nanp', reach: 24,
    re: /(?<![\w+(-])(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?\d{3}-\d{4}|[2-9]\d{2}-\d{3}-\d{4}|[2-9]\d{2}\.\d{3}\.\d{4})(?![\w-])/g,
  }),
  // --- active markup: neutralised (escaped), never removed, and left alone inside code
  starterRule({
    kind: 'xss', id: 'xss.tag', starter: /<\/?[A-Za-z]/g, starterMax: 3, back: 0, reach: 400, term: /[<>]/g,
    re: /<\/?([A-Za-z][\w:-]{0,30})(?![\w:-])[^<>]*>?/g, replace: escapeTags,
    check: (m, src, off, v) => {
      const attrs = m[0].slice(m[0].indexOf(m[1]!) + m[1]!.length);
      return (DANGEROUS_TAGS.test(m[1]!) || DANGEROUS_ATTR.test(attrs)) && !inCode(v, off + m.index);
    },
  }),
  reachRule({
    kind: 'xss', id: 'xss.script_url', reach: 24, re: /(?<![\w-])(?:javascript|vbscript|livescript)[\t ]{0,4}:(?=\S)|(?<![\w-])data:text\/html/gi,
    check: (m, src, off, v) => !inCode(v, off + m.index), replace: () => placeholder('xss'),
  }),
];
