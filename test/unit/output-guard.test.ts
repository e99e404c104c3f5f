import { describe, expect, it } from 'vitest';
// Seeded PRNG so a failing split can be replayed.
import { makeRng } from '../../scripts/security-training/synth-lib.js';
import { redactOutput, StreamingRedactor } from '../../activities/security/output/engine.js';
import { cardValid, cnIdValid, ibanValid, luhn, ssnValid } from '../../activities/security/output/validators.js';
import { placeholder, type OutputKind } from '../../activities/security/types.js';

const rnd = makeRng(20240611);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const rs = (n: number, cs = ALNUM) => Array.from({ length: n }, () => cs[Math.floor(rnd() * cs.length)]).join('');
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

const keyBody = [rs(64, ALNUM + '+/'), rs(64, ALNUM + '+/'), rs(40, ALNUM + '+/') + '=='].join('\n');
const jwt = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'u-7', role: 'teacher' })}.${rs(43, ALNUM + '_-')}`;

/** [text, kind, ruleId prefix, the secret that must disappear] */
const POSITIVES: [string, OutputKind, string, string][] = (
  [
    ['api_key', 'secret.openai', `sk-${rs(20)}T3BlbkFJ${rs(20)}`, (s: string) => `Your key: ${s}`],
    ['api_key', 'secret.openai', `sk-proj-${rs(40)}_${rs(30)}`, (s: string) => `OPENAI_API_KEY=${s}`],
    ['api_key', 'secret.openai', `sk-svcacct-${rs(48)}`, (s: string) => `service account ${s} (rotate it)`],
    ['api_key', 'secret.anthropic', `sk-ant-api03-${rs(80)}-${rs(12)}`, (s: string) => `client = Anthropic(api_key="${s}")`],
    ['api_key', 'secret.aws_access_key_id', `AKIA${rs(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, (s: string) => `id ${s}.`],
    ['api_key', 'secret.aws_access_key_id', `ASIA${rs(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, (s: string) => `temp creds ${s}`],
    ['api_key', 'secret.aws_secret_key', `${rs(18)}/${rs(9)}+${rs(11)}`, (s: string) => `AWS secret access key: ${s}`],
    ['api_key', 'secret.github', `ghp_${rs(36)}`, (s: string) => `git remote uses ${s}`],
    ['api_key', 'secret.github', `gho_${rs(36)}`, (s: string) => `oauth ${s}`],
    ['api_key', 'secret.github', `github_pat_11${rs(20)}_${rs(59)}`, (s: string) => `PAT: ${s}`],
    ['api_key', 'secret.slack', `xoxb-${rs(12, '0123456789')}-${rs(13, '0123456789')}-${rs(24)}`, (s: string) => `bot ${s}`],
    ['api_key', 'secret.slack', `xoxp-${rs(11, '0123456789')}-${rs(11, '0123456789')}-${rs(32).toLowerCase()}1`, (s: string) => `user ${s}`],
    [
      'api_key',
      'secret.slack_webhook',
      `https://hooks.slack.com/services/T${rs(8, 'ABCDEFGH0123456789')}/B${rs(10, 'ABCDEFGH0123456789')}/${rs(24)}`,
      (s: string) => `POST to ${s} with JSON`,
    ],
    ['api_key', 'secret.stripe', `sk_live_${rs(24)}`, (s: string) => `Stripe: ${s}`],
    ['api_key', 'secret.stripe', `rk_test_${rs(30)}`, (s: string) => `restricted ${s}`],
    ['api_key', 'secret.google', `AIza${rs(35, ALNUM + '_-')}`, (s: string) => `maps key ${s} in index.html`],
    ['jwt', 'secret.jwt', jwt, (s: string) => `Cookie: session=${s}; Path=/`],
    ['private_key', 'secret.private_key', keyBody, (s: string) => `-----BEGIN RSA PRIVATE KEY-----\n${s}\n-----END RSA PRIVATE KEY-----`],
    [
      'private_key',
      'secret.private_key',
      keyBody,
      (s: string) => `\`\`\`\n-----BEGIN OPENSSH PRIVATE KEY-----\n${s}\n-----END OPENSSH PRIVATE KEY-----\n\`\`\``,
    ],
    ['private_key', 'secret.private_key', keyBody, (s: string) => `-----BEGIN EC PRIVATE KEY-----\n${s}\n-----END EC PRIVATE KEY-----`],
    [
      'private_key',
      'secret.private_key',
      keyBody,
      (s: string) => `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${s}\n-----END PGP PRIVATE KEY BLOCK-----`,
    ],
    ['password', 'secret.password_assignment', 'Gr4ss!Hopper', (s: string) => `password = "${s}"`],
    ['password', 'secret.password_assignment', 'Gr4ss!Hopper', (s: string) => `{"user": "kim", "password": "${s}"}`],
    ['password', 'secret.password_assignment', 'Blue7Whale9', (s: string) => `The wifi password is ${s}.`],
    ['password', 'secret.password_assignment', 'Blue7Whale9', (s: string) => `passwd: ${s}`],
    ['password', 'secret.password_assignment', 'Blue7Whale9', (s: string) => `PGPASSWORD=${s} psql -U app`],
    ['password', 'secret.password_assignment', 'Blue7Whale9', (s: string) => `MYSQL_PWD=${s}`],
    ['password', 'secret.password_assignment', 'Blue7Whale9', (s: string) => `密码：${s}`],
    ['password', 'secret.cli.mysql', 'Sh4rk#Bay', (s: string) => `mysql -u root -p${s} school`],
    ['password', 'secret.cli.password_flag', 'Sh4rk#Bay', (s: string) => `mysqldump --password ${s} db > dump.sql`],
    ['password', 'secret.password_assignment', 'Sh4rk#Bay', (s: string) => `psql --password=${s}`],
    ['password', 'secret.cli.sshpass', 'Sh4rk#Bay', (s: string) => `sshpass -p '${s}' ssh pi@raspberry`],
    ['password', 'secret.cli.curl_user', 'Sh4rk#Bay', (s: string) => `curl -u admin:${s} https://api.internal/v1`],
    ['api_key', 'secret.key_assignment', 'a8f5f167f44f4964e6c998dee827110c', (s: string) => `SECRET_KEY = '${s}'`],
    ['connection_string', 'secret.connection_string', 'pg-S3cret-99', (s: string) => `postgres://app:${s}@db.internal:5432/main`],
    ['connection_string', 'secret.connection_string', 'm0ngoPw', (s: string) => `mongodb+srv://dev:${s}@cluster0.ab12c.mongodb.net/test`],
    ['connection_string', 'secret.connection_string', 'r3dis!', (s: string) => `redis://:${s}@cache:6379/0`],
    ['connection_string', 'secret.connection_string', 'rabbitPw1', (s: string) => `amqp://worker:${s}@mq:5672/`],
    ['connection_string', 'secret.connection_string', 'p@ss-word1', (s: string) => `mysql://root:${s}@localhost:3306/app`],
    ['credit_card', 'pii.card.luhn', '4111 1111 1111 1111', (s: string) => `Card on file: ${s}.`],
    ['credit_card', 'pii.card.luhn', '5555-5555-5555-4444', (s: string) => `MC ${s}, exp 10/29`],
    ['credit_card', 'pii.card.luhn', '378282246310005', (s: string) => `Amex ${s}`],
    ['credit_card', 'pii.card.luhn', '3782 822463 10005', (s: string) => `Amex ${s}`],
    ['iban', 'pii.iban.mod97', 'GB29 NWBK 6016 1331 9268 19', (s: string) => `IBAN ${s}, BIC NWBKGB2L`],
    ['iban', 'pii.iban.mod97', 'FR1420041010050500013M02606', (s: string) => `Virement: ${s}`],
    ['iban', 'pii.iban.mod97', 'NL91ABNA0417164300', (s: string) => `pay ${s} today`],
    ['cn_id', 'pii.cn_id.checksum', '11010519491231002X', (s: string) => `身份证号码：${s}`],
    ['cn_id', 'pii.cn_id.checksum', '31011520050714007X', (s: string) => `ID ${s} (student)`],
    ['ssn', 'pii.ssn', '219-09-9999', (s: string) => `SSN ${s}`],
    ['ssn', 'pii.ssn.context', '219 09 9999', (s: string) => `Social Security number: ${s}`],
    ['email', 'pii.email', 'wang.fang+hw@mail.tsinghua.edu.cn', (s: string) => `Email ${s} for the notes.`],
    ['email', 'pii.email', 'Lucy_88@Hotmail.com', (s: string) => `(${s})`],
    ['phone', 'pii.phone.cn_mobile', '+86 139 1234 5678', (s: string) => `call ${s}.`],
    ['phone', 'pii.phone.cn_mobile', '18612345678', (s: string) => `手机号${s}，谢谢`],
    ['phone', 'pii.phone.cn_landline', '010-62751234', (s: string) => `office ${s}`],
    ['phone', 'pii.phone.intl', '+44 20 7946 0958', (s: string) => `London: ${s}`],
    ['phone', 'pii.phone.intl', '+1 415 555 2671', (s: string) => `US: ${s}`],
    ['phone', 'pii.phone.nanp', '(212) 555-0187', (s: string) => `front desk ${s}`],
  ] as const
).map(([kind, rule, secret, wrap]) => [wrap(secret), kind, rule, secret]);

