// Schedules the jobs worker makes sure exist (Temporal Schedules: durable, visible in the Web UI, no cron host).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { logger } from '../lib/logger.js';

export const MAINTENANCE_SCHEDULE_ID = 'sparkle-maintenance';

export async function ensureMaintenanceSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: MAINTENANCE_SCHEDULE_ID,
      spec: { intervals: [{ every: '1h' }] },
      action: { type: 'startWorkflow', workflowType: 'maintenanceWorkflow', taskQueue, workflowId: 'maintenance', args: [] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1h' },
    });
    logger.info({ scheduleId: MAINTENANCE_SCHEDULE_ID }, 'maintenance schedule created');
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
