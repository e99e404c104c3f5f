// Token counting with a real BPE tokenizer (o200k, the encoding of current OpenAI chat models).
import { encode } from 'gpt-tokenizer/encoding/o200k_base';

export function countTokens(text: string): number {
  return encode(text).length;
}

/** Prompt tokens of a chat request, with the small per-message overhead the chat format adds. */
export function countChatTokens(messages: ReadonlyArray<{ role: string; content: string }>): number {
  return messages.reduce((sum, m) => sum + 4 + countTokens(m.role) + countTokens(m.content), 3);
}