const NEGATIVES = [
  'Card 4111 1111 1111 1112 fails the Luhn check.',
  'The tracking number is 4111111111111112.',
  'Your order number is 4111-2023-0042.',
  'IBAN GB29 NWBK 6016 1331 9268 18 has a bad check digit.',
  'ID 11010519491231002Y and 110105194912310021 have bad checksums; 110105194913310027 has no 13th month.',
  'Invalid SSNs: 000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567, 123-45-0000.',
  '12345 + 67890 = 80235, and 2^64 = 18446744073709551616.',
  '2^53 = 9007199254740992; 20! = 2432902008176640000; 4111111111111111 mod 7 = 6',
  'Multiply 123456789 by 9 to get 1111111101.',
  'UUID 123e4567-e89b-12d3-a456-426614174000 and f47ac10b-58cc-4372-a567-0e02b2c3d479.',
  'Commit 3f786850e387550fdab836ed7d6dc881de23001b, SHA-256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.',
  'Colours #ff8800 and #1E90FF; version 2.14.3-beta.1; Python 3.12.1; IP 192.168.1.100.',
  'The ISBN is 978-3-16-148410-0; pages 345-367; 1,234,567 people; 299 792 458 m/s.',
  'In 1969, 600 million people watched; call 110 or 120 in China; price $1299.99.',
  'Set OPENAI_API_KEY in the environment: api_key = os.environ["OPENAI_API_KEY"].',
  'export API_KEY=<your key here> and PASSWORD=${DB_PASSWORD}',
  'password = input("Password: ") and if password == user.password: ...',
  'The password should be at least 12 characters. Password: required.',
  'A JWT has three parts: header.payload.signature, like xxxxx.yyyyy.zzzzz.',
  'Connect with postgres://user:password@host:5432/db using your own values.',
  'Example address: name@domain.com or user@example.com; clone git@github.com:org/repo.git.',
  'A private key file begins with -----BEGIN PRIVATE KEY-----.',
  'max_tokens=4096, tokenizer = "gpt2", bypass = True, sk-learn is not a package.',
  '三角形内角和为180度。今年是2024年。',
];

