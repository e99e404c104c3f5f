// Deterministic UUIDs: the same name always gives the same id, so a retried write or request is one row.
import { createHash } from 'node:crypto';

/** A version-5-shaped UUID from a SHA-256 of `name` (not RFC 4122's SHA-1 namespace scheme; only stability matters). */
export function uuidFromName(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
