// The output guard's recognisers beyond the original set: national IDs (checksum-valid and invalid),
// passports and licences by context word, phones of other regions, unusual SSN layouts, crypto addresses,
// unprefixed credentials, IPs, addresses and account numbers — each with near misses that must stay as
// they are. Cases come from the formats' specifications, not from any corpus.
import { createHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { base58, bech32 } from '@scure/base';
import { describe, expect, it } from 'vitest';
// Seeded PRNG so a failing split can be replayed.
import { makeRng } from '../../scripts/security-training/synth-lib.js';
import { redactOutput } from '../../activities/security/output/engine.js';
import { medicareValid, nhsValid, nricValid, ukLicenceValid } from '../../activities/security/output/rules/id-checks.js';
import { entropy, sequential, tokenLike } from '../../activities/security/output/validators.js';
import { placeholder } from '../../activities/security/types.js';
import { FOUND, KEPT } from './output-fixtures.js';

const rnd = makeRng(4242);
const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

/** A base58check address: version byte + 20 random bytes + 4 checksum bytes (BTC P2PKH 0x00, P2SH 0x05, DOGE 0x1e). */
function b58Address(version: number): string {
  const body = Uint8Array.from([version, ...bytes(20)]);
  return base58.encode(Uint8Array.from([...body, ...sha256(sha256(body)).subarray(0, 4)]));
}
/** An EIP-55 checksummed Ethereum address. */
function ethAddress(): string {
  const hex = Buffer.from(bytes(20)).toString('hex');
  const h = Buffer.from(keccak_256(new TextEncoder().encode(hex))).toString('hex');
  return `0x${[...hex].map((c, i) => (parseInt(h[i]!, 16) >= 8 ? c.toUpperCase() : c)).join('')}`;
}
const segwit = () => bech32.encode('bc', [0, ...bech32.toWords(bytes(20))]);
/** One character changed: the checksum no longer holds. */
const corrupt = (s: string, at = s.length - 3) => s.slice(0, at) + (s[at] === 'q' ? 'p' : 'q') + s.slice(at + 1);

describe('recognisers: findings', () => {
  it.each(FOUND)('%s', (text, kind, secret) => {
    const v = redactOutput(text);
    expect(v.text).not.toContain(secret);
    expect(v.text).toContain(placeholder(kind));
  });
});

describe('recognisers: near misses stay byte-identical', () => {
  it.each(KEPT)('%s', (text) => {
    expect(redactOutput(text).text).toBe(text);
  });
});

describe('crypto addresses', () => {
  const valid = [
    ...Array.from({ length: 8 }, () => b58Address(0)),
    ...Array.from({ length: 4 }, () => b58Address(5)),
    ...Array.from({ length: 4 }, () => b58Address(0x1e)),
    ...Array.from({ length: 8 }, segwit),
    ...Array.from({ length: 8 }, ethAddress),
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  ];
  it('redacts checksum-valid addresses', () => {
    for (const a of valid) {
      const v = redactOutput(`Send it to ${a} today.`);
      expect(v.text, a).toBe(`Send it to ${placeholder('crypto_address')} today.`);
    }
  });
  it('keeps addresses whose checksum fails, and hashes', () => {
    for (const a of valid.filter((x) => !x.startsWith('0x'))) {
      const bad = corrupt(a);
      expect(redactOutput(`Send it to ${bad} today.`).text, bad).toBe(`Send it to ${bad} today.`);
    }
    const eth = valid.find((x) => /0x.*[A-F].*[a-f]|0x.*[a-f].*[A-F]/.test(x))!;
    const flipped = eth.replace(/[A-F]/, (c) => c.toLowerCase());
    expect(redactOutput(`to ${flipped}`).text).toBe(`to ${flipped}`);
    expect(redactOutput('to 0x0000000000000000000000000000000000000000').text).toBe('to 0x0000000000000000000000000000000000000000');
  });
});

describe('checksums written from their specifications', () => {
  it('NHS mod 11, Medicare, NRIC, DVLA licence', () => {
    expect(nhsValid('943 476 5919')).toBe(true);
    expect(nhsValid('943 476 5918')).toBe(false);
    expect(medicareValid('2123456701')).toBe(true);
    expect(medicareValid('2123456801')).toBe(false);
    expect(nricValid('S1234567D')).toBe(true);
    expect(nricValid('S1234567A')).toBe(false);
    expect(nricValid('F1234567N')).toBe(true);
    expect(ukLicenceValid('MORGA753116SM9IJ')).toBe(true);
    expect(ukLicenceValid('MORGA713116SM9IJ')).toBe(false); // month 13
  });
  it('entropy and token shape', () => {
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('9f8e7d6c5b4a3928')).toBeGreaterThan(3.5);
    expect(tokenLike('9f8e7d6c5b4a39281706f5e4d3c2b1a0')).toBe(true);
    expect(tokenLike('max_seq_len_512')).toBe(false);
    expect(tokenLike('getAccessToken2')).toBe(false);
    expect(tokenLike('2024-01-05T10:00')).toBe(false);
    expect(sequential('abc123456')).toBe(true);
    expect(sequential('11222333')).toBe(false);
  });
});
