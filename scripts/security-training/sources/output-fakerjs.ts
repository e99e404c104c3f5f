// Source `fakerjs-pii`: personal data and credentials from @faker-js/faker (npm; independent of Python's
// Faker) across its locales: phones (national and international styles), e-mails, street addresses, card
// numbers, IBANs, IPs, JWTs and passwords, in the locale's language or neutral layouts. Phones are kept only
// if libphonenumber-js calls them *possible* (length rules only, so this does not grade the guard's own
// validity check); faker-js's wallet addresses are random strings with broken checksums, so they are left
// to output-crypto.ts.
import { allFakers, type Faker } from '@faker-js/faker';
import { isPossiblePhoneNumber } from 'libphonenumber-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeSource } from './lib.js';
import { layout, pick, rng, sensitive, type OutRow } from './output-lib.js';

const LOCALES = ['en_US', 'en_GB', 'en_IN', 'en_AU', 'en_CA', 'en_ZA', 'en_NG', 'de', 'de_AT', 'de_CH', 'fr', 'fr_BE', 'fr_CA', 'es', 'es_MX',
  'it', 'pt_BR', 'pt_PT', 'nl', 'nl_BE', 'pl', 'sv', 'nb_NO', 'da', 'fi', 'cs_CZ', 'sk', 'hu', 'ro', 'hr', 'el', 'tr', 'ru', 'uk', 'he',
  'ar', 'fa', 'zh_CN', 'zh_TW', 'ja', 'ko', 'th', 'vi', 'id_ID'] as const;
const COUNTRY: Record<string, string> = { en_US: 'US', en_GB: 'GB', en_IN: 'IN', en_AU: 'AU', en_CA: 'CA', en_ZA: 'ZA', en_NG: 'NG', de: 'DE',
  de_AT: 'AT', de_CH: 'CH', fr: 'FR', fr_BE: 'BE', fr_CA: 'CA', es: 'ES', es_MX: 'MX', it: 'IT', pt_BR: 'BR', pt_PT: 'PT', nl: 'NL',
  nl_BE: 'BE', pl: 'PL', sv: 'SE', nb_NO: 'NO', da: 'DK', fi: 'FI', cs_CZ: 'CZ', sk: 'SK', hu: 'HU', ro: 'RO', hr: 'HR', el: 'GR',
  tr: 'TR', ru: 'RU', uk: 'UA', he: 'IL', ar: 'SA', fa: 'IR', zh_CN: 'CN', zh_TW: 'TW', ja: 'JP', ko: 'KR', th: 'TH', vi: 'VN', id_ID: 'ID' };
const PHONE: Record<string, string> = { en: 'phone number', de: 'Telefonnummer', fr: 'numéro de téléphone', es: 'teléfono',
  it: 'numero di telefono', pt: 'telefone', nl: 'telefoonnummer', pl: 'numer telefonu', sv: 'telefonnummer', ru: 'телефон',
  zh: '电话号码', ja: '電話番号', ko: '전화번호', tr: 'telefon numarası' };
const PASSWORD_PROSE = ['Your new password is {v} — change it after the first login.', 'The Wi-Fi password is {v}.',
  'Log in as {u} with password {v}.', 'username: {u}\npassword: {v}', 'Das Passwort für {u} lautet {v}.',
  'Le mot de passe de {u} est {v}.', 'La contraseña de {u} es {v}.', 'I reset it: {u} / {v}'];

const version = (): string => {
  const req = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(req.resolve('@faker-js/faker/package.json'), 'utf8')) as { version: string }).version;
};

export function build(): number {
  const r = rng(53);
  const rows: (OutRow | null)[] = [];
  const fk = (l: string): Faker => (allFakers as Record<string, Faker>)[l] as Faker;
  LOCALES.forEach((l, i) => { fk(l).seed(53 + i); fk(l).setDefaultRefDate('2025-01-15T12:00:00Z'); }); // JWT iat/exp read the clock
  for (let i = 0; i < 1900; i++) {
    const loc: string = LOCALES[i % LOCALES.length] ?? 'en_US';
    const f = fk(loc);
    const lang = (loc.split('_')[0] ?? 'en').replace('nb', 'no');
    const name = f.person.fullName();
    const what = r();
    if (what < 0.35) {
      const v = f.phone.number({ style: pick(r, ['national', 'international', 'human'] as const) });
      if (!isPossiblePhoneNumber(v, COUNTRY[loc] as never)) continue;
      rows.push(sensitive(layout(r, lang, PHONE[lang] ?? 'phone number', v, name), 'phone', [v], lang));
    } else if (what < 0.5) {
      const v = f.internet.email();
      rows.push(sensitive(layout(r, lang, 'e-mail', v, name), 'email', [v], lang));
    } else if (what < 0.62) {
      const v = f.location.streetAddress({ useFullAddress: r() < 0.5 });
      if (!/\d/.test(v)) continue;
      rows.push(sensitive(layout(r, lang, 'address', v, name), 'address', [v], lang));
    } else if (what < 0.72) {
      const v = f.finance.creditCardNumber();
      rows.push(sensitive(layout(r, lang, 'card number', v, name) + (r() < 0.4 ? ` CVV ${f.finance.creditCardCVV()}` : ''), 'credit_card', [v], lang));
    } else if (what < 0.8) {
      const v = f.finance.iban({ formatted: r() < 0.5 });
      rows.push(sensitive(layout(r, lang, 'IBAN', v, name), 'iban', [v], lang));
    } else if (what < 0.86) {
      const v = f.internet.jwt();
      const t = pick(r, ['Authorization: Bearer {v}', 'Use this token for the API: {v}', '{"access_token": "{v}", "token_type": "Bearer"}',
        'Here is your session token:\n{v}']);
      rows.push(sensitive(t.replace('{v}', v), 'jwt', [v], 'en'));
    } else if (what < 0.93) {
      const v = f.internet.password({ length: 10 + Math.floor(r() * 10), memorable: r() < 0.3 });
      rows.push(sensitive(pick(r, PASSWORD_PROSE).replace('{u}', f.internet.username()).replace('{v}', v), 'password', [v]));
    } else {
      const v = r() < 0.7 ? f.internet.ipv4() : f.internet.ipv6();
      if (/^(10\.|127\.|0\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|2[2-5]\d\.)/.test(v)) continue;
      rows.push(sensitive(pick(r, ['The user {n} signed in from {v}.', 'Client IP: {v}', 'Your IP address is {v}.']).replace('{n}', name).replace('{v}', v), 'ip', [v]));
    }
  }
  const v = version();
  return writeSource({ source: 'fakerjs-pii', direction: 'output', repo: `npm:@faker-js/faker@${v}`, commit: v, paths: ['allFakers'],
    licence: 'MIT', note: 'phones (libphonenumber-js-possible), e-mails, addresses, cards, IBANs, JWTs, passwords, public IPs of 44 faker-js locales' },
  rows.filter((x): x is OutRow => x !== null));
}

if (process.argv[1]?.endsWith('output-fakerjs.ts')) build();
