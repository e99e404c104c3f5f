// Checksums and value checks that turn "looks like a number / a password" into a finding. They are what
// keeps the output guard from redacting math answers, order numbers, ISBNs and placeholder credentials.

/** Luhn (mod 10) over the digits of `s` (separators ignored). */
export function luhn(s: string): boolean {
  let sum = 0;
  let n = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    let d = c;
    if (n++ % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return n > 0 && sum % 10 === 0;
}

/**
 * A card number: 13-19 digits, Luhn-valid, with a plausible issuer prefix (Visa, Mastercard, Amex, Diners,
 * JCB, Discover/UnionPay) and, when separated, a real grouping (4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4).
 */
export function cardValid(raw: string): boolean {
  const digits = raw.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19 || !/^\d+$/.test(digits)) return false;
  // issuer ranges: UATP (15 digits), MC 2-series, Amex/JCB/Diners, Visa, MC/Maestro, Discover/UnionPay
  if (!/^(?:2[2-7]|[3-6])/.test(digits) && !(digits[0] === '1' && digits.length === 15)) return false;
  if (/^(\d)\1+$/.test(digits)) return false;
  const groups = raw.split(/[ -]/);
  if (groups.length > 1) {
    const lens = groups.map((g) => g.length).join('-');
    const fours = groups.slice(0, -1).every((g) => g.length === 4) && (groups.at(-1)?.length ?? 0) >= 1;
    if (!fours && lens !== '4-6-5' && lens !== '4-6-4') return false;
  }
  return luhn(digits);
}

/** IBAN lengths by country (SWIFT registry); a known country must match exactly. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** ISO 13616 mod-97 check of a compact (no spaces) upper-case IBAN. */
export function ibanMod97(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    // Letters count as two digits (A=10 .. Z=35); folding digit by digit keeps the remainder small.
    if (c >= 65) rem = (rem * 100 + (c - 55)) % 97;
    else rem = (rem * 10 + (c - 48)) % 97;
  }
  return rem === 1;
}

/** A compact IBAN: known country with the right length (else 15-34 chars) and mod-97 == 1. */
export function ibanValid(iban: string): boolean {
  const want = IBAN_LENGTHS[iban.slice(0, 2)];
  if (want !== undefined ? iban.length !== want : iban.length < 15 || iban.length > 34) return false;
  return ibanMod97(iban);
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';
// First two digits: province-level codes (GB/T 2260), plus 71/81/82 (Taiwan, Hong Kong, Macau residents).
const CN_PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
]);

/** Chinese resident ID (GB 11643-1999): province code, real birth date, ISO 7064 MOD 11-2 check char. */
export function cnIdValid(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!CN_PROVINCES.has(Number(id.slice(0, 2)))) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * (CN_WEIGHTS[i] ?? 0);
  return CN_CHECK[sum % 11] === id[17]!.toUpperCase();
}

/** US SSN AAA-GG-SSSS: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function ssnValid(ssn: string): boolean {
  const m = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(ssn);
  if (!m) return false;
  const area = Number(m[1]);
  return area !== 0 && area !== 666 && area < 900 && m[2] !== '00' && m[3] !== '0000';
}

/** Digits in `s` (for phone length checks). */
export const digitCount = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
};

// ---------------------------------------------------------------- values around secrets

export const hasDigit = (s: string): boolean => /\d/.test(s);
export const hasLetter = (s: string): boolean => /[A-Za-z]/.test(s);

