// Any OpenAI-compatible endpoint, through the official `openai` client with streaming.
// The client's own retries are off: Temporal's activity retry policy is the one place retries happen.
import OpenAI from 'openai';
import { toAppError } from '../../lib/openai-errors.js';
import { countChatTokens, countTokens } from '../../lib/tokens.js';
import type { ChatMessage, TokenUsage } from '../../lib/contracts/chat.js';
import type { ChatModel, ChatStream } from './provider.js';

export function openAiModel(opts: { baseURL: string; apiKey?: string; model: string; timeoutMs: number }): ChatModel {
  const client = new OpenAI({ baseURL: opts.baseURL, apiKey: opts.apiKey ?? 'unset', maxRetries: 0, timeout: opts.timeoutMs });
  return {
    provider: 'openai-compatible',
    model: opts.model,
    async stream(messages: ChatMessage[], { signal, maxTokens }: { signal: AbortSignal; maxTokens?: number }): Promise<ChatStream> {
      let completion: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;
      try {
        completion = await client.chat.completions.create(
          { model: opts.model, messages, stream: true, stream_options: { include_usage: true }, ...(maxTokens ? { max_tokens: maxTokens } : {}) },
          { signal },
        );
      } catch (err) {
        throw toAppError(err);
      }
      let reported: TokenUsage | undefined;
      let text = '';
      async function* deltas(): AsyncGenerator<string> {
        try {
          for await (const chunk of completion) {
            if (chunk.usage) reported = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
            const piece = chunk.choices[0]?.delta?.content;
            if (piece) {
              text += piece;
              yield piece;
            }
          }
        } catch (err) {
          throw toAppError(err);
        }
      }
      return {
        deltas: deltas(),
        // Providers that do not report usage are counted with the tokenizer instead.
        usage: () => reported ?? { promptTokens: countChatTokens(messages), completionTokens: countTokens(text) },
      };
    },
  };
}
