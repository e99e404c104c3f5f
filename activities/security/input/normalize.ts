// Normalisation before matching. Attackers hide instructions from pattern rules with invisible characters,
// look-alike letters, spacing, leetspeak and encodings; the model they target reads through all of these.
// So rules and the classifier see one canonical text, plus decoded payloads to rescan.

export type VariantKind = 'base64' | 'hex' | 'rot13' | 'url' | 'entities' | 'escapes' | 'reversed';

export interface Variant {
  kind: VariantKind;
  /** Canonical form of the decoded text. */
  text: string;
  /** Decoded from a payload (not a whole-text transform) or clearly real words: safe to classify too. */
  readable: boolean;
}

export interface Normalized {
  /** NFKC, invisibles removed, diacritics of Latin letters dropped, homoglyphs folded, lower case,
   *  spaced/dotted letters joined, leetspeak undone, whitespace collapsed (newlines kept). */
  text: string;
  /** Decoded payloads (base64, hex, rot13, ...), each canonicalised, to rescan with the same rules. */
  variants: Variant[];
  /** Obfuscation seen while normalising: 'invisible', 'bidi', 'homoglyph', 'spaced', 'leet', 'fullwidth'. */
  signals: string[];
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
// Zero-width, soft hyphen, joiners, variation selectors, fillers: invisible and ignored by tokenisers' readers.
const INVISIBLE = /[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200d\u2060-\u2064\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
// Invisible characters inside a Latin word split keywords; elsewhere (emoji joiners, Indic scripts) they are normal.
const INVISIBLE_IN_WORD = /[a-z][\u00ad\u200b-\u200d\u2060\ufeff]+[a-z]/i;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Unicode "tag" characters mirror ASCII invisibly (ASCII smuggling): decode them rather than drop them.
const TAG_CHARS = /\udb40[\udc00-\udc7f]/g;
const FULLWIDTH = /[\uff01-\uff5e]/;

// Look-alikes of Latin letters (Cyrillic, Greek, IPA, small capitals, Armenian), lower case.
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ь: 'b',
  п: 'n',
  г: 'r',
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  ɑ: 'a',
  ı: 'i',
  ȷ: 'j',
  ɩ: 'i',
  ɪ: 'i',
  ʟ: 'l',
  ɴ: 'n',
  ʀ: 'r',
  ʏ: 'y',
  ɢ: 'g',
  ɡ: 'g',
  ᴀ: 'a',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ᴊ: 'j',
  ᴋ: 'k',
  ᴍ: 'm',
  ᴏ: 'o',
  ᴘ: 'p',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ᴢ: 'z',
  օ: 'o',
  ս: 'u',
  հ: 'h',
  ո: 'n',
  ց: 'g',
  ɵ: 'o',
  ǀ: 'l',
};
const HOMO_CLASS = `[${Object.keys(HOMOGLYPHS).join('')}]`;
const HAS_HOMO = new RegExp(HOMO_CLASS);
const HOMO_ALL = new RegExp(HOMO_CLASS, 'g');
// Letters of the scripts that hold look-alikes (Latin, IPA, Greek, Cyrillic, Armenian, phonetic, small caps).
const WORD = /[a-z\u00c0-\u024f\u0250-\u02af\u0300-\u036f\u0370-\u058f\u1d00-\u1d7f\ua720-\ua7ff]+/g;
const LATIN = /[a-z]/;
// A look-alike followed by Latin letters inside a mostly-Latin word ("ignоre", "bypɑss") is smuggling;
// a Greek letter ending a formula token ("cosα", "ρgh") is not.
// (Dotless ı is folded but not taken as a signal: Turkish writes it inside Latin words.)
const MIXED = new RegExp(`${HOMO_CLASS.replace('ı', '')}[a-z]`);
const mixedWord = (w: string) => MIXED.test(w) && (w.match(/[a-z]/g)?.length ?? 0) >= 3;

// Single letters separated by one or a few spacers: "i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e".
// (No Unicode property classes: they make this pass five times slower. hasSpacedRun() gates it.)
const SPACED = /(?<![a-z0-9а-яё\u00e0-\u024f])[a-zа-яё](?:[ .\-_*·|/+~]{1,3}[a-zа-яё]){3,}(?![a-z0-9а-яё\u00e0-\u024f])/g;
// Letters mixed with digits/symbols used as letters ("1gn0re", "pr3v10us"); needs >= 3 chars and a letter.
const LEET_WORD = /(?<![a-z0-9@$])(?=[a-z0-9@$]*[a-z])(?=[a-z0-9@$]*[013457@$])[a-z0-9@$]{3,}(?![a-z0-9@$])/g;
const LEET_ANY = /(?<![a-z0-9@$])(?=[a-z0-9@$]*[a-z])(?=[a-z0-9@$]*[013457@$])[a-z0-9@$]{2,}(?![a-z0-9@$])/g;
// A leet digit between letters ("n0r", "v1o"); "5kg" or "3rd" alone do not start the leet pass.
const LEET_HINT = /[a-z][013457@$]+[a-z]/;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

// Any character that needs the slow path (invisibles, bidi controls, tag characters).
const SPECIAL = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\u3164\ufe00-\ufe0f\ufeff\uffa0\udb40]/;
const ODD_SPACE = /[\t\f\v\r\u00a0\u2000-\u200a\u3000]/;
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x451) || (c >= 0xe0 && c <= 0x24f);
const isSep = (c: number) => c === 32 || c === 46 || c === 45 || c === 95 || c === 42 || c === 183 || c === 124 || c === 47 || c === 43 || c === 126;

