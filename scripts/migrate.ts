// `npm run migrate`: applies pending migrations to DATABASE_URL.
import { migrate } from '../lib/migrate.js';

const applied = await migrate();
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
