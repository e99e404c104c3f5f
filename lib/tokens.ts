// Token counting with a real BPE tokenizer (o200k, the encoding of current OpenAI chat models).
// Special-token strings in user text ("<|endoftext|>") are counted as ordinary text, never honoured.
import { countTokens as bpeCount } from 'gpt-tokenizer/encoding/o200k_base';

const AS_TEXT = { disallowedSpecial: new Set<string>() };
const PIECE = 1024;

/**
 * Tokens of `text`, counted piece by piece, cutting at a space between two words (where the tokenizer's
 * pre-tokenisation splits too, so the sum is exact for ordinary text). Pieces bound the tokenizer's
 * quadratic worst case (one 20 KB "word" costs ~0.3 s in a single call), and counting stops once past
 * `limit`, returning some number above it.
 */
export function countTokensUpTo(text: string, limit = Infinity): number {
  let total = 0;
  for (let start = 0; start < text.length && total <= limit;) {
    let end = Math.min(text.length, start + PIECE);
    if (end < text.length) {
      let cut = text.lastIndexOf(' ', end);
      while (cut > start + PIECE / 2 && !(text.charCodeAt(cut - 1) > 32 && text.charCodeAt(cut + 1) > 32)) cut = text.lastIndexOf(' ', cut - 1);
      if (cut > start + PIECE / 2) end = cut; // else no word boundary: a hard cut (pathological text only)
    }
    total += bpeCount(text.slice(start, end), AS_TEXT);
    start = end;
  }
  return total;
}

export function countTokens(text: string): number {
  return countTokensUpTo(text);
}

/** Whether `text` has more than `limit` tokens; cheap for short texts (a token covers at least one UTF-8 byte). */
export function exceedsTokens(text: string, limit: number): boolean {
  return Buffer.byteLength(text, 'utf8') > limit && countTokensUpTo(text, limit) > limit;
}

/** Prompt tokens of a chat request, with the small per-message overhead the chat format adds. */
export function countChatTokens(messages: ReadonlyArray<{ role: string; content: string }>): number {
  return messages.reduce((sum, m) => sum + 4 + countTokens(m.role) + countTokens(m.content), 3);
}

/** The longest prefix of `text` with at most `limit` tokens (found by bisection: a few counts of a short text). */
export function truncateToTokens(text: string, limit: number): string {
  if (!exceedsTokens(text, limit)) return text;
  let [fits, tooLong] = [0, text.length];
  while (tooLong - fits > 1) {
    const mid = (fits + tooLong) >> 1;
    if (countTokensUpTo(text.slice(0, mid), limit) <= limit) fits = mid;
    else tooLong = mid;
  }
  return text.slice(0, fits);
}
