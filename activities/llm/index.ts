import type { Config } from '../../lib/config.js';
import { offlineModel } from './offline-model.js';
import { openAiModel } from './openai-model.js';
import type { ChatModel } from './provider.js';

export type { ChatModel, ChatStream } from './provider.js';

/** The configured model followed by its fallbacks, in order; the offline model when no endpoint is set. */
export function chatModelsFromConfig(c: Config): ChatModel[] {
  const baseURL = c.LLM_BASE_URL;
  if (!baseURL) return [offlineModel()];
  return [c.LLM_MODEL, ...c.LLM_FALLBACK_MODELS].map((model) => openAiModel({ baseURL, apiKey: c.LLM_API_KEY, model, timeoutMs: c.LLM_TIMEOUT_MS }));
}
