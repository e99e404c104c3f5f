// Bulk imports for the jobs benchmark: a user uploads a JSON-lines file of notes and the long, heartbeating import
// job runs it (checkpointing after every chunk).
import type { Client } from '@temporalio/client';
import type { ApiClient } from '../../test/support/api-client.js';

export interface ImportOutcome {
  workflowId: string;
  lines: number;
  result?: { created: number; merged: number; blocked: number; resumedFrom: number };
}

export function ndjson(label: string, lines: number): string {
  return (
    Array.from({ length: lines }, (_, i) =>
      JSON.stringify({
        title: `${label} line ${i}`,
        content: `Imported note ${i} of ${label}: ${['osmosis', 'feudalism', 'haiku', 'inflation', 'vectors'][i % 5]} seen through case ${(i * 104_729) % 99_991}.`,
        tags: ['import'],
      }),
    ).join('\n') + '\n'
  );
}

/** Uploads one import and answers its workflow id once the gateway accepted it. */
export async function upload(api: ApiClient, label: string, lines: number): Promise<string> {
  const res = await api.post('/knowledge-nodes/import', ndjson(label, lines), { 'content-type': 'application/x-ndjson' });
  if (res.status !== 202) throw new Error(`import refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.workflowId as string;
}

/** Waits for an import; a failed one comes back without a result. */
export async function outcome(client: Client, workflowId: string, lines: number): Promise<ImportOutcome> {
  const result = await client.workflow
    .getHandle(workflowId)
    .result()
    .catch(() => undefined);
  return { workflowId, lines, result };
}

/** Every line accounted for exactly once: created, merged into a near-duplicate, or blocked by the guard. */
export const complete = (o: ImportOutcome) => o.result !== undefined && o.result.created + o.result.merged + o.result.blocked === o.lines;
