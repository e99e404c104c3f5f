// Layer 5 of the security chain: the audit trail (the security_events table) and its metric.
import type { SecurityEvent } from '../lib/contracts/chat.js';
import type { Db } from '../lib/db.js';
import { securityEventsTotal } from '../lib/metrics.js';

export interface AuditDeps {
  db: Db;
}

export function createAuditActivities({ db }: AuditDeps) {
  return {
    /** Writes the audit rows (ids derived from the workflow id, so a retry writes nothing twice) and counts them. */
    async recordSecurityEvents(input: { workflowId: string; userId: string; events: SecurityEvent[] }): Promise<void> {
      if (input.events.length === 0) return;
      const ids = input.events.map((e) => `${input.workflowId}:${e.layer}:${e.eventType}`);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO security_events (id, user_id, layer, event_type, rule_ids, workflow_id, details)
         SELECT id, $2, layer, event_type, string_to_array(rules, ','), $3, details::jsonb
         FROM unnest($1::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(id, layer, event_type, rules, details)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          ids,
          input.userId,
          input.workflowId,
          input.events.map((e) => e.layer),
          input.events.map((e) => e.eventType),
          input.events.map((e) => e.rules.join(',')),
          input.events.map((e) => JSON.stringify(e.details ?? {})),
        ],
      );
      const fresh = new Set(rows.map((r) => r.id));
      input.events.forEach((e, i) => fresh.has(ids[i]!) && securityEventsTotal.inc({ layer: e.layer, event_type: e.eventType }));
    },
  };
}