describe('redactOutput: sensitive output', () => {
  it.each(POSITIVES)('%s', (text, kind, rule, secret) => {
    const v = redactOutput(text);
    for (const line of secret.split('\n')) expect(v.text).not.toContain(line);
    expect(v.text).toContain(placeholder(kind));
    expect(v.redactions).toContainEqual({ kind, ruleId: rule });
  });

  it('replaces only the password part of a connection string and keeps the surrounding text', () => {
    expect(redactOutput('url: postgres://admin:Zx9!q@db:5432/app now').text).toBe(`url: postgres://admin:${placeholder('connection_string')}@db:5432/app now`);
  });

  it('merges overlapping findings into one placeholder', () => {
    const key = `sk-proj-${rs(48)}`;
    const v = redactOutput(`api_key = "${key}"`);
    expect(v.text).toBe(`api_key = "${placeholder('api_key')}"`);
    expect(v.redactions).toEqual([{ kind: 'api_key', ruleId: 'secret.openai' }]);
  });
});

describe('redactOutput: near misses stay byte-identical', () => {
  it.each(NEGATIVES)('%s', (text) => {
    const v = redactOutput(text);
    expect(v.text).toBe(text);
    expect(v.redactions).toEqual([]);
  });
});

describe('redactOutput: active markup', () => {
  it('escapes script, iframe and event-handler tags but keeps the prose and harmless tags', () => {
    const v = redactOutput('Avoid <script>alert(1)</script>, <iframe src="//x"></iframe> and <img src=x onerror=alert(1)>. Use <b>bold</b>; 3 < 5.');
    expect(v.text).toBe(
      'Avoid &lt;script&gt;alert(1)&lt;/script&gt;, &lt;iframe src="//x"&gt;&lt;/iframe&gt; and &lt;img src=x onerror=alert(1)&gt;. Use <b>bold</b>; 3 < 5.',
    );
    expect(v.redactions.every((r) => r.kind === 'xss')).toBe(true);
  });

  it('neutralises javascript: URLs in links but not the words', () => {
    const v = redactOutput('Never write [click](javascript:alert(1)); javascript: URLs run code.');
    expect(v.text).toBe(`Never write [click](${placeholder('xss')}alert(1)); javascript: URLs run code.`);
  });

  it('leaves markup inside code fences and inline code readable', () => {
    const text = 'Example:\n```html\n<script src="app.js"></script>\n<button onclick="go()">Go</button>\n```\nThe `<script>` tag loads code.';
    expect(redactOutput(text).text).toBe(text);
  });

  it('escapes markup again after the fence closes', () => {
    expect(redactOutput('```\n<b>\n```\n<svg onload=alert(1)>').text).toBe('```\n<b>\n```\n&lt;svg onload=alert(1)&gt;');
  });
});

