// National identity, tax and health numbers. Two scans cover every format: one over runs of digits (with
// their separators), one over the letter-bearing shapes. A candidate is a finding when its checksum holds AND
// either its written layout is distinctive (CPF 390.533.447-05, RRN 971013-9019902) or a context word that
// names it stands near (a bare 9-digit number passes some mod-11 check one time in eleven, so "BSN" must be
// said). Numbers in arithmetic are never IDs.
import type { OutputKind } from '../../types.js';
import { inMath, sequential, ssnValid } from '../validators.js';
import { before, reachRule, type Check, type Found, type Rule } from '../rule-kit.js';
import { CHECKS, type CheckName } from './id-checks.js';

/** Words that name an identity number in general; any checksum-valid format counts after them. */
const GENERIC_CTX =
  /\b(?:(?:national|personal|identity|identification|citizen|resident|social|tax(?:payer)?|ID)[ -](?:ID[ -]|identification[ -]|identity[ -]|registration[ -]|card[ -])?(?:number|no\b\.?|num\b|#|code)|ID[ -]?(?:number|no\b\.?|#|nr\b\.?)|numéro d'identification|número de identificación|Ausweisnummer|Personalausweis\w*|identificatienummer|identyfikac\w+|身份证|身份證|個人番号|マイナンバー|신분증|주민번호|n[úu]mero (?:de )?(?:identidad|documento|identifica[cç]\w+|fiscal|de contribuinte|de seguridad social|nacional)|documento (?:de identidad|nacional)|carte d.identit\w+|num[ée]ro (?:national|personnel|fiscal|d.assur\w+)|s[ée]curit[ée] sociale|seguridad social|seguran[çc]a social|previdenza|Identit[äa]tsnummer|ID-Nummer|Steuernummer|Sozialversicherung\w*|identiteitsnummer|persoonsnummer|sociale zekerheid|henkil[öo]tunnus|osobn[íi] [čc][íi]slo|rodn[ée] [čc][íi]slo|numer (?:dowodu|identyfikac\w+|ewidencyjny|NIP)|личн\w+ номер|идентификационн\w+ номер|страхов\w+ номер|ІПН|РНОКПП|kimlik (?:numaras\w+|no)|vergi (?:numaras\w+|no)|szem[ée]lyi sz[áa]m|ad[óo]sz[áa]m|ad[óo]azonos[íi]t[óo]|cod(?:ul)? numeric personal|αριθμ[όο]ς (?:ταυτότητας|μητρώου)|ΑΦΜ|ΑΜΚΑ|s[ốo] (?:CMND|CCCD|định danh)|m[ãa] s[ốo] thu[ếe]|nomor induk|kad pengenalan|isikukood|asmens kodas|personas kods|matični broj|osobni identifikacijski)/i;

/** "Dean Fisher 145198666", "Mrs Rosemary Baker, …": capitalised name words just before the number. */
const NAME_BEFORE = /(?:^|[\s,;(])\p{Lu}\p{Ll}+(?:[ '-]\p{Lu}\p{Ll}+)+,?\s*$/u;

interface Spec {
  check: CheckName | 'ssn';
  kind: OutputKind;
  /** Compact lengths (digits only for the numeric scan). */
  len: readonly number[];
  /** Written layouts (digit-group lengths and separators, e.g. `3.3.3-2`) that need no context word. */
  layout?: RegExp;
  ctx: RegExp;
}

// Order matters only when two formats validate the same digits: the more specific comes first.
const NUMERIC: readonly Spec[] = [
  { check: 'ssn', kind: 'ssn', len: [9], layout: /^3([ .])2\1(?:)4$/, ctx: /\bSSNs?\b|\bSS#|social[ -]security|seguro social/i },
  { check: 'itin', kind: 'tax_id', len: [9], layout: /^3([ .-])2\1(?:)4$/, ctx: /\bITIN\b|taxpayer identification/i },
  { check: 'nhs', kind: 'health_id', len: [10], layout: /^3([ -])3\1(?:)4$/, ctx: /\bNHS\b|national health|health service|CHI number/i },
  { check: 'medicare', kind: 'health_id', len: [10, 11], layout: /^4([ -])5\1(?:)1(?:\1?1)?$/, ctx: /medicare/i },
  { check: 'sin', kind: 'national_id', len: [9], layout: /^3-3-3$/, ctx: /\bSIN\b|social insurance|\bNAS\b|assurance sociale/i },
  { check: 'tfn', kind: 'tax_id', len: [9], ctx: /\bTFN\b|tax file/i },
  { check: 'bsn', kind: 'national_id', len: [9], ctx: /\bBSN\b|burgerservice|sofi-?nummer|citizen service number/i },
  { check: 'ilId', kind: 'national_id', len: [9], ctx: /teudat|zehut|תעודת זהות|מספר זהות|israeli id/i },
  { check: 'personnummer', kind: 'national_id', len: [10, 12], layout: /^(?:6|8)[-+]4$/, ctx: /person(?:nummer|nr)|samordningsnummer|\bpnr\b/i },
  { check: 'cpr', kind: 'national_id', len: [10], ctx: /\bCPR\b|cpr-?nummer|personnummer/i },
  { check: 'czRc', kind: 'national_id', len: [9, 10], layout: /^6\/[34]$/, ctx: /rodné číslo|rodne cislo|\bRČ\b|birth number/i },
  { check: 'aadhaar', kind: 'national_id', len: [12], layout: /^4([ -])4\1(?:)4$/, ctx: /aadh?aar|\bUIDAI\b|\bUID\b|आधार/i },
  { check: 'myNric', kind: 'national_id', len: [12], layout: /^6-2-4$/, ctx: /\bNRIC\b|mykad|\bIC (?:number|no)|kad pengenalan/i },
  { check: 'cpf', kind: 'tax_id', len: [11], layout: /^3\.3\.3-2$/, ctx: /\bCPF\b|cadastro de pessoas/i },
  { check: 'pesel', kind: 'national_id', len: [11], ctx: /\bPESEL\b/i },
  { check: 'deIdnr', kind: 'tax_id', len: [11], ctx: /steuer-?id|steuer-?identifikations|identifikationsnummer|\bIdNr\b|tax id|\bTIN\b|steuernummer/i },
  { check: 'fodselsnummer', kind: 'national_id', len: [11], layout: /^6 5$/, ctx: /f(?:ø|o)dselsnummer|personnummer|\bf\.?nr\b/i },
  { check: 'beNn', kind: 'national_id', len: [11], layout: /^2\.2\.2-3\.2$/, ctx: /rijksregister|numéro national|national number|registre national|\bINSZ\b|\bNISS\b/i },
  { check: 'tckimlik', kind: 'national_id', len: [11], ctx: /kimlik|\bTCKN\b|turkish id/i },
  { check: 'ahv', kind: 'national_id', len: [13], layout: /^3\.4\.4\.2$/, ctx: /\bAHV\b|\bAVS\b|\bOASI\b|sozialversicherungs/i },
  { check: 'rrn', kind: 'national_id', len: [13], layout: /^6-7$/, ctx: /주민등록|\bRRN\b|resident registration/i },
  { check: 'zaId', kind: 'national_id', len: [13], layout: /^6 4 3$/, ctx: /south african id|\bSA ID\b|identity (?:number|document)|ID number/i },
  { check: 'thId', kind: 'national_id', len: [13], layout: /^1([ -])4\1(?:)5\1(?:)2\1(?:)1$/, ctx: /บัตรประชาชน|เลขประจำตัว|thai (?:national )?id/i },
  { check: 'cnp', kind: 'national_id', len: [13], ctx: /\bCNP\b|cod numeric personal/i },
  { check: 'cnpj', kind: 'tax_id', len: [14], layout: /^2\.3\.3\/4-2$/, ctx: /\bCNPJ\b/i },
  { check: 'utr', kind: 'tax_id', len: [10], ctx: /\bUTR\b|unique taxpayer/i },
  { check: 'eeIk', kind: 'national_id', len: [11], ctx: /isikukood|personal code/i },
  { check: 'egn', kind: 'national_id', len: [10], ctx: /ЕГН|\bEGN\b|единен граждански/i },
  { check: 'ltAsmens', kind: 'national_id', len: [11], ctx: /asmens kod/i },
  { check: 'jmbg', kind: 'national_id', len: [13], ctx: /JMBG|ЈМБГ|EMŠO|EMSO|matični broj|матични број/i },
  { check: 'oib', kind: 'tax_id', len: [11], ctx: /\bOIB\b/ },
  { check: 'amka', kind: 'ssn', len: [11], ctx: /AMKA|ΑΜΚΑ/i },
  { check: 'kennitala', kind: 'national_id', len: [10], layout: /^6-4$/, ctx: /kennitala/i },
  { check: 'inn', kind: 'tax_id', len: [10, 12], ctx: /ИНН|\bINN\b|РНОКПП|ІПН/i },
  { check: 'rntrc', kind: 'tax_id', len: [10], ctx: /РНОКПП|ІПН|\bRNTRC\b|ИНН/i },
  { check: 'rut', kind: 'national_id', len: [8, 9], ctx: /\bRU[TN]\b/i },
  { check: 'ird', kind: 'tax_id', len: [8, 9], ctx: /\bIRD\b|inland revenue/i },
  { check: 'ptNif', kind: 'tax_id', len: [9], ctx: /\bNIF\b|contribuinte/i },
  { check: 'cuit', kind: 'tax_id', len: [11], layout: /^2-8-1$/, ctx: /\bCUI[TL]\b/i },
  { check: 'coNit', kind: 'tax_id', len: [9, 10], ctx: /\bNIT\b/ },
  { check: 'cnic', kind: 'national_id', len: [13], layout: /^5-7-1$/, ctx: /\bCNIC\b|\bNIC\b/i },
  { check: 'atVnr', kind: 'ssn', len: [10], ctx: /\bSVNR\b|\bVNR\b|versicherungsnummer/i },
  { check: 'nir', kind: 'national_id', len: [15], layout: /^1 2 2 2 3 3 2$/, ctx: /\bNIR\b|\bINSEE\b|sécurité sociale|securite sociale|numéro de sécu|carte vitale/i },
];

const shape = (s: string) => s.replace(/\d+/g, (d) => String(d.length));
const valid = (spec: Spec, s: string) => (spec.check === 'ssn' ? ssnValid(s.replace(/\D/g, '')) : CHECKS[spec.check](s));

/** Context words before the number (same paragraph) or just after it ("… is my NHS number"), tested lazily. */
function contextOf(pre: string, post: string): (ctx: RegExp) => boolean {
  // Keys name numbers too: `nhs_number`, `numéro_de_registre_national`.
  const text = `${pre.slice(pre.lastIndexOf('\n\n') + 1)}\n${post}`.replace(/_/g, ' ');
  // An order or part label right before the number outweighs general words, not the number's own name
  // ("Unique Taxpayer Reference: …" is a UTR although "reference" labels orders too).
  const blocked = NOT_PII_LABEL.test(pre.slice(-40)) || NEGATED.test(pre.slice(-40));
  let generic: boolean | undefined;
  // A person's name right before a (checksum-valid) number also says whose number it is.
  return (ctx) => ctx.test(text) || (!blocked && (generic ??= GENERIC_CTX.test(text) || NAME_BEFORE.test(pre.slice(-48))));
}

const CTX_BEFORE = 64;
const CTX_AFTER = 40;
const MAX_RUN = 34;

/** The groups of an IBAN before this point ("IE29 AIBK 9311 …"): the digits are part of it, not an ID. */
export const IBAN_BEFORE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -][A-Z0-9]{4}){0,7}[ -]?[A-Z0-9]{0,3}$/;
/** "Invalid TIN …", "not a real SSN", "e.g." — the text says the number is not one. */
export const NEGATED = /\b(?:invalid|not an?|fake|e\.g\.|dummy|bogus|made-up|fictional|fictitious|placeholder|sample)\b[^.\n\d]{0,24}$/i;

/** Labels of numbers that are not about a person: an order, a part, a build. */
export const NOT_PII_LABEL =
  /(?:part|invoice|order|ticket|tracking|build|run|item|catalog(?:ue)?|booking|reference|ref|serial|model|sku|product|lot|batch|version|page|isbn|issn|case|claim|transaction|confirmation|receipt|shipment|parcel|job|task|process|pid|lottery|draw|drawn|ticket|flight|room|error|code|port)(?:\s+(?:no\.?|number|num|nr\.?|#|id|code|numbers))?(?:\s+(?:is|was|were))?\s*[:#=]?\s*$/i;

const numericCheck: Check = (m, src, off, v, after) => {
  const run = m[0];
  const pre = before(v, off + m.index, CTX_BEFORE);
  if (IBAN_BEFORE.test(pre)) return false;
  const blocked = NOT_PII_LABEL.test(pre.slice(-40)) || NEGATED.test(pre.slice(-40));
  // A run may join two numbers ("44051401359 12"): try it whole, then without its trailing groups.
  const groups = run.split(/(?<=\d)(?=[ .\-/])/);
  for (let k = groups.length; k >= 1; k--) {
    const cand = groups.slice(0, k).join('');
    const compact = cand.replace(/\D/g, '').length;
    if (compact < 9) break;
    if (sequential(cand.replace(/\D/g, ''))) continue; // 123456789: the example every form shows
    if (inMath(src, m.index, m.index + cand.length)) continue;
    const post = (run.slice(cand.length) + after).slice(0, CTX_AFTER);
    const lay = shape(cand);
    const hasCtx = contextOf(pre, post);
    for (const spec of NUMERIC) {
      if (!spec.len.includes(compact)) continue;
      const ok = (!blocked && spec.layout?.test(lay)) || hasCtx(spec.ctx);
      if (ok && valid(spec, cand)) return { span: [m.index, m.index + cand.length], kind: spec.kind, id: `pii.${spec.check}` } satisfies Found;
    }
  }
  return false;
};

const MBI_L = '[AC-HJKMNP-RT-Y]';
const MBI_A = '[AC-HJKMNP-RT-Y0-9]';

interface AlnumSpec {
  check: CheckName;
  kind: OutputKind;
  re: string;
  /** Without this context the shape is too common; undefined: the checksum alone is enough. */
  ctx?: RegExp;
  /** Accept without context when this also holds (e.g. an individual's PAN, 4th letter P). */
  alone?: RegExp;
}

const ALNUM: readonly AlnumSpec[] = [
  { check: 'nino', kind: 'national_id', re: '[A-CEGHJ-PR-TW-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]' },
  { check: 'nino', kind: 'national_id', re: '[A-CEGHJ-PR-TW-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2}', ctx: /\bNI(?:NO)?\b|national insurance/i },
  { check: 'pan', kind: 'tax_id', re: '[A-Z]{3}[ABCFGHJLPT][A-Z]\\d{4}[A-Z]', alone: /^[A-Z]{3}P/, ctx: /\bPAN\b|permanent account|income tax/i },
  { check: 'nie', kind: 'national_id', re: '[XYZ][ -]?\\d{7}[ -]?[A-Z]' },
  { check: 'dni', kind: 'national_id', re: '\\d{8}[ -]?[A-Z]' },
  { check: 'codiceFiscale', kind: 'tax_id', re: '[A-Z]{6}[\\dLMNP-V]{2}[A-EHLMPR-T][\\dLMNP-V]{2}[A-Z][\\dLMNP-V]{3}[A-Z]' },
  { check: 'nric', kind: 'national_id', re: '[STFGM]\\d{7}[A-Z]' },
  { check: 'hetu', kind: 'national_id', re: '\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y]' },
  { check: 'hkid', kind: 'national_id', re: '[A-Z]{1,2}\\d{6} ?\\([0-9A]\\)' },
  { check: 'hkid', kind: 'national_id', re: '[A-Z]{1,2}\\d{6}[0-9A]', ctx: /\bHKID\b|hong kong id|identity card|身份證/i },
  { check: 'twId', kind: 'national_id', re: '[A-Z][12]\\d{8}' },
  { check: 'curp', kind: 'national_id', re: '[A-Z]{4}\\d{6}[HMX][A-Z]{5}[0-9A-Z]\\d' },
  { check: 'nir', kind: 'national_id', re: '[12] ?\\d{2} ?\\d{2} ?2[AB] ?\\d{3} ?\\d{3} ?\\d{2}' },
  { check: 'rut', kind: 'national_id', re: '\\d{1,2}\\.\\d{3}\\.\\d{3}-[\\dkK]' },
  { check: 'ukLicence', kind: 'driver_licence', re: '[A-Z9]{5}\\d{6}[A-Z9]{2}\\d[A-Z]{2}' },
  // US Medicare Beneficiary Identifier: with its dashes the shape is unique; compact it needs its name.
  { check: 'mbi', kind: 'health_id', re: `[1-9]${MBI_L}${MBI_A}\\d-${MBI_L}${MBI_A}\\d-${MBI_L}{2}\\d{2}` },
  { check: 'mbi', kind: 'health_id', re: `[1-9]${MBI_L}${MBI_A}\\d${MBI_L}${MBI_A}\\d${MBI_L}{2}\\d{2}`, ctx: /medicare|\bMBI\b|beneficiary/i },
  { check: 'epic', kind: 'national_id', re: '[A-Z]{3}\\d{7}', ctx: /\bEPIC\b|voter|electoral/i },
  { check: 'pps', kind: 'national_id', re: '\\d{7}[A-W][A-IW]?', ctx: /\bPPSN?\b|personal public service/i },
];

const alnumRe = new RegExp(`(?<![\\w-])(?=[A-Z0-9]{1,8}[ -]?[A-Z0-9])(?:${ALNUM.map((s) => `(${s.re})`).join('|')})(?![\\w-])`, 'g');

const alnumCheck: Check = (m, src, off, v, after) => {
  const g = m.slice(1).findIndex((x) => x !== undefined);
  const spec = ALNUM[g];
  // Finnish HETU and Swedish numbers carry meaning in their separator; the others are checked compact.
  const raw = spec?.check === 'hetu' ? m[0] : m[0].replace(spec?.check === 'rut' ? /[ .-]/g : /[ -]/g, '');
  if (!spec || sequential(m[0].replace(/\D/g, '')) || !CHECKS[spec.check](raw)) return false;
  if (spec.ctx && !spec.alone?.test(m[0])) {
    if (!contextOf(before(v, off + m.index, CTX_BEFORE), after.slice(0, CTX_AFTER))(spec.ctx)) return false;
  }
  return { kind: spec.kind, id: `pii.${spec.check}` };
};

export const NATIONAL_ID_RULES: readonly Rule[] = [
  reachRule({
    kind: 'national_id', id: 'pii.national_id', reach: MAX_RUN + CTX_AFTER + 2, check: numericCheck,
    re: /(?<![\w.,+/-]|\d[ .-])\d(?:[ .\-/]?\d){8,16}(?![\w]|[.,/-]\d)/g,
  }),
  reachRule({ kind: 'national_id', id: 'pii.national_id.alnum', reach: 30 + CTX_AFTER, check: alnumCheck, re: alnumRe }),
];
