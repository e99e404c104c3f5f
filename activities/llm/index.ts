import type { Config } from '../../lib/config.js';
import { offlineModel } from './offline-model.js';
import { openAiModel } from './openai-model.js';
import type { ChatModel } from './provider.js';

export type { ChatModel, ChatStream } from './provider.js';

/** The configured provider, or the offline one when no endpoint is set. */
export function chatModelFromConfig(c: Config): ChatModel {
  if (!c.LLM_BASE_URL) return offlineModel();
  return openAiModel({ baseURL: c.LLM_BASE_URL, apiKey: c.LLM_API_KEY, model: c.LLM_MODEL, timeoutMs: c.LLM_TIMEOUT_MS });
}