/** Cheap gate for SPACED: four isolated letters in a row, each 1-3 separators apart. */
function hasSpacedRun(t: string): boolean {
  let run = 0;
  let gap = 0;
  for (let i = 0, n = t.length; i < n; i++) {
    const c = t.charCodeAt(i);
    if (isLetter(c)) {
      if (i + 1 < n && (isLetter(t.charCodeAt(i + 1)) || (t.charCodeAt(i + 1) >= 48 && t.charCodeAt(i + 1) <= 57))) {
        while (i + 1 < n && (isLetter(t.charCodeAt(i + 1)) || (t.charCodeAt(i + 1) >= 48 && t.charCodeAt(i + 1) <= 57))) i++;
        run = 0;
      } else {
        run = run > 0 && gap >= 1 && gap <= 3 ? run + 1 : 1;
        if (run >= 4) return true;
      }
      gap = 0;
    } else if (isSep(c)) gap++;
    else run = 0;
  }
  return false;
}

/** Canonical form of one text (no decoding). `signals` collects obfuscation seen on the way. */
export function canonical(raw: string, signals?: Set<string>): string {
  let t = raw;
  if (!ASCII_ONLY.test(t)) {
    if (signals && FULLWIDTH.test(t)) signals.add('fullwidth');
    if (SPECIAL.test(t)) {
      t = t.replace(TAG_CHARS, (c) => {
        signals?.add('invisible');
        return String.fromCharCode(c.charCodeAt(1) - 0xdc00);
      });
      if (signals && INVISIBLE_IN_WORD.test(t)) signals.add('invisible');
      t = t.replace(INVISIBLE, '');
      const beforeBidi = t.length;
      t = t.replace(BIDI, '');
      if (signals && t.length !== beforeBidi) signals.add('bidi');
    }
    // NFKC folds full-width and mathematical letters; the NFD pass drops accents of Latin letters only
    // (Cyrillic, kana and Hangul keep their marks), so "ìgnórè" reads as "ignore".
    t = t
      .normalize('NFKC')
      .normalize('NFD')
      .replace(/([A-Za-z])[\u0300-\u036f]+/g, '$1')
      .normalize('NFC');
    t = t.toLowerCase();
    if (HAS_HOMO.test(t)) t = foldHomoglyphs(t, signals);
  } else {
    t = t.toLowerCase();
  }
  if (hasSpacedRun(t)) {
    t = t.replace(SPACED, (run) => {
      signals?.add('spaced');
      return run
        .replace(/ {2,}/g, '\u0001')
        .replace(/[ .\-_*·|/+~]/g, '')
        .replace(/\u0001/g, ' ');
    });
  }
  if (LEET_HINT.test(t)) {
    // Cautious pass: skip ordinals and units ("20th", "5kg"), versions ("python3", "rot13") and long blobs
    // (base64, hex). If that finds two or more leet words the text is written in leet, and a second pass
    // also converts the short and ambiguous ones ("7h3", "rul35", "0f").
    let found = 0;
    const cautious = t.replace(LEET_WORD, (w) => {
      const letters = w.replace(/[^a-z]/g, '').length;
      if (letters < 2 || w.length > 24 || /^\d+[a-z]{1,3}$|^[a-z]+\d{2,}$/.test(w) || (/^[a-z]+\d$/.test(w) && !/[013457]$/.test(w))) return w;
      if (/[013457@$][a-z]/.test(w)) found++; // a digit inside a word, not just a version suffix
      return w.replace(/[013457@$]/g, (c) => LEET[c] ?? c);
    });
    if (found >= 2) t = t.replace(LEET_ANY, (w) => (w.length > 24 ? w : w.replace(/[013457@$]/g, (c) => LEET[c] ?? c)));
    else t = cautious;
    if (found) signals?.add('leet');
  }
  // Whitespace: odd spaces become spaces, runs of spaces one space; newlines stay (line-anchored rules).
  if (ODD_SPACE.test(t)) t = t.replace(/\r\n?/g, '\n').replace(/[\t\f\v\u00a0\u2000-\u200a\u3000]/g, ' ');
  if (t.includes('  ')) t = t.replace(/ {2,}/g, ' ');
  return t.trim();
}

