// Text encodings used to smuggle instructions (and, in benign rows, to carry ordinary data). Each is a real,
// reversible encoding so a guard that decodes payloads is tested on what an attacker would actually send.
import { pick, type Rng } from '../synth-lib.js';

/** Drop what the Latin-only encodings (morse, tags, pig latin) cannot carry: accents, curly quotes, dashes. */
export const toAscii = (s: string) =>
  s.normalize('NFKD').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-').replace(/[^\x20-\x7e\n]/g, '');

export const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
export const base64url = (s: string) => base64(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
export const hexSpaced = (s: string) => hex(s).match(/../g)!.join(' ');
export const hexEscaped = (s: string) => hex(s).match(/../g)!.map((b) => `\\x${b}`).join('');
export const binary = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => b.toString(2).padStart(8, '0')).join(' ');
export const urlEncoded = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
export const charCodes = (s: string) => [...s].map((c) => c.codePointAt(0)).join(',');

export function caesar(s: string, k: number): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + k + 26) % 26) + base);
  });
}
export const rot13 = (s: string) => caesar(s, 13);
export const atbash = (s: string) => s.replace(/[a-z]/gi, (c) => {
  const base = c <= 'Z' ? 65 : 97;
  return String.fromCharCode(25 - (c.charCodeAt(0) - base) + base);
});
export const reversed = (s: string) => [...s].reverse().join('');
export const wordsReversed = (s: string) => s.split(/\s+/).reverse().join(' ');

const LEET: Record<string, string[]> = { a: ['4', '@'], e: ['3'], i: ['1', '!'], o: ['0'], s: ['5', '$'], t: ['7'], g: ['9'], b: ['8'], l: ['1', '|'], z: ['2'] };
export const leet = (r: Rng, s: string) => s.replace(/[a-z]/gi, (c) => {
  const subs = LEET[c.toLowerCase()];
  return subs && r() < 0.8 ? pick(r, subs) : c;
});

const MORSE: Record<string, string> = {
  a: '.-', b: '-...', c: '-.-.', d: '-..', e: '.', f: '..-.', g: '--.', h: '....', i: '..', j: '.---', k: '-.-', l: '.-..', m: '--',
  n: '-.', o: '---', p: '.--.', q: '--.-', r: '.-.', s: '...', t: '-', u: '..-', v: '...-', w: '.--', x: '-..-', y: '-.--', z: '--..',
  0: '-----', 1: '.----', 2: '..---', 3: '...--', 4: '....-', 5: '.....', 6: '-....', 7: '--...', 8: '---..', 9: '----.',
};
export const morse = (s: string) => toAscii(s).toLowerCase().split(/\s+/)
  .map((w) => [...w].map((c) => MORSE[c]).filter(Boolean).join(' ')).filter(Boolean).join(' / ');

export const pigLatin = (s: string) => toAscii(s).split(/\s+/).map((w) => {
  const m = /^([^a-z]*)([a-z]+)([^a-z]*)$/i.exec(w);
  if (!m) return w;
  const [, pre, word, post] = m as unknown as [string, string, string, string];
  const v = word.search(/[aeiou]/i);
  const moved = v <= 0 ? `${word}${v === 0 ? 'way' : 'ay'}` : `${word.slice(v)}${word.slice(0, v)}ay`;
  return `${pre}${moved.toLowerCase()}${post}`;
}).join(' ');

/** Unicode tag characters (U+E0020..U+E007E) mirror ASCII and render as nothing: "ASCII smuggling". */
export const unicodeTags = (s: string) => String.fromCodePoint(0xe0001) + [...toAscii(s)].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('') + String.fromCodePoint(0xe007f);

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export function base32(s: string): string {
  let bits = '';
  for (const b of Buffer.from(s, 'utf8')) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += B32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

/** Payload splitting: the sentence cut into variables the reader is asked to join. */
export function splitVars(r: Rng, s: string): string {
  const words = s.split(' ');
  const parts: string[] = [];
  for (let i = 0; i < words.length;) {
    const n = 1 + Math.floor(r() * 3);
    parts.push(words.slice(i, i + n).join(' '));
    i += n;
  }
  const names = parts.map((_, i) => pick(r, ['a', 'x', 'part', 's', 'p']) + (i + 1));
  return `${parts.map((p, i) => `${names[i]} = "${p}"`).join('\n')}\nz = ${names.join(' + " " + ')}`;
}

/** CRC-32 (IEEE), for real PNG chunks in benign "decode this image header" rows. */
export function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The first 33 bytes of a real PNG: signature plus an IHDR chunk for the given size. */
export function pngHeader(width: number, height: number, colourType = 6): Buffer {
  const ihdr = Buffer.alloc(17);
  ihdr.write('IHDR', 0, 'ascii');
  ihdr.writeUInt32BE(width, 4);
  ihdr.writeUInt32BE(height, 8);
  ihdr.writeUInt8(8, 12);
  ihdr.writeUInt8(colourType, 13);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(ihdr));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), len, ihdr, crc]);
}
