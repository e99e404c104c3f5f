// Credentials without a known prefix: a random-looking string near a word that names a credential, in
// prose ("your token is …", "Schlüssel: …") or assigned to an identifier that names one (`stripe_key = …`).
// The value must look machine-generated (validators.tokenLike: entropy, mixed classes, no word pieces), so
// "the key is to practise daily" and `max_tokens = 4096` stay untouched.
import { tokenLike } from '../validators.js';
import { before, starterRule, WORD_CHARS, type Check, type Rule } from '../rule-kit.js';

const LATIN_WORDS = [
  'api[ _-]?(?:key|token|secret)', 'access[ _-]?(?:key|token)', 'auth(?:entication|orization)?[ _-]?(?:key|token|code)',
  'secret(?:[ _-]?key)?', 'client[ _-]?secret', 'private[ _-]?key', 'signing[ _-]?(?:key|secret)', 'refresh[ _-]?token',
  'session[ _-]?(?:key|token)', '(?:zugangs|zugriffs|access|auth|api|bearer|bot|app)token', 'bearer[ _-]?token', 'personal[ _-]?access[ _-]?token', 'PAT', 'tokens?', 'keys?',
  'credentials?', 'creds', 'passphrase', 'licen[cs]e[ _-]?key', 'webhook[ _-]?secret', 'app[ _-]?secret',
  "clé(?: d'api| api| secrète)?", 'jeton', '(?:zugangs|api-?)?schlüssel', 'clave(?: de api| secreta)?', 'llave',
  'chiave(?: api| segreta)?', 'chave(?: de api| secreta)?', 'sleutel', 'klucz(?: api)?', 'nyckel(?:n)?',
  'nøkkel(?:en)?', 'nøgle(?:n)?', 'avain', 'ключ', 'токен', 'anahtar(?:ı)?', 'khóa', 'kunci', 'कुंजी', 'टोकन', 'مفتاح',
];
// Scripts without spaces: no word boundary to ask for.
const CJK_WORDS = ['令牌', '密钥', '秘钥', '金鑰', '密鑰', 'トークン', 'キー', '토큰', '키'];

