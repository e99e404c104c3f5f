// Values a label names: "Wohnanschrift: Jeanette-Hering-Ring 794", "BBAN dumneavoastră este CTZO5632…",
// `"isikukood": "34404226552"`. The label (many languages, also as a JSON/env key) says what the value is, so
// formats without a checksum, and identifiers of countries no validator covers, are still found; the value
// must still look like one (digits, length, not a placeholder, not an e-mail or URL).
import type { OutputKind } from '../../types.js';
import { isPlaceholder } from '../validators.js';
import { before, starterRule, WORD_CHARS, type Check, type Rule } from '../rule-kit.js';
import { NEGATED } from './national-ids.js';

/** Label, then its key suffix (`_number`), an optional quote, and a separator or copula in some language. */
const SEP = /^[\w-]*["']?(?:(?:\s+[^\s:=|\d]{1,20}){0,3}\s{0,3}(?:[:=：|]|->|=>)|(?:\s+[^\s:=|\d]{1,20}){0,3}\s+(?:is|are|ist|lautet|est|es|é|è|är|er|on|jest|to|je|este|era|was|wird|será|sera|sarà|είναι|הוא|היא|هو|هي|—|–|-|là|adalah|ialah)(?=\s)|\s{0,2}(?:は|是|为|為|는|은|:))?\s{0,3}["'`(]?\s{0,2}/u;

interface LabelSpec {
  id: string;
  kind: OutputKind;
  words: string[];
  /** Words right before the label that make it something else ("IP address", "order number"). */
  notAfter?: RegExp;
  /** Longest value; a value is one token (grouped digits allowed) unless `prose`. */
  max: number;
  prose?: true;
  valueOk(v: string): boolean;
}

/** Street types written in lower case at the start of an address (ул. Ленина, plac Waryńskiego, rue de…). */
const STREET_WORD = /^(?:ул|бул|пр|пл|пер|д|ul|al|os|pl|plac|via|viale|vicolo|rue|calle|avenida|av|rua|praça|travessa|carrer|strada|piazza|chemin|allée|bd|impasse|place|quai|cesta|ulica|utca|út|tér|gatan|vägen|vej|gade|katu|tie|sokak|sokağı|caddesi|mahallesi|đường|jalan|jl)\.?\s/iu;

const digitsIn = (s: string) => s.replace(/\D/g, '').length;

/** One token of letters and digits, possibly in groups (`12 345 678`, `TN60 2012…`, `AB-123-CD`). */
const TOKEN = /^[A-Za-z0-9](?:[A-Za-z0-9./]|[ -](?=\d))*/;
const idValue = (min: number, max = 24) => (v: string) => {
  const c = v.replace(/[ ./-]/g, '');
  return c.length >= min && c.length <= max && digitsIn(c) >= Math.min(5, c.length - 1) && !isPlaceholder(v) && !/^(\d)\1+$/.test(c);
};

const SPECS: LabelSpec[] = [
  {
    id: 'pii.address', kind: 'address', max: 90, prose: true,
    words: [
      '(?:home|street|mailing|postal|residential|billing|shipping|delivery|physical|permanent|current)?[ _-]?address(?:es)?',
      'adresse', 'anschrift', 'woonadres', 'postadres', 'huisadres', '(?:liefer|rechnungs|privat|heim|post|wohn|melde)adresse', 'adress', 'hemadress', 'gatuadress', 'postadresse', 'kotiosoite', 'postiosoite', 'wohnanschrift', 'wohnadresse', 'postanschrift', 'meldeadresse', 'dirección', 'direccion',
      'domicilio', 'indirizzo', 'residenza', 'endereço', 'endereco', 'morada', 'adres(?:i|u)?', 'adresa', 'adressen?', 'osoite',
      'lakcím', 'cím', 'adresas', 'adrese', 'adreso', 'διεύθυνση', 'адрес[а-я]*', 'địa chỉ', 'alamat', '住所', '地址', '住址',
      '주소', 'عنوان', 'כתובת', 'ที่อยู่', 'पता',
    ],
    notAfter: /(?:\bip|e-?mail|\bmac|web|memory|url|wallet|bitcoin|\beth|contract|return|base|virtual|hex|ipv[46]|server|host|network|broadcast|loopback|gateway|register|pointer|jump|link|bus|physical memory|logical|i\/o|mail|адрес электронной)[\s_-]*$/i,
    valueOk: (v) => /\p{L}/u.test(v) && /\d/.test(v) && !/@|:\/\/|^0x|^\[|^</.test(v) && !isPlaceholder(v) && v.length >= 6,
  },
  {
    id: 'pii.bank_account', kind: 'bank_account', max: 40,
    words: [
      'BBAN', 'account[ _-]?(?:number|no\\.?|#)', 'acct[ _-]?(?:no\\.?|#|number)?', 'bank[ _-]?account', 'routing[ _-]?number', 'sort[ _-]?code',
      'kontonummer', 'konto(?:nr\\.?)?', 'numéro de compte', 'num[ée]ro de compte bancaire', 'número de cuenta', 'cuenta bancaria',
      'número da conta', 'conta bancária', 'rekeningnummer', 'numer konta', 'tilinumero', 'számlaszám', 'číslo účtu', 'номер сч[её]та',
      'расч[её]тный сч[её]т', 'hesap numarası', 'numero di conto', 'conto corrente', '口座番号', '银行账号', '账号', '계좌번호',
    ],
    notAfter: /(?:order|customer|user|invoice|reference|ticket|tracking)[\s_-]*$/i,
    valueOk: idValue(6, 34),
  },
  {
    id: 'pii.national_id.labelled', kind: 'national_id', max: 32,
    // Only labels of numbers no checksum here covers: a PESEL, NHS number or SIN with a wrong check digit is
    // not one, and those formats are left to the checksummed rules (national-ids.ts).
    words: [
      'national[ _-]?id(?:entity)?(?:[ _-]?(?:number|no|card))?', 'id[ _-]?(?:number|no\\.?|nr\\.?|card number)', 'identity[ _-]?(?:card[ _-]?)?number',
      'personal[ _-]?(?:id(?:entification)?[ _-]?)?(?:number|code)', 'citizen[ _-]?(?:id|number)', 'NID', 'CNIC', 'NIC', 'NIN',
      // validators here and in python-stdnum disagree on these (EMŠO/JMBG date rules): named is enough
      'EMŠO', 'EMSO', 'JMBG', 'ЈМБГ', 'ΑΦΜ', 'AFM', 'СНИЛС', 'ИИН', 'cédula', 'cedula', 'DNI', 'NSS', 'RFC', 'VNR', 'versicherungsnummer',
      'személyi azonosító', 'adóazonosító(?: jel)?', 'TAJ(?:[ _-]?szám)?', 'tax[ _-]?(?:id|number|code)', 'TIN',
      'número de identificación', 'numéro d.identification', 'numero di identificazione', 'número de identidade', 'identiteitsnummer',
      'KVNR', 'krankenversichertennummer', 'versichertennummer', 'eGK(?:-nummer)?', 'RVNR', 'rentenversicherungsnummer', 'MBI',
      'health[ _-]?(?:insurance[ _-]?)?(?:id|number|card number)', 'MyKad', 'KTP', 'NIK', 'PhilSys', 'SSS', 'EIN',
      // identity and social-security numbers without a validator here, by their names in their countries
      // "RG" alone is many things: only as a key or before a copula (Brazil's RG: 12.345.678-9, o RG é …)
      'RG(?=["\']?\\s{0,3}[:=]|\\s+(?:do|da|cadastrado|registrado|é|is|number|n[º°o]\\.?)(?=\\s))', 'NUIP', 'UMID', 'PhilHealth(?:[ _-]?(?:number|no\\.?|id))?', 'SSS[ _-]?(?:number|no\\.?)', 'personas[ _-]kods',
      "carta d.identit[àa]", "carte d.identit[ée]", 'documento de identidad', 'documento nacional de identidad', 'cédula de identidad',
      'n[úu]mero de (?:la )?seguridad social', 'numéro de sécurité sociale', 'numero di previdenza sociale', 'sozialversicherungsnummer',
      'personalausweis(?:nummer)?', 'ausweisnummer', 'identiteitskaart(?:nummer)?',
      '身份证(?:号码?)?', '身份證(?:號碼)?', 'マイナンバー', '個人番号',
    ],
    notAfter: /(?:order|product|part|item|invoice|ticket|tracking|booking|build|run|session|request|transaction|user|customer|client|process|thread|job|row|employee|student)[\s_-]*$/i,
    valueOk: idValue(5),
  },
];

function labelRule(spec: LabelSpec): Rule {
  // A label is also a key: `home_address`, `numéro-de-compte`.
  const words = spec.words.map((w) => w.replace(/ (?![^[]*\])/g, '[ _-]'));
  const alt = `(?<![${WORD_CHARS.replace('_', '')}])(?:${words.join('|')})(?![A-Za-z\\u00C0-\\u024F\\u0400-\\u04FF])`;
  const check: Check = (m, src, off, v) => {
    // Short labels are acronyms (ID, PAN, SIN, CI): "id", "pan" and "sin" in prose are other words.
    // As a lower-case key (`"bban": …`, `ssn=…`) they are labels again.
    if (m[0].length <= 4 && m[0] !== m[0].toUpperCase() && !/^[\w-]*["']?\s?[:=]/.test(m[1] ?? '')) return false;
    const pre = before(v, off + m.index, 30);
    if (spec.notAfter?.test(pre) || NEGATED.test(pre)) return false;
    let rest = m[1] ?? '';
    // A label on its own line names the value on the next one.
    const nl = rest.indexOf('\n');
    if (nl >= 0) rest = /^[^\S\n]*[:：#-]?[^\S\n]*$/.test(rest.slice(0, nl)) ? `${rest.slice(0, nl)} ${rest.slice(nl + 1).split('\n')[0]}` : rest.slice(0, nl);
    const sep = SEP.exec(rest);
    const at = sep ? sep[0].length : 0;
    const tail = rest.slice(at);
    let val: string;
    let skip = 0;
    if (spec.prose) {
      // Prose values need a separator ("address: …", "… ist …"): "address the 3 issues" is a verb.
      const sepText = sep ? sep[0].replace(/^[\w-]*/, '') : '';
      // Without one, the value must read as a name with a number ("home address Dolac 60", "Adresse 12 Rue X"),
      // never "address 3 issues".
      const bare = !/[:=：|>\p{L}—–-]/u.test(sepText);
      if (bare && !(/^[\p{Lu}\p{Lo}\d]/u.test(tail) && /^[^\n,.;]{0,40}\d/u.test(tail) && /^(?:\d[\w/-]*\s)?[\p{Lu}\p{Lo}]/u.test(tail))) return false;
      if (!/^[\p{Lu}\p{Lo}\d]/u.test(tail) && !/[:=|]/.test(sepText) && !STREET_WORD.test(tail)) return false;
      // Up to the end of the clause: a line end, a quote, a full stop before a capital, or "please…".
      const end = tail.search(/["'`;|\n。！？]|[.!?](?=\s+\p{Lu}|\s*$)|,\s+(?:please|bitte|por favor|merci|grazie|s'il|thanks|danke|obrigad\p{L}*|пожалуйста)/u);
      val = (end >= 0 ? tail.slice(0, end) : tail).slice(0, spec.max).trimEnd();
      while (/[.,;:)\]]$/.test(val)) val = val.slice(0, -1);
    } else {
      // "Medicare card 2123 …": lower-case words between label and value are not part of it.
      skip = /^(?:\p{Ll}+\s+){0,2}/u.exec(tail)![0].length;
      val = TOKEN.exec(tail.slice(skip))?.[0] ?? '';
      if (!/^\S*\d/.test(val)) return false;
      val = val.replace(/[./]+$/, '').slice(0, spec.max);
    }
    if (!val || !spec.valueOk(val)) return false;
    const s = m.index + m[0].length + at + skip;
    return [s, s + val.length];
  };
  return starterRule({
    kind: spec.kind, id: spec.id, starter: new RegExp(alt, 'gi'), starterMax: 40, back: 0, reach: 40 + 160, term: /\n[^\S\n]*\n/g,
    re: new RegExp(`(?:${words.join('|')})(?=([^]{0,150}))`, 'dgi'), check,
  });
}

export const LABELLED_RULES: readonly Rule[] = SPECS.map(labelRule);
