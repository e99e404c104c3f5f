// The usual end-to-end fixtures: connections to the real services and the fake model API (modelFixture), plus the
// app's processes wired to them (e2eFixture), started before a file's tests and stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { startApp, type App } from './app.js';
import { FakeOpenAI } from './fake-openai.js';
import { connectServices, type Services } from './services.js';

export interface ModelFixture {
  fake: FakeOpenAI;
  s: Services;
  /** The settings that point an app at the fake model. */
  llmEnv(): Record<string, string>;
}

export interface E2E extends ModelFixture {
  app: App;
}

export function modelFixture(setup?: (fake: FakeOpenAI) => void): ModelFixture {
  const ctx = {} as ModelFixture;
  ctx.llmEnv = () => ({ LLM_BASE_URL: ctx.fake.url, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model' });
  beforeAll(async () => {
    ctx.s = await connectServices();
    ctx.fake = new FakeOpenAI();
    setup?.(ctx.fake);
    await ctx.fake.start();
  });
  afterAll(async () => {
    await ctx.fake?.stop();
    await ctx.s?.close();
  });
  return ctx;
}

export function e2eFixture(opts: { jobs?: boolean | number; env?: Record<string, string>; setup?: (fake: FakeOpenAI) => void } = {}): E2E {
  const ctx = modelFixture(opts.setup) as E2E;
  beforeAll(async () => {
    ctx.app = await startApp({ jobs: opts.jobs, env: { ...ctx.llmEnv(), ...opts.env } });
  });
  afterAll(async () => {
    await ctx.app?.stop();
  });
  return ctx;
}
