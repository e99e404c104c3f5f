// Source `prose-creds`: credentials with no vendor prefix, the way an answer would carry them: a token after
// "your token is", connection strings (AccountKey=, Password=), scheme://user:password@host URLs, curl
// --user / -u, Authorization headers (Basic, Bearer, custom), .env and shell lines, CLI flags, passwords in
// prose in ten languages, and PEM private keys built from seeded bytes. The secret is only the
// part that must go (the password, the key material), never the user name or host around it.
import { createPrivateKey } from 'node:crypto';
import { writeSource } from './lib.js';
import { pick, rng, sensitive, type OutRow } from './output-lib.js';

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = ['sunset', 'maple', 'falcon', 'Orange', 'river', 'Tiger', 'winter', 'Galaxy', 'pepper', 'Rocket', 'coffee', 'Dragon',
  'silver', 'Monkey', 'harbor', 'Purple', 'Summer', 'castle', 'Bluebird', 'quartz'];
const USERS = ['admin', 'alice', 'deploy', 'svc_reports', 'jsmith', 'root', 'app_user', 'maria.g', 'ci-bot', 'postgres'];
const HOSTS = ['db.internal.acme.io', '10.0.12.7', 'prod-sql-02.corp.local', 'cache.myshop.net', 'mq.eu-west.example-corp.com',
  'ftp.partner-files.de', 'git.company.org', 'registry.build.intra', 'mongo-0.cluster.svc', 'reports.school-district.us'];