const PROSE_STARTER = new RegExp(
  `(?<![${WORD_CHARS}])(?:${LATIN_WORDS.join('|')})(?![${WORD_CHARS}])|${CJK_WORDS.join('|')}`,
  'gi',
);
const PROSE_RE = new RegExp(`(?:${LATIN_WORDS.join('|')}|${CJK_WORDS.join('|')})(?=([^\\n]{0,100}))`, 'dgi');
/** Keys that are public or identifiers by name: their values are not secrets. */
const NOT_SECRET_BEFORE = /(?:public|pub|primary|foreign|composite|sort|partition|hot|music|answer|the\s+musical)[\s_-]*$/i;
const NOT_SECRET_AFTER = /^[\s_-]*(?:id|ids|fingerprint|name|size|length|count|type|usage|limit|hash|server|file|path|pair)\b/i;
const CANDIDATE = /(?<=^|[\s"'`:=(（「：])[A-Za-z0-9_\-+/=.~]{12,}/g;

const proseCheck: Check = (m, src, off, v) => {
  // The word is the match; the lookahead group is the rest of the line it may name a value in.
  const wEnd = m.index + m[0].length;
  if (NOT_SECRET_BEFORE.test(before(v, off + m.index, 24))) return false;
  const rest = m[1] ?? '';
  if (NOT_SECRET_AFTER.test(rest)) return false;
  // Only within the same sentence: a full stop followed by a space ends the search.
  const stop = rest.search(/[.!?。！？](?:\s|$)/);
  const window = stop >= 0 ? rest.slice(0, stop + 1) : rest;
  CANDIDATE.lastIndex = 0;
  for (let c = CANDIDATE.exec(window); c; c = CANDIDATE.exec(window)) {
    const val = c[0].replace(/[.,;:)\]}'"`]+$/, '');
    const strong = /[a-z]/.test(val) && /[A-Z]/.test(val) && /\d/.test(val);
    if (tokenLike(val, strong ? 12 : 16)) {
      const s = wEnd + c.index;
      return [s, s + val.length];
    }
  }
  return false;
};

const ASSIGN_WORDS = 'key|token|secret|passw(?:or)?d|pwd|auth|credential|creds|access|api|sid|pat';
const ASSIGN_RE = new RegExp(
  `(?<![\\w.-])([\\w.-]{0,40}?(?:${ASSIGN_WORDS})[\\w.-]{0,30})["']?\\s{0,3}(?:=>|:=|=|:)\\s{0,3}[@]?(?:["'\`]|\\b[ubr]["'])?([A-Za-z0-9_\\-+/=.~]{10,600})`,
  'dgi',
);
/** Identifiers whose value is public or not a credential at all (after gitleaks' generic-api-key allow-list). */
const NOT_SECRET_NAME = new RegExp(
  [
    'public', 'primary', 'foreign', '(?:bucket|schema|sequence|natural|idx|hot)[_.-]?key', 'monkey', 'turkey', 'author', 'rapid', 'capital', 'csrf', 'xsrf', 'keyboard', 'keyword',
    'key_?(?:id|name|size|len|length|path|file|board|word|code|pair|alias|stone|type|frame|press|up|down|ring|spec|hash|format|vault)',
    'token_?(?:url|uri|endpoint|type|count|limit|len|length|file|id|ize|izer|s_?used|_?budget)', 'max_?tokens?', 'num_?tokens?',
    'api_?(?:url|uri|endpoint|version|name|id|base|host|path|level|docs?)', 'access_?(?:id|ibility|or|level|mode|type|log|ed|es)',
    'secret_?(?:name|length|size|ref|id|arn)', 'credentials?_?(?:id|file|path|provider)', 'auth_?(?:url|uri|endpoint|type|method|mode|or|ors|domain)',
    'sid_?(?:len|length)', 'passwd_?file', 'password_?(?:length|policy|file|hash|field|reset|min)', 'pat(?:h|tern|ch|ient|ent|ron|ter)',
  ].join('|'),
  'i',
);

const assignCheck: Check = (m, src) => {
  const name = m[1] ?? '';
  if (NOT_SECRET_NAME.test(name)) return false;
  const g = m.indices?.[2];
  if (!g) return false;
  const val = src.slice(g[0], g[1]).replace(/[.,;:)\]}'"`]+$/, '');
  const strong = /[a-z]/.test(val) && /[A-Z]/.test(val) && /\d/.test(val);
  // A long run of digits assigned to a key name is a numeric key (asanaKey = "3932162201208016").
  const numericKey = /^\d{16,64}$/.test(val) && /key|token|secret/i.test(name) && !/(\d)\1{5}/.test(val);
  return numericKey || tokenLike(val, strong ? 10 : 16) ? [g[0], g[0] + val.length] : false;
};

export const PROSE_TOKEN_RULES: readonly Rule[] = [
  starterRule({
    kind: 'api_key', id: 'secret.prose_token', starter: PROSE_STARTER, starterMax: 28, back: 0, reach: 130,
    term: /\n/g, re: PROSE_RE, check: proseCheck,
  }),
  starterRule({
    // The starter looks ahead for the assignment operator (so prose "key"/"path" costs nothing); starterMax
    // covers that lookahead, so a starter is only judged once all of it is visible.
    kind: 'api_key', id: 'secret.generic_assignment', starter: new RegExp(`(?:${ASSIGN_WORDS})(?=[\\w.-]{0,30}["']?\\s{0,3}(?:=|:))`, 'gi'), starterMax: 48, back: 42,
    reach: 700, term: /\n/g, re: ASSIGN_RE, check: assignCheck,
  }),
];
