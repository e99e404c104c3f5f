// The embedded Postgres for development: PGlite with pgvector, persisted to a directory and served over the
// Postgres wire protocol so the ordinary `pg` pool talks to it. Usage: tsx scripts/pglite-server.ts --port 5432 --dir .data/pglite
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { values } = parseArgs({ options: { port: { type: 'string', default: '5432' }, dir: { type: 'string', default: '.data/pglite' } } });
const db = await PGlite.create({ dataDir: values.dir, extensions: { vector } });
await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
// Several connections share the one engine; queries are queued, so pools of a few connections work.
const server = new PGLiteSocketServer({ db, port: Number(values.port), host: '127.0.0.1', maxConnections: 32 });
await server.start();
console.log(`pglite listening on 127.0.0.1:${values.port} (data in ${values.dir})`);

const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