type R = () => number;
const str = (r: R, alphabet: string, n: number): string => Array.from({ length: n }, () => pick(r, [...alphabet])).join('');
const token = (r: R): string => pick(r, [
  () => str(r, B62, 24 + Math.floor(r() * 24)),
  () => str(r, '0123456789abcdef', pick(r, [32, 40, 48])),
  () => `${str(r, B62, 8)}-${str(r, B62, 8)}-${str(r, B62, 16)}`,
  () => str(r, B62 + '+/', 40) + '==',
])();
const password = (r: R): string => pick(r, [
  () => `${pick(r, WORDS)}${Math.floor(r() * 9000 + 1000)}${pick(r, ['!', '#', '$', '?', '*', ''])}`,
  () => `${pick(r, WORDS)}_${pick(r, WORDS).toLowerCase()}${Math.floor(r() * 99)}`,
  () => str(r, B62 + '!@#%^&*', 12 + Math.floor(r() * 8)),
  () => `${pick(r, WORDS)}.${pick(r, WORDS)}.${Math.floor(r() * 100)}`,
])();
const urlSafe = (p: string): string => p.replace(/[@:/?#%]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** [text, kind, secret] builders; each draws its own values. */
const MAKERS: ((r: R) => [string, string, string])[] = [
  (r) => { const t = token(r); return [pick(r, ['Your token is {t}. Keep it private.', 'Here is your API key: {t}', 'Use the access token {t} in the header.',
    'Dein Zugangstoken lautet {t}.', 'Votre clé d\'API est {t}.', 'Tu token de acceso es {t}.', 'Il tuo token è {t}.', 'Seu token é {t}.',
    'Ваш токен доступа: {t}', '您的访问令牌是 {t}', 'アクセストークンは {t} です。', 'The secret for the webhook is {t}.',
    'I generated a new key for you: {t}']).replace('{t}', t), 'api_key', t]; },
  (r) => { const k = str(r, B62 + '+/', 86) + '=='; const a = pick(r, ['acmestorage', 'schoolfiles01', 'reportsprod']);
    return [pick(r, ['DefaultEndpointsProtocol=https;AccountName={a};AccountKey={k};EndpointSuffix=core.windows.net',
      'Set the connection string to "DefaultEndpointsProtocol=https;AccountName={a};AccountKey={k}" in appsettings.json.',
      'AZURE_STORAGE_CONNECTION_STRING="AccountName={a};AccountKey={k};"']).replace('{a}', a).replace('{k}', k), 'connection_string', k]; },
  (r) => { const k = str(r, B62 + '+/', 43) + '='; return [`Endpoint=sb://${pick(r, ['orders', 'events'])}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${k}`, 'connection_string', k]; },
  (r) => { const p = password(r); const u = pick(r, USERS); const h = pick(r, HOSTS);
    return [pick(r, ['Server={h};Database=school;User Id={u};Password={p};', 'Data Source={h};Initial Catalog=Grades;User ID={u};Password={p}',
      'host={h} port=5432 dbname=app user={u} password={p}', 'jdbc:mysql://{h}:3306/app?user={u}&password={p}'])
      .replace('{h}', h).replace('{u}', u).replace('{p}', p), 'connection_string', p]; },
  (r) => { const p = urlSafe(password(r)); const u = pick(r, USERS); const h = pick(r, HOSTS);
    const scheme = pick(r, ['postgresql', 'postgres', 'mysql', 'mongodb+srv', 'redis', 'amqp', 'https', 'ftp', 'smtp', 'sftp']);
    return [pick(r, ['Connect with {url}', 'DATABASE_URL={url}', 'The broker URL is `{url}`.', 'git clone {url}', 'Verbinde dich mit {url}.',
      'pip install --index-url {url}/simple mypkg']).replace('{url}', `${scheme}://${u}:${p}@${h}${scheme.startsWith('http') ? '/repo.git' : '/app'}`),
      'url_credentials', p]; },
  (r) => { const p = password(r); const u = pick(r, USERS); const h = pick(r, HOSTS);
    return [pick(r, ['curl --user {u}:{p} https://{h}/api/v1/export', 'curl -u "{u}:{p}" -X POST https://{h}/upload',
      'wget --user={u} --password={p} ftp://{h}/backup.tar.gz', 'mysql -h {h} -u {u} -p{p} school', 'sshpass -p \'{p}\' ssh {u}@{h}',
      'docker login -u {u} -p {p} {h}', 'docker run -e POSTGRES_PASSWORD={p} -d postgres:16', 'net use Z: \\\\{h}\\share /user:{u} {p}'])
      .replaceAll('{u}', u).replaceAll('{p}', p).replaceAll('{h}', h), 'password', p]; },
  (r) => { const u = pick(r, USERS); const p = password(r); const b = Buffer.from(`${u}:${p}`).toString('base64');
    return [pick(r, ['Authorization: Basic {b}', 'Add the header `Authorization: Basic {b}` to every request.', 'headers = {"Authorization": "Basic {b}"}'])
      .replace('{b}', b), 'password', b]; },
  (r) => { const t = token(r); return [pick(r, ['Authorization: Bearer {t}', 'X-API-Key: {t}', 'curl -H "Authorization: Token {t}" https://api.internal/v2/users',
    'requests.get(url, headers={"X-Auth-Token": "{t}"})', 'fetch(url, { headers: { Authorization: `Bearer {t}` } })']).replace('{t}', t), 'api_key', t]; },
  (r) => { const v = pick(r, [password(r), token(r)]); return [pick(r, ['DB_PASSWORD={v}', 'export SECRET_KEY="{v}"', 'SMTP_PASS={v}',
    'SECRET_KEY = \'{v}\'', 'app.config["SECRET_KEY"] = "{v}"', '//npm.pkg.internal/:_authToken={v}', 'spring.datasource.password={v}',
    'password: {v}', '"client_secret": "{v}"', 'JWT_SECRET={v}']).replace('{v}', v), 'password', v]; },
  (r) => { const p = password(r); const u = pick(r, USERS); return [pick(r, [
    'The password for {u} is {p}.', 'I have reset your password; it is now {p}.', 'Log in with {u} / {p} and change it right away.',
    'Das Passwort für den Account {u} lautet {p}.', 'Le mot de passe du compte {u} est {p}.', 'La contraseña de {u} es {p}.',
    'La password di {u} è {p}.', 'A senha do usuário {u} é {p}.', 'Het wachtwoord van {u} is {p}.', 'Hasło użytkownika {u} to {p}.',
    'Пароль пользователя {u}: {p}', '用户 {u} 的密码是 {p}', '{u} のパスワードは {p} です。', 'The Wi-Fi password is {p}.'])
    .replace('{u}', u).replace('{p}', p), 'password', p]; },
];

/** PEM private keys from seeded bytes (node:crypto cannot seed key generation): Ed25519 and P-256 keys are
 * built from a 32-byte private scalar and re-exported by node:crypto, so they parse; "RSA" blocks are a
 * PKCS#1 header with seeded Base64 of the usual length (the guard never parses the key). */
function pemKeys(r: R, n: number): [string, string, string][] {
  const out: [string, string, string][] = [];
  const seed = (): Buffer => Buffer.from(Array.from({ length: 32 }, () => Math.floor(r() * 256)));
  for (let i = 0; i < n; i++) {
    let pem: string;
    const type = i % 3;
    if (type === 0) {
      const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed()]);
      pem = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
    } else if (type === 1) {
      const der = Buffer.concat([Buffer.from('30310201010420', 'hex'), seed(), Buffer.from('a00a06082a8648ce3d030107', 'hex')]);
      pem = createPrivateKey({ key: der, format: 'der', type: 'sec1' }).export({ type: pick(r, ['pkcs8', 'sec1'] as const), format: 'pem' }).toString();
    } else {
      const b64 = 'MIICXQIBAAKBgQ' + str(r, B62 + '+/', 798) + '==';
      pem = `-----BEGIN RSA PRIVATE KEY-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END RSA PRIVATE KEY-----`;
    }
    pem = pem.trim();
    const body = pem.split('\n').slice(1, -1).join('\n');
    out.push([pick(r, ['Here is the deploy key:\n\n```\n{k}\n```', '{k}', 'Save this as id_key and chmod 600 it:\n{k}']).replace('{k}', pem), 'private_key', body]);
  }
  return out;
}

export function build(): number {
  const r = rng(61);
  const rows: (OutRow | null)[] = [];
  for (let i = 0; i < 1700; i++) {
    const make = MAKERS[i % MAKERS.length] as (r: R) => [string, string, string];
    const [text, kind, secret] = make(r);
    rows.push(sensitive(text, kind, [secret]));
  }
  for (const [text, kind, secret] of pemKeys(r, 60)) rows.push(sensitive(text, kind, [secret]));
  return writeSource({ source: 'prose-creds', direction: 'output', repo: 'generated', commit: 'seed-61', paths: ['output-prose-creds.ts'],
    licence: 'n/a (generated here)', note: 'unprefixed tokens, connection strings, URL credentials, CLI flags, auth headers, env lines, passwords in 13 languages, PEM keys' },
  rows.filter((x): x is OutRow => x !== null));
}

if (process.argv[1]?.endsWith('output-prose-creds.ts')) build();
