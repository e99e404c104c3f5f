// The built-in offline provider: used when no LLM_BASE_URL is configured, so the stack runs with no network.
// It says plainly that it is offline, works out simple arithmetic, and streams word by word like a real model.
import { countChatTokens, countTokens } from '../../lib/tokens.js';
import type { ChatMessage } from '../../lib/contracts/chat.js';
import type { ChatModel, ChatStream } from './provider.js';

const ARITHMETIC = /(-?\d+(?:\.\d+)?)\s*([+\-*/×÷x])\s*(-?\d+(?:\.\d+)?)/;

function arithmetic(question: string): string | undefined {
  const m = ARITHMETIC.exec(question);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const results: Record<string, number> = { '+': a + b, '-': a - b, '*': a * b, x: a * b, '×': a * b, '/': a / b, '÷': a / b };
  const value = results[m[2] as string];
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return `${m[1]} ${m[2]} ${m[3]} = ${Number(value.toFixed(10))}.`;
}

export function offlineAnswer(question: string): string {
  const sum = arithmetic(question);
  const body = sum
    ? `${sum} Try checking it another way, for example by counting up from the first number.`
    : 'I cannot reach a language model right now, but here is a way to start: restate the question in your own words, ' +
      'list what you already know, and try the smallest example you can work out by hand.';
  return `[offline tutor] ${body}`;
}

export function offlineModel(delayMs = 15): ChatModel {
  return {
    provider: 'offline',
    model: 'sparkle-offline-1',
    async stream(messages: ChatMessage[], { signal }: { signal: AbortSignal }): Promise<ChatStream> {
      const question = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
      const answer = offlineAnswer(question);
      async function* deltas(): AsyncGenerator<string> {
        for (const piece of answer.match(/\S+\s*/g) ?? []) {
          signal.throwIfAborted();
          if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
          yield piece;
        }
      }
      return { deltas: deltas(), usage: () => ({ promptTokens: countChatTokens(messages), completionTokens: countTokens(answer) }) };
    },
  };
}
