// Credentials named by their surroundings: `password = …` in many languages, command-line flags, URL
// userinfo, connection-string fields (`AccountKey=…`) and Authorization headers.
import { hasDigit, isPlaceholder, passwordValue, tokenLike } from '../validators.js';
import { firstGroup, starterRule, type Check, type Rule } from '../rule-kit.js';

const pwGroupCheck: Check = (m, src) => {
  const g = firstGroup(m);
  if (!g) return false;
  const val = src.slice(g[0], g[1]);
  return !isPlaceholder(val) && val.length >= 3 ? g : false;
};

/** "password" in the languages students write in (the value check keeps "Passwort: erforderlich" clean). */
export const PASSWORD_WORDS = [
  'pass(?:word|wd|phrase|code)?', 'pwd', '密码', '口令', '密碼', 'passwort', 'kennwort', 'mot de passe', 'contraseña',
  'contrasena', 'senha', 'hasło', 'haslo', 'wachtwoord', 'lösenord(?:et)?', 'passord(?:et)?', 'adgangskode(?:n)?',
  'salasana', 'пароль', 'パスワード', '비밀번호', '암호', 'şifre', 'sifre', 'mật khẩu', 'kata sandi', 'kata laluan',
  'كلمة المرور', 'סיסמה', 'รหัสผ่าน', 'पासवर्ड', 'heslo', 'jelszó', 'parolă', 'κωδικός',
  // Romance/Baltic/Balkan/Caucasus/Persian words not above: Italian/Romanian/Turkish parola, Croatian lozinka, …
  'parola', 'lozinka', 'лозинка', 'парола', 'geslo', 'slaptažodis', 'slaptazodis', 'parole', 'parool', 'contrasenya',
  'pasahitza', 'kodeord', 'adgangskode', 'parol', 'şifrə', 'գաղտնաբառ', 'პაროლი', 'رمز عبور', 'گذرواژه', 'পাসওয়ার্ড',
  'கடவுச்சொல்', 'mật mã', 'lykilorð', 'wagwoord', 'nenosiri',
].join('|');
const KEY_WORDS = 'secret(?:[ _-]?key)?|token|api[ _-]?key|access[ _-]?key|auth[ _-]?key|private[ _-]?key';
const VALUE = `"([^"\\n]{1,128})"|'([^'\\n]{1,128})'|\`([^\`\\n]{1,128})\`|([^\\s"'\`<>,;，。；、！？（）【】]{1,128})`;
const SEP = [
  `\\s{0,3}(?:=>|:=|==?|[:：])\\s{0,3}`,
  `\\s{1,3}(?:is|was|(?:has been |was |is )?(?:set|changed|reset) to)\\s*[:：]?\\s{1,3}`,
  `\\s{1,3}(?:for|of|on|di|de|du|del|da|do|von|für|des|dla|voor|van|för|til|для|от)\\s+(?:the\\s+|your\\s+|my\\s+|this\\s+)?[^\\s:=：]{1,30}(?:\\s+[^\\s:=：]{1,30}){0,2}(?:\\s{0,3}[:：=]\\s{0,3}|\\s+(?:is|was|ist|lautet|est|es|é|è|är|er|on|jest|to|je|este|era)\\s*[:：]?\\s{1,3})`,
  // the copula of other languages: ist / est / es / é / är / er / on / jest / to / lautet / —
  `\\s{1,3}(?:ist|lautet|est|es|era|é|è|är|er|on|jest|to|je|este|—|–)\\s*[:：]?\\s{1,3}`,
  // "Hasło użytkownika maria.g to …", "Пароль пользователя maria.g: …": a name between word and copula
  `(?:\\s+[^\\s:=：\\d"'\`]{1,30}){1,2}\\s+[^\\s:=："'\`]{1,30}(?:\\s{0,3}[:：]\\s{0,3}|\\s+(?:is|ist|lautet|est|es|é|è|är|er|on|jest|to|je|este|era|—)\\s*[:：]?\\s{1,3})`,
  `\\s{0,2}(?:是|为|為|は|는|은)\\s{0,2}`,
  `\\s{1,2}(?=["'\`])`, // password "x"
  `\\s*[;,]?\\s+(?:it|which)(?:'s|\\s+is|\\s+was)\\s+(?:now\\s+)?`, // reset your password; it is now …
].join('|');
const CMD_VALUE = `(?:'([^'\\n]{1,128})'|"([^"\\n]{1,128})"|([^\\s'"-][^\\s'"]{0,127}))`;
const cmd = (id: string, starter: string, pattern: string): Rule =>
  starterRule({
    kind: 'password', id, back: 0, reach: 360, term: /(?<!\\)\n/g, starterMax: 12, group: true, check: pwGroupCheck,
    starter: new RegExp(starter, 'g'), re: new RegExp(pattern, 'dg'),
  });

