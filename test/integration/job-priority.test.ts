// Priority between jobs of one task queue: a backlog of imports (priority 4) is waiting when a student saves a
// note (priority 2); the first worker to poll takes the note first. Real dev server (priority matcher on, one
// partition), the real JobStarter and the real workflows; the order is read from the recorded histories.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWriters } from '../../activities/writers.js';
import { config } from '../../lib/config.js';
import { offlineEmbedding } from '../../lib/embeddings/offline-embedder.js';
import {
  KNOWLEDGE_IMPORT_WORKFLOW,
  KNOWLEDGE_NODE_WORKFLOW,
  knowledgeImportWorkflowId,
  knowledgeNodeWorkflowId,
  type KnowledgeImportInput,
  type KnowledgeNodeInput,
} from '../../lib/contracts/knowledge.js';
import { TASK_PRIORITY } from '../../lib/contracts/tasks.js';
import { JobStarter } from '../../gateway/jobs.js';
import { buildWorker } from '../../workers/build.js';
import { buildActivityDeps } from '../../workers/deps.js';
import { eventMs, EventType, historyEvents, ofType } from '../support/history.js';
import { connectServices, uniqueId, type Services } from '../support/services.js';

let s: Services;
let deps: ReturnType<typeof buildActivityDeps>;

beforeAll(async () => {
  s = await connectServices();
  deps = buildActivityDeps(config(), s);
});

afterAll(async () => {
  await closeWriters(deps.writers);
  await s?.close();
});

describe('job priority', () => {
  it('runs a note before a backlog of imports queued ahead of it', async () => {
    expect(TASK_PRIORITY['knowledge-node']).toBeLessThan(TASK_PRIORITY['knowledge-import']);
    const taskQueue = uniqueId('priority');
    const jobs = new JobStarter(s.temporal, taskQueue);
    const user = uniqueId('prio');

    // No worker polls yet: everything queues. Imports of zero lines finish at once when they do run.
    const imports: string[] = [];
    for (let i = 0; i < 6; i++) {
      const input: KnowledgeImportInput = { userId: user, importId: randomUUID(), totalLines: 0 };
      const id = knowledgeImportWorkflowId(user, input.importId);
      await jobs.start(KNOWLEDGE_IMPORT_WORKFLOW, id, 'knowledge-import', user, input);
      imports.push(id);
    }
    const nodeInput: KnowledgeNodeInput = {
      userId: user,
      nodeId: randomUUID(),
      title: 'Late but urgent',
      content: 'Saved after the imports.',
      tags: [],
      embedding: offlineEmbedding('urgent', 384),
    };
    const nodeId = knowledgeNodeWorkflowId(user, nodeInput.nodeId);
    await jobs.start(KNOWLEDGE_NODE_WORKFLOW, nodeId, 'knowledge-node', user, nodeInput);
    expect((await s.temporal.workflow.getHandle(nodeId).describe()).raw.workflowExecutionInfo?.priority?.priorityKey).toBe(2);

    // As few workflow-task slots as the SDK allows with a workflow cache (2): at most two tasks are taken at once.
    const worker = await buildWorker({
      connection: s.nativeConnection,
      namespace: 'default',
      taskQueue,
      deps,
      workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
      maxConcurrentWorkflowTasks: 2,
      maxConcurrentActivities: 1,
    });
    await worker.runUntil(Promise.all([nodeId, ...imports].map((id) => s.temporal.workflow.getHandle(id).result())));

    const firstTaskAt = async (id: string) =>
      eventMs(ofType(await historyEvents(s.temporal.workflow.getHandle(id)), EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)[0]!);
    const nodeAt = await firstTaskAt(nodeId);
    const importsAt = await Promise.all(imports.map(firstTaskAt));
    // In FIFO order the note would be the seventh task taken; by priority it is in the first batch the worker takes.
    const rank = importsAt.filter((t) => t < nodeAt).length;
    expect(rank).toBeLessThanOrEqual(1);
  });
});
