// What the LLM activity needs from a model: a stream of text deltas and, at the end, the token usage.
import type { ChatMessage, TokenUsage } from '../../lib/contracts/chat.js';

export interface ChatStream {
  deltas: AsyncIterable<string>;
  /** Resolves after `deltas` is exhausted. */
  usage(): TokenUsage;
}

export interface ChatModel {
  readonly provider: string;
  readonly model: string;
  stream(messages: ChatMessage[], opts: { signal: AbortSignal; maxTokens?: number }): Promise<ChatStream>;
}
