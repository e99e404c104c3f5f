// `sparkle tasks`: a user's chat turns and jobs from GET /api/tasks, newest first.
import { Option, type Command } from 'commander';
import { TASK_KINDS, TASK_STATUSES } from '../../lib/contracts/tasks.js';
import { api, positiveInt, printJson, targetOptions, type Target } from './common.js';

interface TaskSummary {
  workflowId: string;
  kind: string | null;
  status: string;
  startedAt: string | null;
  closedAt: string | null;
  uiUrl: string;
}

async function listTasks(o: Target & { status?: string; kind?: string; limit: number; json?: boolean }): Promise<void> {
  const q = new URLSearchParams({ limit: String(o.limit), ...(o.status ? { status: o.status } : {}), ...(o.kind ? { kind: o.kind } : {}) });
  const { items = [] } = await api<{ items?: TaskSummary[] }>(o, `/tasks?${q}`);
  if (o.json) return printJson(items);
  if (!items.length) return console.log('no tasks');
  for (const t of items) console.log(`${t.status.padEnd(10)} ${(t.kind ?? '-').padEnd(16)} ${t.workflowId}`);
}

export function registerTasks(program: Command): void {
  targetOptions(program.command('tasks').description("list a user's background tasks (newest first)"))
    .addOption(new Option('--status <status>').choices(TASK_STATUSES))
    .addOption(new Option('--kind <kind>').choices(TASK_KINDS))
    .option('--limit <n>', 'page size', positiveInt, 50)
    .option('--json', 'JSON instead of a table')
    .action(listTasks);
}
