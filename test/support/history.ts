// Reading a workflow's recorded history in tests: what the server wrote down, not what the code says it did.
import type { WorkflowHandle } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time.js';
import { temporal } from '@temporalio/proto';

export const EventType = temporal.api.enums.v1.EventType;
export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export async function historyEvents(handle: WorkflowHandle): Promise<HistoryEvent[]> {
  return (await handle.fetchHistory()).events ?? [];
}

export const ofType = (events: HistoryEvent[], type: temporal.api.enums.v1.EventType) => events.filter((e) => e.eventType === type);

/** The event's time on the server's clock (the test server's skipped time, in the time-skipping tests). */
export const eventMs = (e: HistoryEvent) => tsToMs(e.eventTime);

/** From the workflow's start to its last event, on the server's clock. */
export const elapsedMs = (events: HistoryEvent[]) => eventMs(events.at(-1)!) - eventMs(events[0]!);
