// Housekeeping run by the maintenance schedule: data that has outlived its purpose is deleted in bounded batches.
import type { Db } from '../lib/db.js';

export interface MaintenanceDeps {
  db: Db;
}

/** Staged lines of an import that never finished (its workflow failed or was terminated) are dropped after this. */
const ABANDONED_IMPORT_DAYS = 7;
const BATCH = 10_000;

async function deleteInBatches(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await db.query(sql, params);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) return total;
  }
}

export function createMaintenanceActivities({ db }: MaintenanceDeps) {
  return {
    async purgeExpiredData(): Promise<{ cacheEntries: number; stagedImportLines: number }> {
      const cacheEntries = await deleteInBatches(
        db,
        `DELETE FROM semantic_cache WHERE id IN (SELECT id FROM semantic_cache WHERE expires_at < now() LIMIT ${BATCH})`,
      );
      const stagedImportLines = await deleteInBatches(
        db,
        `DELETE FROM knowledge_import_lines l WHERE (l.import_id, l.line_no) IN (
           SELECT s.import_id, s.line_no FROM knowledge_import_lines s JOIN knowledge_imports i ON i.id = s.import_id
            WHERE i.created_at < now() - make_interval(days => $1) LIMIT ${BATCH})`,
        [ABANDONED_IMPORT_DAYS],
      );
      return { cacheEntries, stagedImportLines };
    },
  };
}
