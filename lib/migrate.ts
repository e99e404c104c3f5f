// Applies migrations/ in order with node-pg-migrate (tracked in the pgmigrations table, under an advisory lock).
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import { config } from './config.js';
import { logger } from './logger.js';

const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

export async function migrate(databaseUrl = config().DATABASE_URL): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: migrationsDir,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    count: Infinity,
    log: (msg: string) => logger.debug({ migration: msg }, 'migrate'),
    verbose: false,
  });
  return applied.map((m) => m.name);
}
