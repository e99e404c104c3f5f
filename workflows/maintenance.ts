// Housekeeping, started by the `sparkle-maintenance` schedule (created by the jobs worker): expired semantic-cache
// entries and the staging of abandoned imports are deleted.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

const { purgeExpiredData } = proxyActivities<Activities>({
  startToCloseTimeout: '30m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 },
});

export async function maintenanceWorkflow(): Promise<{ cacheEntries: number; stagedImportLines: number }> {
  return purgeExpiredData();
}
