// The time-skipping tests' setup: connections to the real services, Temporal's Java test server (time skips
// while nothing runs), and the fake model API when a test needs one.
import { TestWorkflowEnvironment } from '@temporalio/testing';
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