function foldHomoglyphs(t: string, signals?: Set<string>): string {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 97 && c <= 122) latin++;
    else if (c >= 0x370 && c <= 0x4ff) other++;
  }
  // Words that mix scripts are always folded. In mostly-Latin text a word made only of look-alikes is a
  // disguise too; in Russian or Greek text such words stay, so the multilingual rules can read them.
  const foldAll = latin > other;
  return t.replace(WORD, (w) => {
    if (!HAS_HOMO.test(w)) return w;
    if (mixedWord(w)) signals?.add('homoglyph');
    const fold = LATIN.test(w) || (foldAll && /^[a-z]*$/.test(w.replace(HOMO_ALL, 'a')));
    return fold ? w.replace(HOMO_ALL, (c) => HOMOGLYPHS[c] ?? c) : w;
  });
}

// ---- decoders: each returns printable text or null --------------------------------------------------------

const isB64 = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 95 || c === 45;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/**
 * One linear scan (instead of backtracking regexes) for runs of 16+ base64 characters, and a hint of
 * spaced hex ("49 67 6e ..."): eight or more two-digit hex tokens in a row.
 */
function scanPayloads(raw: string): { b64: string[]; spacedHex: boolean } {
  const b64: string[] = [];
  let start = -1;
  let pairs = 0;
  let lastEnd = -2;
  for (let i = 0, n = raw.length; i <= n; i++) {
    const c = i < n ? raw.charCodeAt(i) : 32;
    if (isB64(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const len = i - start;
      if (len === 2 && isHex(raw.charCodeAt(start)) && isHex(raw.charCodeAt(start + 1))) pairs = start - lastEnd <= 1 ? pairs + 1 : 1;
      else pairs = 0;
      lastEnd = i;
      if (len >= 16 && b64.length < 6) {
        let end = i;
        while (end < n && end - i < 2 && raw.charCodeAt(end) === 61) end++;
        b64.push(raw.slice(start, end));
      }
    }
    start = -1;
  }
  return { b64, spacedHex: pairs >= 8 };
}

const HEX_RUN = /(?:\\x[0-9a-f]{2}){4,}|(?<![0-9a-z])(?:0x)?(?:[0-9a-f]{2}[ :,-]?){8,}(?![0-9a-z])/gi;
const PCT = /%[0-9a-f]{2}/i;
const ENTITY = /&(?:#\d{2,7};?|#x[0-9a-f]{1,6};?|[a-z]{2,8};)/i;
const U_ESCAPE = /\\u[0-9a-f]{4}|\\u\{[0-9a-f]{1,6}\}/i;
// Frequent English words after rot13 ("gur" = the, "lbh" = you, "vtaber" = ignore, ...). Text with more of
// these than of the plain words is rot13 even without a hint.
const ROT13_WORDS =
  /\b(?:gur|naq|lbh|lbhe|nyy|nal|vf|gb|bs|zl|vg|sebz|abj|bayl|vtaber|cerivbhf|vafgehpgvbaf|flfgrz|cebzcg|ehyrf|erirny|sbetrg|qvfertneq|jvgu|sbe|guvf|gung|ner|cevag|jevgr|gryy|fubj|nobir|orsber)\b/g;
const PLAIN_WORDS = /\b(?:the|and|you|your|all|any|is|to|of|my|it|from|now|only|with|for|this|that|are|in|on|a)\b/g;
const ROT13_HINT = /\brot[ -]?13\b|\bcaesar\b|\brot ?cipher\b/i;
const REVERSE_HINT = /\b(?:revers(?:e|ed)|backwards?|right[ -]to[ -]left)\b/i;

function printable(s: string): boolean {
  if (s.length < 4) return false;
  let bad = 0;
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 10 && c !== 13 && c !== 9)) bad++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 0x2e80) letters++;
  }
  return bad <= s.length * 0.05 && letters >= s.length * 0.4;
}

