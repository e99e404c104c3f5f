// Checksums of national identifiers. Most come from `stdnum` (a TypeScript port of python-stdnum, MIT: one
// validator per country and number, each with the official check digits, date and range rules); the few it
// lacks are written here from their specifications.
import { stdnum } from 'stdnum';
import { luhn } from '../validators.js';

type V = (s: string) => boolean;
/** The stdnum validator of country `c`, number `n` (an unknown one fails at load, not at scan time). */
const sn = (c: string, n: string): V => {
  const v = stdnum[c]?.[n];
  if (!v) throw new Error(`stdnum has no ${c}.${n}`);
  return (s) => {
  try {
    return v.validate(s).isValid;
  } catch {
    return false;
  }
  };
};

const digits = (s: string): number[] => Array.from(s.replace(/\D/g, ''), Number);

/** UK NHS number: 10 digits, weights 10..2 on the first nine, check = 11 - sum mod 11 (10 is never issued). */
export function nhsValid(s: string): boolean {
  const d = digits(s);
  if (d.length !== 10 || /^(\d)\1{9}$/.test(d.join(''))) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d[i]! * (10 - i);
  const c = (11 - (sum % 11)) % 11;
  return c !== 10 && c === d[9];
}

/** Australian Medicare card: first digit 2-6, weights 1,3,7,9,1,3,7,9 mod 10 = 9th digit; then issue (+IRN). */
export function medicareValid(s: string): boolean {
  const d = digits(s);
  if ((d.length !== 10 && d.length !== 11) || d[0]! < 2 || d[0]! > 6) return false;
  const w = [1, 3, 7, 9, 1, 3, 7, 9];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += d[i]! * w[i]!;
  return sum % 10 === d[8];
}

/** Singapore NRIC / FIN: prefix S/T (citizens), F/G/M (foreigners); weights 2,7,6,5,4,3,2 and a letter table. */
export function nricValid(s: string): boolean {
  const m = /^([STFGM])(\d{7})([A-Z])$/.exec(s.toUpperCase());
  if (!m) return false;
  const w = [2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(m[2]![i]) * w[i]!;
  const p = m[1]!;
  if (p === 'T' || p === 'G') sum += 4;
  if (p === 'M') sum += 3;
  const r = sum % 11;
  const table = p === 'S' || p === 'T' ? 'JZIHGFEDCBA' : p === 'M' ? 'KLJNPQRTUWX' : 'XWUTRQPNMLK';
  return (p === 'M' ? table[10 - r] : table[r]) === m[3];
}

/** US ITIN: 9XX-XX-XXXX with the group in 50-65, 70-88, 90-92 or 94-99 (IRS). */
export function itinValid(s: string): boolean {
  const d = s.replace(/\D/g, '');
  if (!/^9\d{8}$/.test(d)) return false;
  const g = Number(d.slice(3, 5));
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94;
}

/**
 * UK (DVLA) driving licence: 5 letters of the surname (9-padded), decade, month (+50 for women), day, year
 * digit, 2 initials (9-padded), a digit and 2 check letters.
 */
export function ukLicenceValid(s: string): boolean {
  const m = /^[A-Z9]{5}(\d)(\d\d)(\d\d)(\d)[A-Z9]{2}\d[A-Z]{2}$/.exec(s.replace(/\s/g, ''));
  if (!m) return false;
  const month = Number(m[2]) % 50;
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && /^[A-Z]/.test(s);
}

/** South African ID: YYMMDD SSSS C A Z, Luhn over all 13 digits, citizenship 0/1/2. */
export const zaIdValid: V = (s) => sn('ZA', 'idnr')(s);

/** Swedish personnummer needs its separator (- under 100 years, + over): put one back for compact input. */
const sePnr = sn('SE', 'personnummer');
export const sePersonnummerValid: V = (s) => {
  const c = s.replace(/\s/g, '');
  if (/^\d{10}$/.test(c)) return sePnr(`${c.slice(0, 6)}-${c.slice(6)}`);
  if (/^\d{12}$/.test(c)) return sePnr(`${c.slice(0, 8)}-${c.slice(8)}`);
  return sePnr(c);
};

export const CHECKS = {
  aadhaar: sn('IN', 'aadhaar'),
  pan: sn('IN', 'pan'),
  epic: sn('IN', 'epic'),
  nino: sn('GB', 'nino'),
  sin: (s: string) => luhn(s) && sn('CA', 'sin')(s),
  tfn: sn('AU', 'tfn'),
  dni: sn('ES', 'dni'),
  nie: sn('ES', 'nie'),
  codiceFiscale: sn('IT', 'codicefiscale'),
  nir: sn('FR', 'nir'),
  deIdnr: sn('DE', 'idnr'),
  cpf: sn('BR', 'cpf'),
  cnpj: sn('BR', 'cnpj'),
  rrn: sn('KR', 'rrn'),
  pesel: sn('PL', 'pesel'),
  bsn: sn('NL', 'bsn'),
  personnummer: sePersonnummerValid,
  hetu: sn('FI', 'hetu'),
  cpr: sn('DK', 'cpr'),
  fodselsnummer: sn('NO', 'fodselsnummer'),
  beNn: sn('BE', 'nn'),
  tckimlik: sn('TR', 'tckimlik'),
  zaId: zaIdValid,
  rut: sn('CL', 'rut'),
  cnp: sn('RO', 'cnp'),
  hkid: sn('HK', 'hkid'),
  twId: sn('TW', 'natid'),
  curp: sn('MX', 'curp'),
  ahv: sn('CH', 'ssn'),
  czRc: sn('CZ', 'rc'),
  thId: sn('TH', 'idnr'),
  myNric: sn('MY', 'nric'),
  pps: sn('IE', 'pps'),
  ilId: sn('IL', 'idnr'),
  utr: sn('GB', 'utr'),
  eeIk: sn('EE', 'ik'),
  egn: sn('BG', 'egn'),
  ltAsmens: sn('LT', 'asmens'),
  jmbg: (x: string) => sn('RS', 'jmbg')(x) || sn('SI', 'emso')(x),
  oib: sn('HR', 'oib'),
  amka: sn('GR', 'amka'),
  kennitala: sn('IS', 'kennitala'),
  inn: sn('RU', 'inn'),
  rntrc: sn('UA', 'rntrc'),
  ird: sn('NZ', 'ird'),
  ptNif: sn('PT', 'nif'),
  cuit: sn('AR', 'cuit'),
  coNit: sn('CO', 'nit'),
  cnic: sn('PK', 'cnic'),
  atVnr: sn('AT', 'vnr'),
  nhs: nhsValid,
  ukLicence: ukLicenceValid,
  mbi: (s: string) => /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y]{2}\d{2}$/.test(s),
  medicare: medicareValid,
  nric: nricValid,
  itin: itinValid,
} satisfies Record<string, V>;
export type CheckName = keyof typeof CHECKS;
