// The Postgres pool (used by activities, the gateway and the migrations).
import pg from 'pg';
import { config } from './config.js';
import { logger } from './logger.js';

export type Db = pg.Pool;

export function createPool(url = config().DATABASE_URL, max = config().DATABASE_POOL_MAX): Db {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  pool.on('error', (err) => logger.warn({ err: err.message }, 'idle postgres client failed'));
  return pool;
}