describe('validators', () => {
  it('luhn, cards, IBAN, CN ID, SSN', () => {
    expect(luhn('79927398713')).toBe(true);
    expect(luhn('79927398710')).toBe(false);
    expect(cardValid('6011 1111 1111 1117')).toBe(true);
    expect(cardValid('4111 11111 1111 111')).toBe(false); // wrong grouping
    expect(cardValid('9783161484100')).toBe(false); // ISBN-13: no card issuer
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE8937040044053201300')).toBe(false); // length of DE is 22
    expect(cnIdValid('11010519491231002X')).toBe(true);
    expect(cnIdValid('99010519491231002X')).toBe(false); // no such province
    expect(ssnValid('219-09-9999')).toBe(true);
    expect(ssnValid('987-65-4321')).toBe(false);
  });
});

// ---------------------------------------------------------------- streaming

function streamSplit(text: string, sizes: () => number): { out: string; chunks: string[]; r: StreamingRedactor } {
  const r = new StreamingRedactor();
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const n = sizes();
    chunks.push(r.push(text.slice(i, i + n)));
    i += n;
  }
  chunks.push(r.end());
  return { out: chunks.join(''), chunks, r };
}

const FILLER = [
  'Photosynthesis turns light into chemical energy. ',
  '12345 + 67890 = 80235. ',
  'UUID 123e4567-e89b-12d3-a456-426614174000. ',
  '```html\n<script>alert(1)</script>\n```\n',
  'Avoid <img src=x onerror=alert(1)> here. ',
  'Inline `<b>` is fine. ',
  '\n\n',
  'a<b and c>d ',
  'name@domain.com is an example. ',
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  'the password should be long. ',
  '三角形内角和为180度。',
];

