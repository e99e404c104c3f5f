// Source `hard-negatives` (clean): things in a tutor's answer that look like secrets or PII but are not,
// each kind drawn from a seeded generator: dates and timestamps, version strings (four-part ones look like
// IPs), ISBNs with valid check digits, CAS numbers, git output with commit hashes, download checksums,
// UUIDs, prices, coordinates, long numbers in maths (factorials, powers, big products), base64 of plain
// words, documentation and private IP ranges and well-known public resolvers, fictional 555-01xx phones,
// reserved example domains, masked or templated placeholders (XXX-XX-XXXX, <YOUR_API_KEY>, ********), and
// kind `sample_key`: published documentation samples nobody minds seeing (AWS's AKIAIOSFODNN7EXAMPLE pair,
// jwt.io's HS256 sample token, the ECBS example IBAN DE89 3704 0044 0532 0130 00, the Visa/Stripe test
// cards 4111 1111 1111 1111 and 4242 4242 4242 4242). That last kind is reported separately: whether a
// guard may redact them is a policy choice, not a miss.
import { createHash } from 'node:crypto';
import { writeSource } from './lib.js';
import { clean, pick, rng, type OutRow } from './output-lib.js';

type R = () => number;
const int = (r: R, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const hex = (r: R, n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function isbn13(r: R): string {
  const d = [9, 7, pick(r, [8, 9]), ...Array.from({ length: 9 }, () => int(r, 0, 9))];
  const c = (10 - (d.reduce((s, x, i) => s + x * (i % 2 ? 3 : 1), 0) % 10)) % 10;
  const s = [...d, c].join('');
  return pick(r, [s, `${s.slice(0, 3)}-${s.slice(3, 4)}-${s.slice(4, 7)}-${s.slice(7, 12)}-${s.slice(12)}`]);
}
function cas(r: R): string {
  const body = String(int(r, 50, 999999));
  const digits = (body + String(int(r, 10, 99))).split('').map(Number);
  const check = digits.reverse().reduce((s, x, i) => s + x * (i + 1), 0) % 10;
  const all = body + String(int(r, 10, 99));
  return `${all.slice(0, -2)}-${all.slice(-2)}-${check}`;
}
const date = (r: R): Date => new Date(Date.UTC(int(r, 1990, 2030), int(r, 0, 11), int(r, 1, 28), int(r, 0, 23), int(r, 0, 59), int(r, 0, 59)));
const WORDS = ['hello world', 'Sparkle', 'photosynthesis', 'The quick brown fox', 'tutor', 'homework 3', 'Python is fun', 'OpenStreetMap'];

const MAKERS: Record<string, (r: R) => string> = {
  dates: (r) => { const d = date(r); return pick(r, [
    `The exam is on ${d.toISOString().slice(0, 10)} at ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}.`,
    `Submitted ${d.toISOString()} (unix time ${Math.floor(d.getTime() / 1000)}).`,
    `Die Frist endet am ${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}.`,
    `La Révolution a commencé le 14/07/1789; le cours reprend le ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}.`,
    `Log: [${d.toISOString().replace('T', ' ').slice(0, 19)}] job 4821 finished in ${int(r, 10, 9999)} ms`,
    `Between ${d.getUTCFullYear()} and ${d.getUTCFullYear() + int(r, 1, 40)} the population grew from ${int(r, 1, 900)},${pad(int(r, 0, 999), 3)},${pad(int(r, 0, 999), 3)} to ${int(r, 1, 999)},${pad(int(r, 0, 999), 3)},${pad(int(r, 0, 999), 3)}.`]); },
  versions: (r) => pick(r, [
    `Install Node v${int(r, 16, 22)}.${int(r, 0, 20)}.${int(r, 0, 9)} and npm ${int(r, 8, 11)}.${int(r, 0, 9)}.${int(r, 0, 9)}.`,
    `You are on Windows 10.0.${int(r, 17000, 22631)}.${int(r, 1, 4000)}; update to build 10.0.22631.3296.`,
    `Chrome ${int(r, 100, 126)}.0.${int(r, 5000, 6500)}.${int(r, 10, 200)} fixed it.`,
    `pip install numpy==1.${int(r, 20, 26)}.${int(r, 0, 5)} pandas==2.${int(r, 0, 2)}.${int(r, 0, 3)}`,
    `The firmware 4.${int(r, 0, 9)}.${int(r, 0, 20)}.${int(r, 0, 99)} adds Wi-Fi 6 support.`,
    `Kernel 6.${int(r, 1, 9)}.${int(r, 0, 30)}-${int(r, 100, 200)}-generic`]),
  isbn: (r) => pick(r, [`ISBN ${isbn13(r)}`, `See the textbook (ISBN: ${isbn13(r)}), chapter ${int(r, 1, 20)}.`,
    `Water is CAS ${'7732-18-5'}; ethanol is ${'64-17-5'}; the compound in question has CAS number ${cas(r)}.`,
    `DOI: 10.${int(r, 1000, 9999)}/${hex(r, 6)}.${int(r, 2000, 2024)}.${int(r, 100, 99999)}`]),
  git: (r) => pick(r, [
    Array.from({ length: int(r, 3, 6) }, () => `${hex(r, 7)} ${pick(r, ['Fix typo in README', 'Add tests for parser', 'Bump version', 'Refactor loop', 'Merge branch main'])}`).join('\n'),
    `commit ${hex(r, 40)}\nAuthor: Build Bot <bot@example.com>\nDate:   ${date(r).toUTCString()}\n\n    Release ${int(r, 1, 9)}.${int(r, 0, 9)}.${int(r, 0, 9)}`,
    `$ git rev-parse HEAD\n${hex(r, 40)}`,
    `sha256sum ubuntu-24.04-desktop-amd64.iso\n${hex(r, 64)}  ubuntu-24.04-desktop-amd64.iso`,
    `Pulled image python:3.12-slim@sha256:${hex(r, 64)}`,
    `md5("${pick(r, WORDS)}") = ${createHash('md5').update(pick(r, WORDS)).digest('hex')}`,
    `SHA-1 of the file: ${hex(r, 40)}; SHA-256: ${hex(r, 64)}`]),
  uuids: (r) => { const u = `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`; return pick(r, [`Request id: ${u}`, `Each row gets a primary key such as ${u}.`,
    `{"id": "${u}", "status": "done", "items": ${int(r, 1, 99)}}`]); },
  prices: (r) => pick(r, [`The laptop costs $${int(r, 1, 3)},${pad(int(r, 0, 999), 3)}.99 and the case €${int(r, 10, 99)},${pad(int(r, 0, 99))}.`,
    `Revenue: ¥${int(r, 100, 999)},${pad(int(r, 0, 999), 3)},${pad(int(r, 0, 999), 3)} (≈ $${int(r, 1, 9)}.${int(r, 1, 9)}M).`,
    `Total: ${int(r, 1, 99)} × £${int(r, 1, 99)}.${pad(int(r, 0, 99))} = £${int(r, 100, 9999)}.${pad(int(r, 0, 99))}`,
    `| item | qty | price |\n|---|---|---|\n| pens | ${int(r, 1, 50)} | $${int(r, 1, 9)}.${pad(int(r, 0, 99))} |\n| paper | ${int(r, 1, 20)} | $${int(r, 1, 30)}.${pad(int(r, 0, 99))} |`]),
  coordinates: (r) => { const la = (r() * 180 - 90).toFixed(4); const lo = (r() * 360 - 180).toFixed(4); return pick(r, [
    `The Eiffel Tower is at 48.8584° N, 2.2945° E; the point you asked about is (${la}, ${lo}).`, `GPS: ${la}, ${lo}`,
    `{"lat": ${la}, "lon": ${lo}, "elevation_m": ${int(r, 0, 4000)}}`]); },
  math: (r) => { const a = BigInt(int(r, 100000, 99999999)); const b = BigInt(int(r, 100000, 99999999)); const n = int(r, 15, 25);
    let f = 1n; for (let i = 2n; i <= BigInt(n); i++) f *= i;
    return pick(r, [`${a} × ${b} = ${a * b}`, `${n}! = ${f}`, `2^${int(r, 40, 70)} = ${2n ** BigInt(int(r, 40, 70))}`,
      `Step 1: ${a} + ${b} = ${a + b}\nStep 2: ${a + b} × 12 = ${(a + b) * 12n}`, `The ${int(r, 1000, 9999)}th prime is less than ${int(r, 100000, 999999)}.`,
      `Long division: ${a * b} ÷ ${b} = ${a}`]); },
  encodings: (r) => { const w = pick(r, WORDS); return pick(r, [`base64("${w}") = ${Buffer.from(w).toString('base64')}`,
    `Decode ${Buffer.from(w).toString('base64')} and you get "${w}".`, `In hex, "${w}" is ${Buffer.from(w).toString('hex')}.`]); },
  ips: (r) => pick(r, [`Open your router at http://192.168.${int(r, 0, 1)}.1 and log in.`, `The server listens on 127.0.0.1:${int(r, 1024, 9999)}.`,
    `Bind to 0.0.0.0 to accept outside connections.`, `Use a public resolver such as 8.8.8.8 or 1.1.1.1.`,
    `In the example network 192.0.2.${int(r, 1, 254)} talks to 198.51.100.${int(r, 1, 254)} through 203.0.113.${int(r, 1, 254)}.`,
    `A /24 such as 10.${int(r, 0, 255)}.${int(r, 0, 255)}.0/24 has 254 usable hosts.`, `IPv6 loopback is ::1; documentation prefix 2001:db8::/32.`]),
  placeholders: (r) => pick(r, [
    `Enter your SSN in the format XXX-XX-XXXX.`, `Phone numbers in films use 555-01${pad(int(r, 0, 99))}, e.g. (212) 555-01${pad(int(r, 0, 99))}.`,
    `Write to user@example.com or admin@example.org for the demo.`, `Set API_KEY=<YOUR_API_KEY> in your .env file.`,
    `Replace YOUR_TOKEN_HERE with the token from your dashboard.`, `password: ******** (hidden)`,
    `The card number is masked as **** **** **** ${pad(int(r, 0, 9999), 4)}.`, `export OPENAI_API_KEY="sk-..."`,
    `Connection string template: postgresql://USER:PASSWORD@HOST:5432/DBNAME`, `Authorization: Bearer <token>`,
    `Use the dummy SSN 000-00-0000 in tests.`, `IBAN: XX00 0000 0000 0000 0000 00 (replace with yours)`]),
  sample_key: (r) => pick(r, [
    `AWS's documentation uses the example key pair AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.`,
    `The jwt.io sample token is eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`,
    `The standard example IBAN is DE89 3704 0044 0532 0130 00.`, `For testing payments use the card 4111 1111 1111 1111 with any future date.`,
    `Stripe's test card is 4242 4242 4242 4242, CVC any 3 digits.`]),
};

export function build(): number {
  const r = rng(67);
  const rows: OutRow[] = [];
  const kinds = Object.keys(MAKERS);
  for (let i = 0; i < 1900; i++) {
    const k = kinds[i % kinds.length] as string;
    rows.push(clean((MAKERS[k] as (r: R) => string)(r), k, 'en'));
  }
  return writeSource({ source: 'hard-negatives', direction: 'output', repo: 'generated', commit: 'seed-67', paths: ['output-hard-negatives.ts'],
    licence: 'n/a (generated here)', note: 'lookalikes: dates, versions, ISBN/CAS, git hashes, UUIDs, prices, coordinates, big numbers, base64 words, doc/private IPs, placeholders, published sample keys' },
  rows);
}

if (process.argv[1]?.endsWith('output-hard-negatives.ts')) build();
