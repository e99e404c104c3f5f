// Phone numbers of every region, validated with libphonenumber-js (Google's libphonenumber metadata):
// - international form (+CC or 00CC): a finding when it is a valid number of that country, without context;
// - national form: almost every digit run is valid *somewhere*, so it also needs either a context word
//   ("Tel.", "Handy", "call", "电话") or a layout only phone numbers have: a trunk 0 or a bracketed area
//   code followed by groups ("020 7946 0958", "(02) 9876 5432", "06 12 34 56 78").
// China mainland and NANP keep their own cheap rules (the most common formats in this product).
import { parsePhoneNumberFromString as parseMax } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString as parseMin, type CountryCode } from 'libphonenumber-js/min';
import { digitCount, inMath } from '../validators.js';
import { before, reachRule, starterRule, type Check, type Rule } from '../rule-kit.js';
import { IBAN_BEFORE, NEGATED, NOT_PII_LABEL } from './national-ids.js';

const PHONE_CTX = new RegExp(
  [
    'phone', 'telephone', '\\btel\\b', '\\bmob(?:ile)?\\b', '\\bcell(?:ular|phone)?\\b', '\\bcall(?:ing|ed)?\\b', '\\btext(?:ing)?\\b',
    '\\bsms\\b', 'mobitel', 'เบอร์โทร', 'โทรศัพท์', 'มือถือ', 'điện thoại', 'nomor (?:hp|telepon)', 'numer telefonu', 'číslo', '\\breach \\w+ at\\b', 'whats ?app', '\\bfax\\b', 'hotline', '\\bdial\\b', '\\bring\\b', '\\bcontact\\b', '\\breach (?:me|us|him|her)\\b',
    'téléphone', '\\btél\\b', 'portable', 'appel', 'telefon', '\\bhandy\\b', '\\bmobil\\w*', 'rufnummer', 'anruf', 'teléfono',
    'móvil', 'celular', 'llam[ae]', 'llám', 'puhelin', '\\bpuh\\b', '\\btlf\\b', 'rufnummer', 'telefone', 'telemóvel', 'ligue', 'telefono', 'cellulare', 'chiam[ai]', 'telefoon', 'mobiel',
    '\\bbel\\b', 'komórk\\w*', 'zadzwo\\w*', '\\bring\\b', 'телефон', '\\bтел\\b', 'мобильн\\w*', 'звон\\w*', '\\bcep\\b', '\\bara\\b',
    '电话', '電話', '手机', '手機', '致电', '联系', '携帯', '\\bTEL\\b', '전화', '휴대폰', '연락처', 'هاتف', 'جوال', 'اتصل',
    'फ़ोन', 'फोन', 'मोबाइल', 'điện thoại', '\\bgọi\\b', 'telepon', 'hubungi', '\\bHP\\b', 'τηλέφων', 'τηλεφών', 'τηλ\\.', 'טלפון',
  ].join('|'),
  'i',
);

/** Regions tried for a national number, most used first (libphonenumber `min` metadata: ~10 µs each). */
const REGIONS: readonly CountryCode[] = [
  'GB', 'DE', 'FR', 'IN', 'IT', 'ES', 'NL', 'AU', 'JP', 'BR', 'KR', 'MX', 'RU', 'PL', 'TR', 'ZA', 'SE', 'CH', 'BE',
  'AT', 'IE', 'NZ', 'SG', 'HK', 'PT', 'AR', 'ID', 'PH', 'NG', 'PK',
];

// Validation is pure, and a stream asks about the same candidate more than once.
const cache = new Map<string, boolean>();
function memo(key: string, f: () => boolean): boolean {
  let r = cache.get(key);
  if (r === undefined) {
    if (cache.size > 4096) cache.clear();
    r = f();
    cache.set(key, r);
  }
  return r;
}

const intlValid = (s: string) => memo(`+${s}`, () => parseMax(s)?.isValid() === true);
const nationalValid = (s: string, regions: readonly CountryCode[] = REGIONS) =>
  memo(`${regions.length}:${s}`, () => regions.some((r) => parseMin(s, r)?.isValid() === true));

/** Counting runs and repeated digits are examples, not numbers someone owns. */
const fake = (d: string) => /^(\d)\1+$/.test(d) || '01234567890123456789'.includes(d) || '98765432109876543210'.includes(d);

const CTX_AFTER = 30;
const MAX_LEN = 60;

