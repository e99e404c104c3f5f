// Source `crypto-wallets`: checksum-valid cryptocurrency addresses built from random payloads with
// @scure/base and @noble/hashes (audited, dependency-free encoders): Bitcoin P2PKH/P2SH (Base58Check),
// P2WPKH/P2WSH (bech32) and Taproot (bech32m), Litecoin, Dogecoin, Tron, Ethereum with its EIP-55 mixed-case
// checksum (and all-lowercase), Solana (Base58 public key, no checksum). Each in an answer saying where to
// send funds, in several languages and layouts. Every address decodes with its own checksum.
import { bech32, bech32m, createBase58check, base58 } from '@scure/base';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { writeSource } from './lib.js';
import { pick, rng, sensitive, type OutRow } from './output-lib.js';

const b58check = createBase58check(sha256);
const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

function bytes(r: () => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
}

/** EIP-55: a hex letter is upper-case when the matching nibble of keccak256(lower-case address) is >= 8. */
function eip55(addr: string): string {
  const h = hex(keccak_256(new TextEncoder().encode(addr)));
  return '0x' + [...addr].map((c, i) => (/[a-f]/.test(c) && parseInt(h[i] ?? '0', 16) >= 8 ? c.toUpperCase() : c)).join('');
}

type Gen = [coin: string, make: (r: () => number) => string];
const GENS: Gen[] = [
  ['Bitcoin', (r) => b58check.encode(Uint8Array.from([0x00, ...bytes(r, 20)]))],
  ['Bitcoin', (r) => b58check.encode(Uint8Array.from([0x05, ...bytes(r, 20)]))],
  ['Bitcoin', (r) => bech32.encode('bc', [0, ...bech32.toWords(bytes(r, 20))])],
  ['Bitcoin', (r) => bech32.encode('bc', [0, ...bech32.toWords(bytes(r, 32))])],
  ['Bitcoin', (r) => bech32m.encode('bc', [1, ...bech32m.toWords(bytes(r, 32))])],
  ['Litecoin', (r) => b58check.encode(Uint8Array.from([0x30, ...bytes(r, 20)]))],
  ['Litecoin', (r) => bech32.encode('ltc', [0, ...bech32.toWords(bytes(r, 20))])],
  ['Dogecoin', (r) => b58check.encode(Uint8Array.from([0x1e, ...bytes(r, 20)]))],
  ['Tron', (r) => b58check.encode(Uint8Array.from([0x41, ...bytes(r, 20)]))],
  ['Ethereum', (r) => eip55(hex(bytes(r, 20)))],
  ['Ethereum', (r) => '0x' + hex(bytes(r, 20))],
  ['Solana', (r) => base58.encode(bytes(r, 32))],
];
const FRAMES = [
  'Send the {c} payment to {v} and paste the transaction id here.', 'My {c} wallet: {v}', 'Donations ({c}): {v}',
  'Bitte überweisen Sie die {c} an folgende Adresse: {v}', 'Envoyez les {c} à l\'adresse {v}.', 'Envía los {c} a esta dirección: {v}',
  '请将{c}转到这个地址：{v}', '| coin | address |\n|---|---|\n| {c} | {v} |', '{"coin": "{c}", "address": "{v}"}',
  'Withdrawal address for user {u}: {v} ({c})', 'The ransom note asked for {c} to {v}.',
];

export function build(): number {
  const r = rng(59);
  const rows: (OutRow | null)[] = [];
  for (let i = 0; i < 1200; i++) {
    const [coin, make] = GENS[i % GENS.length] as Gen;
    const v = make(r);
    const u = `user${Math.floor(r() * 90000 + 10000)}`;
    rows.push(sensitive(pick(r, FRAMES).replace('{c}', coin).replace('{u}', u).replace('{v}', v), 'crypto', [v]));
  }
  return writeSource({ source: 'crypto-wallets', direction: 'output', repo: 'npm:@scure/base+@noble/hashes', commit: '2.4.0',
    paths: ['generated'], licence: 'MIT (libraries; addresses generated here)',
    note: 'checksum-valid BTC (base58check, bech32, bech32m), LTC, DOGE, TRX, ETH (EIP-55) and SOL addresses from random payloads' },
  rows.filter((x): x is OutRow => x !== null));
}

if (process.argv[1]?.endsWith('output-crypto.ts')) build();
