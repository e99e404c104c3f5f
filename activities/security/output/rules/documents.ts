// Passport and driving-licence numbers. Their formats are generic (6-20 letters and digits, no public
// checksum), so a number is only a finding when a context word in one of many languages names the document
// right before it ("passport no. X1234567", "Führerschein: B072RRE2I55") or right after it ("X1234567 is my
// passport number").
import type { OutputKind } from '../../types.js';
import { isPlaceholder } from '../validators.js';
import { before, starterRule, WORD_CHARS, type Check, type Rule } from '../rule-kit.js';

const PASSPORT_WORDS = [
  'passports?', 'passeport', 'reisepass(?:nummer)?', 'pass(?:nummer|-nr\\.?|nr\\.?)', 'pasaporte', 'passaporto', 'passaporte',
  'paspoort(?:nummer)?', 'paszport(?:u)?', 'passet', 'passi(?:n)?', 'паспорт[а-яё]*', 'pasaport', 'hộ chiếu', 'paspor',
  'διαβατήριο', 'cestovní pas', 'útlevél', 'pașaport', 'पासपोर्ट', 'جواز السفر', 'جواز سفر', 'דרכון',
];
const PASSPORT_CJK = ['护照', '護照', 'パスポート', '旅券', '여권', 'หนังสือเดินทาง'];

const LICENCE_WORDS = [
  "driver(?:'?s|_s)?[ _-]licen[cs]es?", 'driving[ _-]licen[cs]es?', 'driver[ _-]?licen[cs]e', 'DL ?(?:#|no\\b\\.?|number|nr\\b)', 'licen[cs]e ?(?:#|no\\b\\.?|number)',
  'permis de conduire', 'führerschein(?:nummer)?', 'fahrerlaubnis(?:nummer)?', 'licencia de conduc(?:ir|ción)', 'carné de conducir', 'permiso de conducir',
  'patente(?: di guida)?', 'numero[ _]di[ _]patente', 'carta de condução', 'carteira de motorista', 'CNH', 'rijbewijs(?:nummer)?', 'praw[oa] jazdy',
  'körkort(?:snummer|et)?', 'førerkort(?:et)?', 'kørekort(?:et)?', 'ajokortti', 'водительск[а-яё]* удостоверени[а-яё]*', 'ehliyet',
  'sürücü belgesi', 'giấy phép lái xe', 'bằng lái(?: xe)?', 'ड्राइविंग लाइसेंस', 'رخصة القيادة', 'רישיון נהיגה',
];
const LICENCE_CJK = ['驾驶证', '驾照', '駕照', '駕駛執照', '運転免許証?', '운전면허(?:증)?'];

/** A document number as written: capitals and digits, possibly grouped by single spaces or dashes. */
const VALUE = /(?<![\p{L}\p{N}])[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){4,23}(?![\p{L}\p{N}])/gu;
/** Filler between the word and the number that is itself all capitals ("NO.", "ID"). */
const FILLER = /^(?:NO|NR|NUM|ID|NUMBER|IS|#)$/;

function valueOk(raw: string, kind: OutputKind): boolean {
  const c = raw.replace(/[ -]/g, '');
  const digits = c.replace(/\D/g, '').length;
  const letters = c.length - digits;
  const [min, max] = kind === 'passport' ? [6, 12] : [5, 20];
  if (c.length < min || c.length > max || digits < (c.length >= 8 ? 2 : 3) || FILLER.test(c) || isPlaceholder(c)) return false;
  if (kind === 'passport' && letters > 5) return false;
  if (/^(\d)\1+$|^(?:0?123456789?|987654321)|^(?:19|20)\d\d$/.test(c)) return false; // masks, counting, years
  return !/^\d{1,4}[-/ ]\d{1,2}[-/ ]\d{1,4}$/.test(raw); // a date, not a number
}

function docRule(kind: 'passport' | 'driver_licence', words: string[], cjk: string[]): Rule {
  const alt = `(?<![${WORD_CHARS.replace('_', '')}])(?:${words.map((w) => w.replace(/ (?![^[]*\])/g, '[ _-]')).join('|')})(?![${WORD_CHARS.replace('_', '')}])|${cjk.join('|')}`;
  const check: Check = (m, src, off, v) => {
    let rest = m[1] ?? '';
    // A label on its own line names the value on the next one.
    const nl = rest.indexOf('\n');
    if (nl >= 0 && /^[^\S\n]*[:：#-]?[^\S\n]*$/.test(rest.slice(0, nl))) rest = `${rest.slice(0, nl)} ${rest.slice(nl + 1)}`;
    // A sentence ends the search, but not the full stop of "Nr." / "No.".
    const stop = rest.search(/(?<!\b(?:[Nn][RrOo]|[Nn]um|[Nn]úm))[.!?。！？;](?:\s|$)|\n/);
    const window = (stop >= 0 ? rest.slice(0, stop) : rest).slice(0, 48);
    const wEnd = m.index + m[0].length;
    VALUE.lastIndex = 0;
    for (let c = VALUE.exec(window); c; c = VALUE.exec(window)) {
      if (valueOk(c[0], kind)) return [wEnd + c.index, wEnd + c.index + c[0].length];
    }
    // "X1234567 is my passport (number)": the number comes first.
    const pre = before(v, off + m.index, 40);
    const b = /(?<![\p{L}\p{N}])([A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){4,23})[)"'\s]*(?:is|was|es|est|ist|é|è|är|er|=|:|-|—)\s+(?:[\p{L}.]+\s+){0,3}$/u.exec(pre);
    if (b && valueOk(b[1]!, kind)) {
      const s = off + m.index - pre.length + b.index - off;
      if (s >= 0) return [s, s + b[1]!.length];
    }
    return false;
  };
  return starterRule({
    kind, id: `pii.${kind}`, starter: new RegExp(alt, 'gi'), starterMax: 40, back: 48, reach: 110, term: /\n[^\S\n]*\n/g,
    re: new RegExp(`(?:${alt})(?=([^]{0,70}))`, 'dgi'), check,
  });
}

export const DOCUMENT_RULES: readonly Rule[] = [
  docRule('passport', PASSPORT_WORDS, PASSPORT_CJK),
  docRule('driver_licence', LICENCE_WORDS, LICENCE_CJK),
];