function assignment(kind: 'password' | 'api_key', id: string, words: string, strict: boolean): Rule {
  return starterRule({
    kind, id, starter: new RegExp(words, 'gi'), starterMax: 14, back: 0, reach: 220, term: /\n/g,
    re: new RegExp(`(?:${words})(?:["']\\]?)?(${SEP})(?:${VALUE})`, 'dgi'),
    check: (m, src) => {
      // bypass, compass, surpass… but authToken, dbPassword (camelCase) name a credential
      if (/[a-z]/.test(src[m.index - 1] ?? '') && !/[A-Z]/.test(src[m.index]!)) return false;
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

/** `Authorization: Basic <b64>` carries user:password; the other schemes carry a token. */
const authCheck: Check = (m, src) => {
  const g = m.indices?.[2];
  if (!g) return false;
  const scheme = (m[1] ?? '').toLowerCase();
  const val = src.slice(g[0], g[1]).replace(/["'`,;]+$/, '');
  const span = [g[0], g[0] + val.length] as const;
  if (isPlaceholder(val)) return false;
  if (scheme === 'basic') {
    if (!/^[A-Za-z0-9+/]{6,}={0,2}$/.test(val)) return false;
    const dec = Buffer.from(val, 'base64').toString('utf8');
    const i = dec.indexOf(':');
    // Not text: a long base64 run is still a credential, a short one a coincidence.
    if (i < 0 || !/^[\x20-\x7e]+$/.test(dec)) return val.length >= 20 ? { span, id: 'secret.auth_basic' } : false;
    const [user, pass] = [dec.slice(0, i), dec.slice(i + 1)];
    // An empty password means the user part is the key (API keys sent as the user name).
    const ok = pass ? pass.length >= 3 && !isPlaceholder(pass) && !/^pass(?:word)?$/i.test(pass) : user.length >= 6 && !isPlaceholder(user);
    return ok ? { span, id: 'secret.auth_basic' } : false;
  }
  if (!scheme) return tokenLike(val, 12) || (val.length >= 12 && /\d/.test(val) && /[A-Za-z]/.test(val) && !/\s/.test(val)) ? span : false;
  return val.length >= 12 && (tokenLike(val, 12) || /^[A-Za-z0-9._~+/-]{20,}=*$/.test(val)) ? span : false;
};

/** Key fields of connection strings and SAS URLs: Azure storage/service bus, Event Hubs, ADO.NET. */
const CONN_KEYS = 'AccountKey|SharedAccessKey|SharedAccessSignature|SharedSecret|SharedSecretValue|AccessKey|SecretKey|ClientSecret|client_secret|ApiKey|Api_Key|AuthToken|sig';

export const CREDENTIAL_RULES: readonly Rule[] = [
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
  starterRule({
    kind: 'connection_string', id: 'secret.connection_key', starter: new RegExp(`(?<![A-Za-z0-9_])(?:${CONN_KEYS})\\s?=`, 'g'),
    starterMax: 24, back: 0, reach: 1100, term: /[\s;"'<>`]/g, group: true,
    re: new RegExp(`(?:${CONN_KEYS})\\s?=\\s?([^\\s;"'<>\`]{8,1000})`, 'dg'),
    check: (m, src) => {
      const g = firstGroup(m)!;
      let e = g[1];
      // In a URL, `sig=` ends at the next parameter; SharedAccessSignature keeps its own &-joined fields.
      if (!m[0].startsWith('SharedAccessSignature')) {
        const amp = src.slice(g[0], e).indexOf('&');
        if (amp >= 0) e = g[0] + amp;
      }
      while (e > g[0] && /[.,)\]}]/.test(src[e - 1]!)) e--;
      const val = src.slice(g[0], e);
      if (val.length < 8 || isPlaceholder(val) || !/[0-9%+/=]/.test(val) || !/[A-Za-z]/.test(val)) return false;
      return [g[0], e];
    },
  }),
  starterRule({
    kind: 'api_key', id: 'secret.auth_header', starter: /\b(?:Proxy-)?Authorization\b/gi, starterMax: 19, back: 0, reach: 2100,
    term: /\n/g, group: true, check: authCheck,
    re: /(?:Proxy-)?Authorization["']?\s{0,2}[:=]\s{0,3}["']?(?:(Basic|Bearer|Token|Digest|ApiKey|Api-Key|Key|SSWS|GenieKey|Splunk|token)[ \t]+)?([^\s"'`]{6,2000})/dgi,
  }),
  cmd('secret.cli.mysql', '\\b(?:mysql|mariadb)[\\w-]*', `(?:mysql|mariadb)[\\w-]*[^\\n]{0,200}?[ \\t]-p${CMD_VALUE}`),
  cmd('secret.cli.sshpass', '\\bsshpass\\b', `sshpass[ \\t]+-p[ \\t]*${CMD_VALUE}`),
  // curl -u user:pass, also across `\` line continuations and with a quoted password
  cmd('secret.cli.curl_user', '\\b(?:curl|wget|http|https)\\b', `(?:curl|wget|https?)\\b(?:[^\\n]|\\\\\\n){0,300}?[ \\t](?:-u|--user|--http-user|-a|--auth)[ \\t=]*['"]?[^\\s:'"]{0,64}:['"]?([^\\s'"]{1,128})`),
  // net use Z: \\host\share /user:DOMAIN\name PASSWORD (Windows)
  cmd('secret.cli.net_use', '\\bnet\\s+use\\b', `net\\s+use\\b[^\\n]{0,200}?/user:[^\\s]{1,64}[ \\t]+${CMD_VALUE}`),
  cmd('secret.cli.docker_login', '\\b(?:docker|podman|helm|oras)\\s+(?:registry\\s+)?login\\b', `(?:docker|podman|helm|oras)\\s+(?:registry\\s+)?login\\b[^\\n]{0,200}?[ \\t](?:-p|--password)[ \\t=]+${CMD_VALUE}`),
  cmd('secret.cli.redis', '\\bredis-cli\\b', `redis-cli[^\\n]{0,200}?[ \\t](?:-a|--pass)[ \\t]+${CMD_VALUE}`),
  cmd('secret.cli.password_flag', '(?<![\\w-])--(?:password|passwd|pass|http-password|ftp-password|proxy-password|token|api-key|secret)\\b', `--(?:password|passwd|pass|http-password|ftp-password|proxy-password|token|api-key|secret)[ \\t]+${CMD_VALUE}`),
  // .netrc / _netrc: machine <host> login <user> password <secret>
  cmd('secret.netrc', '\\bmachine\\b', `machine[ \\t]+\\S{1,128}[ \\t]+login[ \\t]+\\S{1,128}[ \\t]+password[ \\t]+${CMD_VALUE}`),
  starterRule({
    // A password hash in modular crypt format ($1$ md5, $2b$ bcrypt, $5$/$6$ sha-crypt, $8$/$9$ Cisco,
    // $apr1$, $argon2id$, $krb5asrep$/$krb5tgs$ roastable tickets): an offline-crackable credential.
    kind: 'password', id: 'secret.password_hash', starterMax: 12, back: 0, reach: 4096, term: /[^A-Za-z0-9./$=,+@:*-]/g,
    starter: /(?<![\w$])\$(?:1|2[abxy]?|5|6|7|8|9|y|gy|apr1|md5|sha1|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?|krb5asrep|krb5tgs)\$/g,
    re: /\$(?:1|2[abxy]?|5|6|7|8|9|y|gy|apr1|md5|sha1|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?|krb5asrep|krb5tgs)\$[A-Za-z0-9./$=,+@:*-]{16,4000}/g,
    check: (m) => {
      const body = m[0].slice(m[0].indexOf('$', 1) + 1);
      // hash material: long, mixed classes, not a run of one char (masks) nor a template
      return body.replace(/[^A-Za-z0-9./]/g, '').length >= 16 && hasDigit(body) && /[A-Za-z]/.test(body) && !isPlaceholder(body) && !/(.)\1{7}/.test(body);
    },
  }),
  // password = "...", "password": "...", PGPASSWORD=..., the password is: ..., 密码：..., das Passwort ist ...
  assignment('password', 'secret.password_assignment', PASSWORD_WORDS, false),
  // `token`/`secret` also name ordinary things (NLP tokens): a quoted value must look random too.
  assignment('api_key', 'secret.key_assignment', KEY_WORDS, true),
  starterRule({
    // "log in with jsmith / LrzJGy*2ex@k8^Y", "credentials: admin:S3cret!" — a user and password pair.
    kind: 'password', id: 'secret.login_pair', back: 0, reach: 200, term: /\n/g, starterMax: 14, group: true,
    starter: /\b(?:log(?:-| )?in|sign(?:-| )?in|credentials?|anmelden|connectez-vous|inicia sesión|accedi)\b/gi,
    re: /(?:log(?:-| )?in|sign(?:-| )?in|credentials?|anmelden|connectez-vous|inicia sesión|accedi)\b[^\n]{0,40}?(?:with|as|using|mit|avec|con|com|:)\s+["'`]?[\w.@+-]{1,64}["'`]?\s*(?:\/|:|and password|with password|mit passwort|et mot de passe|y contraseña)\s*["'`]?([^\s"'`]{4,128})/dgi,
    check: (m, src) => {
      const g = firstGroup(m);
      if (!g) return false;
      let [a, e] = g;
      while (e > a && /[.,;:)\]}]/.test(src[e - 1]!)) e--;
      return passwordValue(src.slice(a, e), ':', false, false) ? [a, e] : false;
    },
  }),
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
];
