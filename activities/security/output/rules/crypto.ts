// Cryptocurrency addresses, each verified by its own checksum (@scure/base decoders, @noble/hashes keccak):
// - base58check (Bitcoin P2PKH/P2SH, Litecoin, Dogecoin, Tron, Dash, Ripple): a 32-bit double-SHA-256
//   checksum, so a random word passes one time in four billion and no prefix list is needed;
// - bech32 / bech32m (bc1…, ltc1…, cosmos1…, addr1…): BCH checksum over a known human-readable part;
// - Ethereum 0x + 40 hex: EIP-55 mixed-case checksum when mixed case is used;
// - Monero (95 chars): keccak checksum; Bitcoin Cash cashaddr and Solana (no checksum) need their prefix or
//   a context word.
import { createHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { base58, base58xmr, base58xrp, bech32, bech32m } from '@scure/base';
import { before, reachRule, type Check, type Rule } from '../rule-kit.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

/** Base58check: payload + first 4 bytes of sha256(sha256(payload)). Returns the payload or null. */
function b58check(s: string, coder = base58): Uint8Array | null {
  let raw: Uint8Array;
  try {
    raw = coder.decode(s);
  } catch {
    return null;
  }
  if (raw.length < 5) return null;
  const body = raw.subarray(0, -4);
  const sum = sha256(sha256(body));
  for (let i = 0; i < 4; i++) if (raw[raw.length - 4 + i] !== sum[i]) return null;
  return body;
}

const B58 = '1-9A-HJ-NP-Za-km-z';
const HRPS = 'bc|tb|bcrt|ltc|tltc|cosmos|osmo|terra|juno|kava|akash|inj|sei|celestia|evmos|bnb|thor|one|zil|erd|addr|stake|addr_test';

function eip55(addr: string): boolean {
  const hex = addr.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true;
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(hex.toLowerCase()))).toString('hex');
  for (let i = 0; i < 40; i++) {
    const c = hex[i]!;
    if (/[a-f]/i.test(c) && (parseInt(hash[i]!, 16) >= 8) !== (c === c.toUpperCase())) return false;
  }
  return true;
}

function moneroValid(s: string): boolean {
  let raw: Uint8Array;
  try {
    raw = base58xmr.decode(s);
  } catch {
    return false;
  }
  const body = raw.subarray(0, -4);
  const sum = keccak_256(body);
  for (let i = 0; i < 4; i++) if (raw[raw.length - 4 + i] !== sum[i]) return false;
  return true;
}

const WALLET_CTX = /\b(?:wallet|address|solana|\bSOL\b|phantom|send (?:to|funds)|deposit|pubkey|public key)\b/i;

const cryptoCheck: Check = (m, src, off, v) => {
  const [, b32, b58, eth, xmr, bch] = m;
  if (b58) {
    const p = b58check(b58);
    if (p && p.length === 21) return { id: 'pii.crypto.base58check' };
    const q = b58[0] === 'r' ? b58check(b58, base58xrp) : null;
    if (q && q.length === 21) return { id: 'pii.crypto.xrp' };
    if (b58.length < 32) return false;
    // Solana: a bare 32-byte public key, no checksum — only when the text calls it a wallet or address.
    let n = 0;
    try {
      n = base58.decode(b58).length;
    } catch {
      return false;
    }
    const mixed = /\d/.test(b58) && /[a-z]/.test(b58) && /[A-Z]/.test(b58);
    return n === 32 && mixed && WALLET_CTX.test(before(v, off + m.index, 60)) ? { id: 'pii.crypto.solana' } : false;
  }
  if (b32) {
    if (b32 !== b32.toLowerCase() && b32 !== b32.toUpperCase()) return false;
    for (const coder of [bech32, bech32m]) {
      try {
        coder.decode(b32.toLowerCase() as `${string}1${string}`, 120);
        return { id: 'pii.crypto.bech32' };
      } catch {
        /* try the other checksum constant */
      }
    }
    return false;
  }
  if (eth) {
    const hex = eth.slice(2).toLowerCase();
    if (/^(.)\1+$/.test(hex) || (/^0{8,}/.test(hex) && /0{8,}$/.test(hex))) return false; // zero / burn addresses
    return eip55(eth) ? { id: 'pii.crypto.eth' } : false;
  }
  if (xmr) return moneroValid(xmr) ? { id: 'pii.crypto.monero' } : false;
  return bch ? { id: 'pii.crypto.cashaddr' } : false;
};

export const CRYPTO_RULES: readonly Rule[] = [
  reachRule({
    kind: 'crypto_address', id: 'pii.crypto', reach: 125, check: cryptoCheck,
    re: new RegExp(
      `(?<![\\w/+=.-])(?:` +
        [
          // bech32 first: a bc1… address without a 0 is also all base58 characters
          `((?:${HRPS}|${HRPS.toUpperCase()})1[ac-hj-np-zAC-HJ-NP-Z02-9]{8,110})`,
          `([${B58}]{25,44})`, // base58check (version byte + 20-byte hash; Ripple's alphabet too), Solana keys
          `(0x[0-9a-fA-F]{40})`,
          `([48][0-9AB][${B58}]{93})`,
          `((?:bitcoincash|bchtest):[qp][ac-hj-np-z02-9]{41})`,
        ].join('|') +
        `)(?![\\w/+=-])`,
      'g',
    ),
  }),
];
