// `npm run record-histories`: runs one execution of each workflow path on a throwaway stack (fake model API,
// both workers as child processes) and writes their histories to test/histories/, the way
// `temporal workflow show -o json` would. Run it after a change to a workflow, keeping the files of the old
// paths that still have executions in flight (the replay test proves both replay). Names after `--` record only
// those paths: `npm run record-histories -- code-run`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signToken } from '../lib/auth.js';
import { ApiClient } from '../test/support/api-client.js';
import { startApp } from '../test/support/app.js';
import { FakeOpenAI } from '../test/support/fake-openai.js';
import { TestSocket } from '../test/support/ws-client.js';
import { bin } from './stack/paths.js';
import { startScratchStack } from './stack/scratch.js';

const outDir = fileURLToPath(new URL('../test/histories', import.meta.url));
const stack = await startScratchStack('record', { temporal: true, redis: true });
const fake = new FakeOpenAI();
const app = await startApp({ jobs: true, env: { LLM_BASE_URL: await fake.start(), LLM_API_KEY: 'record', LLM_MODEL: 'fake-model' } });

const record = (workflowId: string, file: string) => {
  const json = execFileSync(bin.temporal, ['workflow', 'show', '--address', stack.env.TEMPORAL_ADDRESS, '--workflow-id', workflowId, '--output', 'json']);
  writeFileSync(join(outDir, file), json);
  console.log(`recorded ${workflowId} -> test/histories/${file}`);
};
const { Client, Connection } = await import('@temporalio/client');
const client = new Client({ connection: await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS }) });
const finished = (id: string) => client.workflow.getHandle(id).result();
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

try {
  const user = 'recorder';
  const api = await ApiClient.as(app.url, user);
  if (want('knowledge-node')) {
    const node = await api.post('/knowledge-nodes', { title: 'Fractions', content: 'To add fractions, first find a common denominator.' });
    if (node.status !== 202) throw new Error(`knowledge node: ${node.status} ${JSON.stringify(node.body)}`);
    await finished(node.body.workflowId);
    record(node.body.workflowId, 'knowledge-node.json');
  }

  if (want('chat-turn')) {
    const sock = await TestSocket.open(app.wsUrl, await signToken(user));
    const question = 'How do I add fractions with different denominators?';
    for (const id of ['rag-1', 'rag-2']) {
      sock.send({ type: 'chat.send', id, conversationId: 'c1', text: question });
      const { accepted } = await sock.turn(id);
      await finished(accepted!.workflowId as string);
      record(accepted!.workflowId as string, id === 'rag-1' ? 'chat-turn-rag.json' : 'chat-turn-cache-hit.json');
    }
    sock.close();
  }

  if (want('error-book')) {
    const entry = await api.post('/error-book', { question: '1/2 + 1/3?', wrongAnswer: '2/5', correctAnswer: '5/6' });
    await finished(entry.body.workflowId);
    record(entry.body.workflowId, 'error-book.json');
  }

  if (want('knowledge-import')) {
    const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify({ title: `Note ${i}`, content: `Imported note number ${i}.` })).join('\n');
    const imp = await api.post('/knowledge-nodes/import', lines, { 'content-type': 'application/x-ndjson' });
    await finished(imp.body.workflowId);
    record(imp.body.workflowId, 'knowledge-import.json');
  }

  if (want('maintenance')) {
    await client.workflow.execute('maintenanceWorkflow', { taskQueue: `${app.taskQueue}-jobs`, workflowId: 'maintenance-recording' });
    record('maintenance-recording', 'maintenance.json');
  }

  if (want('code-run')) {
    const run = await api.post('/code-runs', { code: 'import math\nprint(math.sqrt(float(STDIN)))\n', stdin: '2' });
    await finished(run.body.workflowId);
    record(run.body.workflowId, 'code-run.json');
  }

  if (want('strategy-lab')) {
    const code = readFileSync(new URL('../sandbox/strategy/examples/ma_crossover.py', import.meta.url), 'utf8');
    const wf = await api.post('/strategy-lab/walk-forward', {
      code, syntheticSeed: 3, syntheticLength: 600, grid: { fast: [5, 8], slow: [20] }, windows: { mode: 'rolling', inSample: 300, outOfSample: 150, warmup: 20 },
    });
    await finished(wf.body.workflowId);
    record(wf.body.workflowId, 'walk-forward.json');
    const mc = await api.post('/strategy-lab/monte-carlo', { returns: [0.02, -0.01, 0.015, -0.03, 0.01], paths: 200, seed: 7 });
    await finished(mc.body.workflowId);
    record(mc.body.workflowId, 'monte-carlo.json');
  }
} finally {
  await client.connection.close();
  await app.stop();
  await fake.stop();
  await stack.stop();
}
