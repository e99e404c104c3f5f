// The operator CLI (`npx sparkle <command>`; `--help` on every command). Exit codes: 0 ok, 1 a check or request
// failed, 2 bad usage. Long-running commands reuse the npm scripts' implementations in scripts/; the commands that
// talk to a running gateway (tasks, chat, conversations, import) live in scripts/cli/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { signToken } from '../lib/auth.js';
import { registerChat } from './cli/chat.js';
import { EXIT, UsageError, userId } from './cli/common.js';
import { registerConversations } from './cli/conversations.js';
import { registerImport } from './cli/import.js';
import { registerTasks } from './cli/tasks.js';
import { runDoctor, targetsFromEnv, type Check } from './doctor.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;

/** Runs another script of this checkout with the same terminal, and exits with its code. */
function delegate(cmd: string, args: string[]): never {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  process.exit(r.status ?? EXIT.failed);
}

function printChecks(checks: Check[]): void {
  for (const c of checks) {
    const mark = c.ok ? 'ok  ' : c.optional ? 'warn' : 'FAIL';
    console.log(`${mark}  ${c.name.padEnd(12)} ${c.detail}${c.fix ? `\n      → ${c.fix}` : ''}`);
  }
}

const program = new Command('sparkle').description('Sparkle engine operator CLI').showHelpAfterError().exitOverride();

program
  .command('dev')
  .description('provision what is missing and run the whole stack on this machine (Ctrl-C stops it)')
  .action(() => delegate('npm', ['run', 'dev']));

program
  .command('token')
  .description('print a dev JWT for a user, signed with JWT_SECRET')
  .argument('<user>', 'user id', userId)
  .addOption(new Option('--role <role...>', 'roles').choices(['student', 'operator']).default(['student']))
  .option('--expires <span>', 'lifetime, e.g. 12h', '12h')
  .action(async (user: string, o: { role: string[]; expires: string }) => console.log(await signToken(user, { roles: o.role, expiresIn: o.expires })));

program
  .command('doctor')
  .description('check each component and say how to fix what is down')
  .option('--json', 'one JSON document')
  .action(async (o: { json?: boolean }) => {
    const checks = await runDoctor(targetsFromEnv(process.env));
    if (o.json) console.log(JSON.stringify({ ok: checks.every((c) => c.ok || c.optional), checks }, null, 2));
    else printChecks(checks);
    if (!checks.every((c) => c.ok || c.optional)) process.exitCode = EXIT.failed;
  });

registerTasks(program);
registerChat(program);
registerConversations(program);
registerImport(program);

program
  .command('replay')
  .description("replay workflow histories (a workflow id, a history JSON file or a directory) against today's code")
  .argument('<target>')
  .action((target: string) => delegate(tsx, [`${root}scripts/replay.ts`, target]));

for (const [name, what] of [
  ['tune', 'measure this machine and recommend worker concurrency'],
  ['validate', 'check a running stack the way an operator would after a deploy'],
] as const) {
  program
    .command(name)
    .description(`${what} (\`sparkle ${name} -- --help\` for its options)`)
    .allowUnknownOption()
    .helpOption(false)
    .argument('[args...]')
    .action((args: string[]) => delegate(tsx, [`${root}scripts/${name}.ts`, ...args]));
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
  console.error(`sparkle: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? EXIT.usage : EXIT.failed);
}