/** Values that are obviously examples, variables or masks, not real credentials. */
export function isPlaceholder(v: string): boolean {
  const s = v.trim();
  if (s.length === 0) return true;
  if (/^(?:[*x•.?#_-]+|…+)$/i.test(s) || /(?:x{6,}|X{6,}|\*{4,}|\.{3}|…|0{8,})/.test(s)) return true;
  if (/^(?:<.*>|\{.*\}|\[.*\]|\(.*\)|%[\w-]+%?|\$.*|\{\{.*)$/.test(s) || /^<|>$/.test(s) || /^(.)\1{2,}$/.test(s)) return true;
  // Default accounts of tutorials (postgres/postgres, guest/guest) are examples, not leaks.
  if (
    /^(?:pass(?:word|wd|phrase)?\d?|pwd|secret|token|api[_-]?key|key|none|null|nil|undefined|true|false|empty|redacted|hidden|changeme|change[_-]?me|test|example|sample|dummy|fake|placeholder|value|string|required|optional|admin|root|guest|postgres|mysql|user(?:name)?|demo|default)$/i.test(
      s,
    )
  )
    return true;
  return /(?:^|[_\-. ])(?:your|my|the|some|example|placeholder|here|dummy)(?:$|[_\-. ])|^your|^my[_-]|here$|^(?:process\.env|os\.environ|getenv|env\.|config\.|settings\.)/i.test(
    s,
  );
}

/** Numbers that are operands or results of arithmetic are not card numbers or phones. */
export function inMath(src: string, s: number, e: number): boolean {
  const before = src.slice(Math.max(0, s - 3), s);
  const after = src.slice(e, e + 5);
  if (/[+*/×÷^<>%]\s*$/.test(before) || /^\s*(?:[=+*/×÷^<>%]|mod\b)/.test(after)) return true;
  // `=` is arithmetic after a number, a bracket or a one-letter variable (x = …), not after a label
  // ("NHS number = …", "phone=…").
  return /=\s*$/.test(before) && /(?:[\d)\]]|(?<![\w.\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF])[A-Za-z])\s*=\s*$/.test(src.slice(Math.max(0, s - 16), s));
}

/** A JWT header segment: base64url JSON naming an `alg`. */
export function jwtHeaderOk(seg: string): boolean {
  try {
    const h: unknown = JSON.parse(Buffer.from(seg, 'base64url').toString('utf8'));
    return typeof h === 'object' && h !== null && typeof (h as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/** A password value: strong-looking, unless it is a placeholder or a code reference. `strict` for key words. */
export function passwordValue(val: string, sep: string, quoted: boolean, strict: boolean): boolean {
  if (isPlaceholder(val) || val.length < 3) return false;
  if (quoted && strict) return val.length >= 8 && !/\s/.test(val) && (hasDigit(val) || /[^A-Za-z0-9]/.test(val) || /[a-z][A-Z]/.test(val));
  if (quoted) return val.length >= 4 && !/^\s|\s$/.test(val);
  // Code and variables, not literals: f(x), $HOME, %APPDATA%, @user, -flag, URLs.
  if (/[()[\]{}]/.test(val) || /^\$[\w{]|^%\w+%$|^[&@]\w/.test(val) || /^-/.test(val) || /^[a-z][a-z0-9+.-]*:\/\//i.test(val)) return false;
  if (/^\d+$/.test(val)) return val.length >= 6 && !/^(\d)\1+$/.test(val);
  const symbol = /[^A-Za-z0-9_.-]/.test(val);
  const mixed = hasLetter(val) && hasDigit(val);
  const camel = /[a-z][A-Z]/.test(val);
  const ident = /^[A-Za-z_][\w.]*$/.test(val);
  if (/^(?:=|:=|==)$/.test(sep.trim())) {
    // KEY=value (no spaces) is a shell/env assignment: the value is literal. `x = y` in code is a variable.
    if (!/\s/.test(sep)) return val.length >= 4 && hasLetter(val);
    return symbol || (mixed && val.length >= 8) || (!ident && val.length >= 6);
  }
  return val.length >= 6 && (symbol || mixed || camel);
}

/** Shannon entropy of `s` in bits per char: random tokens score ~4+, words and identifiers ~2-3. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Runs such as 0123456789, abcdef, 1111: keyboard and counting patterns, never a real secret. */
export function sequential(raw: string): boolean {
  const s = raw.toLowerCase();
  // A run keeps one step (+1 counting up, -1 down, 0 repeating): 123456, fedcba, 111111 — not 11222333.
  let run = 1;
  let step = 2;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    run = d === step && d >= -1 && d <= 1 ? run + 1 : 2;
    step = d;
    if (run >= 6) return true;
  }
  return false;
}

/**
 * A string that looks machine-generated (a token, key or secret) rather than a word, identifier, number,
 * path or version: mixed letters and digits, high entropy for its length, no dictionary-like pieces.
 */
export function tokenLike(s: string, min = 16): boolean {
  if (s.length < min || s.length > 1000 || isPlaceholder(s)) return false;
  if (!/^[A-Za-z0-9_\-+/=.~]+$/.test(s) || !hasDigit(s) || !hasLetter(s)) return false;
  if (/^\d[\d.,:/-]*$|^v?\d+(?:\.\d+)+(?:[-+.][\w.]+)?$/i.test(s)) return false; // numbers, dates, versions
  if (/^\/|\/\/|^\.|\.(?:com|org|net|io|html?|js|ts|py|json|md|txt|png|jpe?g)$/i.test(s)) return false; // paths, hosts, files
  if (sequential(s.replace(/[-_.]/g, ''))) return false;
  const h = entropy(s);
  const hex = /^[0-9a-f]+$/i.test(s);
  if (h < (hex ? 3.0 : s.length >= 24 ? 3.3 : 3.0)) return false;
  // Identifiers: every _-. separated piece is a short word or number (max_seq_len_512, user-id-2024).
  const pieces = s.split(/[-_.]/).filter(Boolean);
  if (pieces.length > 1 && pieces.every((p) => /^(?:[A-Z]?[a-z]{1,14}(?:[A-Z][a-z]{1,14})*|[A-Z]{2,8}|\d{1,4})$/.test(p))) return false;
  // camelCase identifiers (getAccessToken2) are words run together: few digits, few case flips per char.
  const digits = s.replace(/\D/g, '').length;
  const flips = (s.match(/[a-z][A-Z]|[A-Z][a-z]/g) ?? []).length;
  if (!hex && digits <= 2 && flips <= s.length / 8 && /^[A-Za-z]+\d{0,2}$/.test(s)) return false;
  return true;
}

/** A credential-shaped string that is an obvious example: documentation markers or counting runs. */
export function looksFake(s: string): boolean {
  return (
    /example|sample|dummy|fake|placeholder|(?:^|[_-])your[_-]|xxxx|abc123|123abc|0{8,}|(.{1,4})\1{3,}/i.test(s) || sequential(s.replace(/[^A-Za-z0-9]/g, ''))
  );
}
