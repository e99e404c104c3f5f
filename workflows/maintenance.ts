// Housekeeping, started by the `sparkle-maintenance` schedule (created by the jobs worker): expired semantic-cache
// entries and the staging of abandoned imports are deleted.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { MAINTENANCE_STEP } from './activity-options.js';

const { purgeExpiredData } = proxyActivities<Activities>(MAINTENANCE_STEP);

export async function maintenanceWorkflow(): Promise<{ cacheEntries: number; stagedImportLines: number }> {
  return purgeExpiredData();
}