const phoneCheck: Check = (m, src, off, v, after) => {
  const s = m[0].replace(/ ?(?:x|ext\.?) ?\d{1,6}$/, ''); // an extension is not part of the number
  const n = digitCount(s);
  if (n < 7 || n > 15) return false;
  const d = s.replace(/\D/g, '');
  if (fake(d) || inMath(src, m.index, m.index + s.length)) return false;
  if ((s.match(/\(/g) ?? []).length !== (s.match(/\)/g) ?? []).length || /[ .\-/]{2}/.test(s)) return false;
  // Groups after the first have 2+ digits (11200-9.1 is a model number, 3.5 a decimal).
  const oneDigitGroup = s.replace(/^\+?\(?\d+\)?/, '').split(/[ .\-/()]+/).some((g) => g.length === 1);
  if (oneDigitGroup && /\.\d$|^\d+-\d\./.test(s)) return false;
  if (IBAN_BEFORE.test(before(v, off + m.index, 40)) || NEGATED.test(before(v, off + m.index, 40))) return false;
  if (/^\d{4}[-/.]\d{2}[-/.]\d{2}\b|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(s)) return false; // dates
  if (s.startsWith('+') || s.startsWith('00') || s.startsWith('(+')) {
    // "+44 (0)20 …": the bracketed trunk 0 is not dialled from abroad.
    const intl = s.replace(/\(0\)/, '').replace(/\D/g, '').replace(/^00/, '');
    if (intlValid(`+${intl}`)) return { id: 'pii.phone.intl_valid' };
  }
  const pre = before(v, off + m.index, 48);
  const line = pre.slice(pre.lastIndexOf('\n') + 1);
  const ctxLine = /^\s*$/.test(line) ? pre.slice(pre.lastIndexOf('\n', pre.length - line.length - 2) + 1) : line;
  const ctx = PHONE_CTX.test(ctxLine) || PHONE_CTX.test(after.slice(0, CTX_AFTER).split('\n')[0]!);
  const grouped0 = /^(?:\(\d{1,5}\)|0\d{1,4})[ .-]?\d/.test(s) && /\d[ .\-)]\d/.test(s.replace(/^\(\d{1,5}\)/, '')) && /[ .\-)]/.test(s);
  const nanpSpaced = /^[2-9]\d{2} [2-9]\d{2} \d{4}$/.test(s);
  // Without a context word, an SSN's 3-2-4 shape or a 00 run is not a trunk-0 phone number.
  const grouped = grouped0 && !/^\d{3}-\d{2}-\d{4}$/.test(s) && !/^00/.test(d);
  if (!ctx && ((!grouped && !nanpSpaced) || oneDigitGroup || NOT_PII_LABEL.test(pre.slice(-40)))) return false;
  if (n < (ctx ? 7 : 10)) return false;
  // Named as a phone number: any plausible length will do (numbers in examples and forms are often not
  // assigned ones), as long as it is written like one.
  if (ctx && (/[ .\-()]/.test(s) || n >= 9)) return { id: 'pii.phone.context' };
  if (nanpSpaced && !ctx) return nationalValid(s, ['US', 'CA']) ? { id: 'pii.phone.nanp_spaced' } : false;
  return nationalValid(s) ? { id: ctx ? 'pii.phone.context' : 'pii.phone.national' } : false;
};

export const PHONE_RULES: readonly Rule[] = [
  reachRule({
    kind: 'phone', id: 'pii.phone.cn_mobile', reach: 24, re: /(?<![\w+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g,
    check: (m, src, off, v) => !inMath(src, m.index, m.index + m[0].length) && !NOT_PII_LABEL.test(before(v, off + m.index, 40)) && !IBAN_BEFORE.test(before(v, off + m.index, 40)),
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
    re: /(?<![\w+(-])(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?[2-9]\d{2}-\d{4}|[2-9]\d{2}-[2-9]\d{2}-\d{4}|[2-9]\d{2}\.[2-9]\d{2}\.\d{4})(?![\w-])/g,
  }),
  reachRule({
    // Any region: a run of digits with phone separators, optionally +CC / 00CC and a bracketed area code.
    kind: 'phone', id: 'pii.phone', reach: MAX_LEN + CTX_AFTER + 2, check: phoneCheck,
    re: /(?<![\w+@/.,:#$€£¥%(-]|\d[ .-])(?:(?:\+|00)\d{1,3}[ .-]?|\(\+\d{1,3}\)[ .-]?|\d{1,2} ?(?=\())?(?:\((?:\d{1,5}|0-\d{2,4})\)[ ./-]?\d(?:[ .\-/]?\d){3,15}|\d(?:[ .\-/]?\d){5,15})(?: ?(?:x|ext\.?) ?\d{1,6})?(?![\w]|[.,/-]\d|%)/g,
  }),
];
