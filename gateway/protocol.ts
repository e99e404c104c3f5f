// WebSocket protocol v1 (see DESIGN.md): client frames are validated with zod, server frames are typed.
import { z } from 'zod';
import { CLIENT_ID_PATTERN, type TokenUsage } from '../lib/contracts/chat.js';
import { ErrorCode } from '../lib/errors.js';
import { storableText } from './api-schemas.js';
import type { Source } from '../lib/contracts/knowledge.js';

const clientId = z.string().regex(CLIENT_ID_PATTERN, 'must be 1-64 letters, digits, _ or -');

export const chatSendFrame = z.object({
  type: z.literal('chat.send'),
  id: clientId,
  conversationId: clientId.optional(),
  text: storableText(z.string().trim().min(1, 'must not be empty')),
});

export const clientFrame = z.discriminatedUnion('type', [chatSendFrame, z.object({ type: z.literal('ping') })]);
export type ClientFrame = z.infer<typeof clientFrame>;
export type ChatSendFrame = z.infer<typeof chatSendFrame>;
const KNOWN_TYPES = new Set(['chat.send', 'ping']);

export type ServerFrame =
  | { type: 'chat.accepted'; id: string; workflowId: string; conversationId: string }
  | { type: 'chat.delta'; id: string; text: string }
  /** Drop the partial answer of this message: the model call is being retried and its answer streams anew. */
  | { type: 'chat.reset'; id: string; attempt: number }
  | { type: 'chat.done'; id: string; text: string; usage: TokenUsage; redactions: { kind: string }[]; sources: Source[]; cached?: true }
  | { type: 'chat.blocked'; id: string; layer: 'input' | 'quota' | 'output'; reason: string; rules: string[] }
  | { type: 'notify'; event: string; data: Record<string, unknown> }
  | { type: 'error'; id?: string; code: string; message: string }
  | { type: 'pong' };

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; id?: string; code: ErrorCode; message: string };

/** Turns raw bytes into a valid frame or a precise, stable error (never throws). */
export function parseClientFrame(raw: string, maxChars: number): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, code: ErrorCode.BAD_FRAME, message: 'frame is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: ErrorCode.BAD_FRAME, message: 'frame must be a JSON object' };
  }
  const obj = value as Record<string, unknown>;
  const id = typeof obj.id === 'string' && CLIENT_ID_PATTERN.test(obj.id) ? obj.id : undefined;
  if (typeof obj.type !== 'string' || !KNOWN_TYPES.has(obj.type)) {
    return { ok: false, id, code: ErrorCode.UNKNOWN_FRAME, message: `unknown frame type ${JSON.stringify(String(obj.type ?? '')).slice(0, 40)}` };
  }
  const parsed = clientFrame.safeParse(obj);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; ');
    return { ok: false, id, code: ErrorCode.BAD_FRAME, message };
  }
  if (parsed.data.type === 'chat.send' && parsed.data.text.length > maxChars) {
    return { ok: false, id, code: ErrorCode.PAYLOAD_TOO_LARGE, message: `text is longer than ${maxChars} characters` };
  }
  return { ok: true, frame: parsed.data };
}
