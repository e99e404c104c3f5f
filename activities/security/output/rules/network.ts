// Public IP addresses. Private, loopback, link-local, documentation (RFC 5737 / 3849), multicast and the
// well-known public resolvers are what lessons talk about, so they stay; so do version and section numbers.
import { isIPv6 } from 'node:net';
import { before, reachRule, type Check, type Rule } from '../rule-kit.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const RESOLVERS = new Set(['8.8.8.8', '8.8.4.4', '1.1.1.1', '1.0.0.1', '9.9.9.9', '149.112.112.112', '208.67.222.222', '208.67.220.220', '4.2.2.2', '4.2.2.1']);

export function publicIPv4(ip: string): boolean {
  const o = ip.split('.').map(Number) as [number, number, number, number];
  const [a, b, c] = o;
  if (RESOLVERS.has(ip) || o.every((x) => x < 10)) return false; // resolvers; 1.2.3.4 reads as a version
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if ((a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return false;
  if ((a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19))) return false;
  if ((a === 192 && b === 0 && (c === 0 || c === 2)) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return false;
  return true; // netmasks start with 255 and are caught by a >= 224 above
}

function publicIPv6(ip: string): boolean {
  if (!isIPv6(ip)) return false;
  const s = ip.toLowerCase();
  if (s === '::' || s === '::1' || /^(?:fe[89ab]|f[cd]|ff)/.test(s) || /^2001:0?db8:/.test(s) || /^::ffff:/.test(s)) return false;
  const groups = s.split(':').filter(Boolean);
  // Enough of an address to be one (a::b in code is not), and hex groups, not words (dead::beef).
  return groups.length >= 3 && /\d/.test(s);
}

const VERSION_CTX = /(?:\bv|version|versión|versione|release|build|rev(?:ision)?|section|chapter|§|ver\.?|firmware|kernel|patch|update|driver|bios|os|ios|android|windows|macos|sdk|api|app|library|package|plugin|\bv\d+)\s*$/i;

const ipCheck: Check = (m, src, off, v) => {
  const [, v4, v6] = m;
  if (v4) return publicIPv4(v4) && !VERSION_CTX.test(before(v, off + m.index, 16)) ? { id: 'pii.ip.v4' } : false;
  return v6 && publicIPv6(v6) ? { id: 'pii.ip.v6' } : false;
};

export const NETWORK_RULES: readonly Rule[] = [
  reachRule({
    kind: 'ip_address', id: 'pii.ip', reach: 48, check: ipCheck,
    re: new RegExp(
      `(?<![\\w.:/-])(?=[\\dA-Fa-f]{0,4}[.:])(?:(${OCTET}(?:\\.${OCTET}){3})(?![\\w-]|\\.\\d)|([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\\w:]|\\.\\w))`,
      'g',
    ),
  }),
];
