// `npm run token -- <user> [--role operator] [--expires 12h]`: prints a dev JWT signed with JWT_SECRET, for JWT_AUDIENCE
// when that is set (the gateway then refuses tokens without it). Tokens older than JWT_MAX_TOKEN_AGE_SECONDS are refused
// whatever --expires said.
import { parseArgs } from 'node:util';
import { signToken } from '../lib/auth.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string', multiple: true }, expires: { type: 'string', default: '12h' } },
});
const user = positionals[0];
if (!user) {
  console.error('usage: npm run token -- <user> [--role student|operator] [--expires 12h]');
  process.exit(2);
}
try {
  console.log(await signToken(user, { roles: values.role ?? ['student'], expiresIn: values.expires }));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
