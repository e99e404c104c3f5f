// The time-skipping tests' setup: connections to the real services, Temporal's Java test server (time skips
// while nothing runs), and the fake model API when a test needs one.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { bin } from '../../scripts/stack/paths.js';
import { FakeOpenAI } from './fake-openai.js';
import { connectServices, type Services } from './services.js';

export interface TimeSkipping {
  env: TestWorkflowEnvironment;
  s: Services;
  fake: FakeOpenAI;
  stop(): Promise<void>;
}

export async function startTimeSkipping(o: { fake?: boolean } = {}): Promise<TimeSkipping> {
  const s = await connectServices();
  const fake = new FakeOpenAI();
  if (o.fake) await fake.start();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: bin.testServer } } });
  return {
    env,
    s,
    fake,
    async stop() {
      await env.teardown();
      if (o.fake) await fake.stop();
      await s.close();
    },
  };
}

/** A test file's time-skipping setup, started before its tests and stopped after them (like e2eFixture). */
export function timeSkippingFixture(o: { fake?: boolean } = {}): TimeSkipping & { worker(taskQueue: string, activities: object): Promise<Worker> } {
  const ctx = {} as TimeSkipping & { worker(taskQueue: string, activities: object): Promise<Worker> };
  beforeAll(async () => {
    Object.assign(ctx, await startTimeSkipping(o));
  });
  afterAll(async () => {
    await ctx.stop?.();
  });
  // A worker on the test server's clock, running the prebuilt workflow bundle.
  ctx.worker = (taskQueue, activities) =>
    Worker.create({ connection: ctx.env.nativeConnection, taskQueue, workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! }, activities });
  return ctx;
}