function corpus(n: number): { text: string; secrets: string[] }[] {
  const out: { text: string; secrets: string[] }[] = [];
  for (let k = 0; k < n; k++) {
    let text = '';
    const secrets: string[] = [];
    const parts = 1 + Math.floor(rnd() * 8);
    for (let p = 0; p < parts; p++) {
      if (rnd() < 0.5) {
        const [t, , , s] = POSITIVES[Math.floor(rnd() * POSITIVES.length)]!;
        text += t + (rnd() < 0.5 ? ' ' : '\n');
        secrets.push(...s.split('\n'));
      } else text += FILLER[Math.floor(rnd() * FILLER.length)];
    }
    out.push({ text, secrets });
  }
  return out;
}

describe('StreamingRedactor', () => {
  const texts = [...corpus(150), ...NEGATIVES.map((text) => ({ text, secrets: [] }))];
  const splitters: [string, () => () => number][] = [
    ['1-char', () => () => 1],
    ['1-5 chars', () => () => 1 + Math.floor(rnd() * 5)],
    ['1-40 chars', () => () => 1 + Math.floor(rnd() * 40)],
    ['1-400 chars', () => () => 1 + Math.floor(rnd() * 400)],
  ];

  it.each(splitters)('equals redactOutput for any split (%s deltas)', (_name, make) => {
    for (const { text } of texts) {
      const want = redactOutput(text);
      for (let k = 0; k < 3; k++) {
        const { out, r } = streamSplit(text, make());
        expect(out, JSON.stringify(text)).toBe(want.text);
        expect(r.redactions).toEqual(want.redactions);
      }
    }
  });

  it('never emits any 4+ char piece of a secret, whatever the split', () => {
    for (const { text, secrets } of texts.slice(0, 60)) {
      const { chunks } = streamSplit(text, () => 1 + Math.floor(rnd() * 7));
      let emitted = '';
      for (const c of chunks) {
        emitted += c;
        for (const s of secrets) {
          for (let i = 0; i + 4 <= s.length; i += 2) {
            const piece = s.slice(i, i + 4);
            if (text.split(s).join('').includes(piece)) continue; // also occurs outside the secret
            expect(emitted.includes(piece), `${piece} of ${s}`).toBe(false);
          }
        }
      }
    }
  });

  it('holds a secret split across two deltas until it is complete', () => {
    for (const [text, , , secret] of POSITIVES) {
      const at = text.indexOf(secret.split('\n')[0]!);
      for (const cut of [at + 1, at + 3, at + Math.floor(secret.length / 2), at + secret.length - 1]) {
        const r = new StreamingRedactor();
        const first = r.push(text.slice(0, cut));
        expect(text.slice(at, cut).length < 4 || !first.includes(text.slice(at, cut))).toBe(true);
        expect(first + r.push(text.slice(cut)) + r.end()).toBe(redactOutput(text).text);
      }
    }
  });

  it('releases ordinary text with a bounded holdback', () => {
    const r = new StreamingRedactor();
    let out = '';
    const text = 'The mitochondria is the powerhouse of the cell. '.repeat(40);
    for (let i = 0; i < text.length; i += 4) out += r.push(text.slice(i, i + 4));
    expect(text.length - out.length).toBeLessThan(160);
    expect(out + r.end()).toBe(text);
  });

  it('holds an open private key block until its END line', () => {
    const r = new StreamingRedactor();
    let out = r.push('Key:\n-----BEGIN RSA PRIVATE KEY-----\n');
    for (let i = 0; i < 20; i++) out += r.push(rs(64, ALNUM + '+/') + '\n');
    expect(out).toBe('Key:\n');
    out += r.push('-----END RSA PRIVATE KEY-----\nDone.') + r.end();
    expect(out).toBe(`Key:\n${placeholder('private_key')}\nDone.`);
  });

  it('rejects push after end', () => {
    const r = new StreamingRedactor();
    r.end();
    expect(() => r.push('x')).toThrow();
  });
});
