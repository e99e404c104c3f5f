// The usual end-to-end fixture: the fake model API, the app's processes wired to it, and connections to the
// real services, started before a file's tests and stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { startApp, type App } from './app.js';
import { FakeOpenAI } from './fake-openai.js';
import { connectServices, type Services } from './services.js';

export interface E2E {
  app: App;
  fake: FakeOpenAI;
  s: Services;
}

export function e2eFixture(opts: { jobs?: boolean | number; env?: Record<string, string>; setup?: (fake: FakeOpenAI) => void } = {}): E2E {
  const ctx = {} as E2E;
  beforeAll(async () => {
    ctx.s = await connectServices();
    ctx.fake = new FakeOpenAI();
    opts.setup?.(ctx.fake);
    const llm = await ctx.fake.start();
    ctx.app = await startApp({ jobs: opts.jobs, env: { LLM_BASE_URL: llm, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model', ...opts.env } });
  });
  afterAll(async () => {
    await ctx.app?.stop();
    await ctx.fake?.stop();
    await ctx.s?.close();
  });
  return ctx;
}