function fromBytes(bytes: Buffer): string | null {
  const s = bytes.toString('utf8');
  return printable(s) ? s : null;
}

export function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

const NAMED: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  lpar: '(',
  rpar: ')',
  semi: ';',
  equals: '=',
  nbsp: ' ',
};
export function decodeEntities(s: string): string {
  return s.replace(/&#x([0-9a-f]{1,6});?|&#(\d{1,7});?|&([a-z]{2,8});/gi, (m, hex, dec, name) => {
    const code = hex ? parseInt(hex, 16) : dec ? parseInt(dec, 10) : -1;
    if (code >= 0) return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    return NAMED[String(name).toLowerCase()] ?? m;
  });
}

function decodeAll(raw: string, lower: string, depth: number, out: Variant[], seen: Set<string>): void {
  const push = (kind: VariantKind, decoded: string | null, readable = true) => {
    if (!decoded || out.length >= 8) return;
    const text = canonical(decoded);
    if (text.length < 4 || seen.has(text)) return;
    seen.add(text);
    out.push({ kind, text, readable });
    if (depth < 2) decodeAll(decoded, text, depth + 1, out, seen);
  };
  const { b64, spacedHex } = scanPayloads(raw);
  let hexRuns = spacedHex || raw.includes('\\x');
  for (const s of b64) {
    if (/^[0-9a-f]+$/i.test(s) || /^[0-9a-f]{2}(?:-[0-9a-f]{2})+$/i.test(s)) {
      hexRuns = true;
      continue;
    } // hex, below
    // Long plain words ("internationalization") are valid base64 too; real payloads mix case or digits.
    if (!(/[0-9+/=]/.test(s) || (/[a-z]/.test(s) && /[A-Z]/.test(s)))) continue;
    push('base64', fromBytes(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64')));
  }
  let n = 0;
  for (const m of hexRuns ? raw.matchAll(HEX_RUN) : []) {
    if (++n > 4) break;
    const hex = m[0].replace(/\\x|0x|[ :,-]/gi, '');
    if (hex.length >= 8 && hex.length % 2 === 0) push('hex', fromBytes(Buffer.from(hex, 'hex')));
  }
  if (raw.includes('%') && PCT.test(raw)) {
    let url: string;
    try {
      url = decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      url = raw.replace(/%([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    }
    push('url', url, false);
  }
  if (raw.includes('&') && ENTITY.test(raw)) push('entities', decodeEntities(raw), false);
  if (raw.includes('\\u') && U_ESCAPE.test(raw)) {
    push(
      'escapes',
      raw.replace(/\\u\{([0-9a-f]{1,6})\}|\\u([0-9a-f]{4})/gi, (_, a, b) => String.fromCodePoint(parseInt(a ?? b, 16))),
    );
  }
  // rot13: a hint word, or more rot13'd common words than plain ones (checked only if any is present).
  const rotCandidate = lower.includes('gur') || lower.includes('naq') || lower.includes('lbh') || lower.includes('nyy');
  const rotHits = rotCandidate ? (lower.match(ROT13_WORDS)?.length ?? 0) : 0;
  const isRot = rotHits >= 3 && rotHits > (lower.match(PLAIN_WORDS)?.length ?? 0);
  if (isRot || ((lower.includes('rot') || lower.includes('caesar')) && ROT13_HINT.test(lower))) push('rot13', rot13(raw), isRot);
  if ((lower.includes('revers') || lower.includes('backward') || lower.includes('right')) && REVERSE_HINT.test(lower)) {
    push('reversed', [...raw].reverse().join(''), false);
  }
}

/** Canonical text plus decoded variants; pure and bounded (at most 8 variants, two levels deep). */
export function normalize(raw: string): Normalized {
  const signals = new Set<string>();
  const text = canonical(raw, signals);
  const variants: Variant[] = [];
  // Decoders read the text before lower-casing (base64 is case-sensitive) but after invisibles are gone.
  let visible = raw;
  if (!ASCII_ONLY.test(raw)) {
    if (SPECIAL.test(raw)) visible = visible.replace(INVISIBLE, '').replace(BIDI, '');
    if (FULLWIDTH.test(raw)) visible = visible.normalize('NFKC');
  }
  decodeAll(visible, text, 1, variants, new Set([text]));
  return { text, variants, signals: [...signals] };
}
