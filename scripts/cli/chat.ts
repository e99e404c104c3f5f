// `sparkle chat`: an interactive terminal chat over the WebSocket, or with --message one turn for scripts
// (the answer on stdout, or one JSON object with --json; exit 0 when answered, 1 when blocked or failed).
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { ChatConnection, type ChatEnd, type TurnResult, type TurnView } from './chat-connection.js';
import { clientId, CliError, EXIT, gatewayOf, positiveInt, targetOptions, UsageError, type Target } from './common.js';

interface ChatOptions extends Target {
  conversation?: string;
  message?: string;
  json?: boolean;
  timeout: number;
}

const HELP = '/new starts a new conversation, /quit (or Ctrl-D) exits, /help shows this';

/** Prints deltas as they arrive; a reset says so and the answer starts again on a new line. */
function streamingView(out: NodeJS.WritableStream): TurnView & { started: boolean } {
  return {
    started: false,
    delta(text) {
      if (!this.started) out.write('tutor> ');
      this.started = true;
      out.write(text);
    },
    reset(why) {
      if (this.started) out.write(`\n↻ ${why}; the answer starts over:\n`);
      this.started = false;
    },
  };
}

const quiet: TurnView = { delta: () => undefined, reset: () => undefined };

/** The lines that follow an answer: cache, redactions, sources, tokens. */
function metaLines(end: Extract<ChatEnd, { type: 'chat.done' }>): string[] {
  const lines: string[] = [];
  if (end.cached) lines.push('(answered from the semantic cache)');
  if (end.redactions.length) lines.push(`redacted: ${end.redactions.map((r) => r.kind).join(', ')}`);
  if (end.sources?.length) lines.push(`sources: ${end.sources.map((s) => `${s.title} (${s.similarity.toFixed(2)})`).join('; ')}`);
  lines.push(`tokens: ${end.usage.promptTokens} in, ${end.usage.completionTokens} out`);
  return lines;
}

const failureLine = (end: Exclude<ChatEnd, { type: 'chat.done' }>) =>
  end.type === 'chat.blocked'
    ? `blocked by the ${end.layer} layer: ${end.reason}${end.rules.length ? ` (${end.rules.join(', ')})` : ''}`
    : `error ${end.code}: ${end.message}`;

/** Shows a finished turn in the interactive chat (the view has streamed the deltas). */
function showEnd(r: TurnResult, view: ReturnType<typeof streamingView>): void {
  const { end } = r;
  if (end.type !== 'chat.done') {
    if (view.started) process.stdout.write('\n');
    return console.log(failureLine(end));
  }
  // chat.done's text equals the deltas after the last reset; should a gateway ever break that, the text wins.
  if (r.streamed !== end.text) {
    view.reset('the final answer differs from the streamed one');
    view.delta(end.text);
  } else if (!view.started) view.delta(end.text);
  process.stdout.write('\n');
  for (const l of metaLines(end)) console.log(`  ${l}`);
}

async function oneShot(conn: ChatConnection, o: ChatOptions & { message: string }): Promise<void> {
  // On a terminal the answer streams; into a pipe only the final text goes, so a retried attempt never shows.
  const view = !o.json && process.stdout.isTTY ? streamingView(process.stdout) : quiet;
  const r = await conn.send(o.message, view, o.timeout * 1000);
  conn.close();
  const { end } = r;
  if (o.json) {
    console.log(
      JSON.stringify(
        end.type === 'chat.done'
          ? {
              id: end.id,
              workflowId: r.workflowId,
              conversationId: r.conversationId,
              text: end.text,
              usage: end.usage,
              redactions: end.redactions,
              sources: end.sources ?? [],
              ...(end.cached ? { cached: true } : {}),
            }
          : { ...end, ...(r.conversationId ? { conversationId: r.conversationId } : {}) },
        null,
        2,
      ),
    );
  } else if (end.type === 'chat.done') {
    if (view === quiet) process.stdout.write(`${end.text}\n`);
    else process.stdout.write(r.streamed === end.text ? '\n' : `\n${end.text}\n`);
    for (const l of [`conversation: ${r.conversationId}`, ...metaLines(end)]) console.error(l);
  } else {
    console.error(failureLine(end));
  }
  if (end.type !== 'chat.done') process.exitCode = EXIT.failed;
}

async function interactive(conn: ChatConnection, o: ChatOptions): Promise<void> {
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
  rl.setPrompt('you> ');
  const prompt = () => tty && rl.prompt();
  rl.on('SIGINT', () => {
    conn.close();
    process.stdout.write('\n');
    process.exit(130);
  });
  console.log(`connected to ${conn.url} as ${o.user}${o.conversation ? `, conversation ${o.conversation}` : ''}; ${HELP}`);
  prompt();
  let quit = false;
  for await (const raw of rl) {
    const line = raw.trim();
    if ((quit = line === '/quit' || line === '/exit')) break;
    if (line === '/new') {
      conn.conversationId = undefined;
      console.log('(your next message starts a new conversation)');
    } else if (line === '/help') console.log(HELP);
    else if (line.startsWith('/')) console.log(`unknown command ${line}; ${HELP}`);
    else if (line) {
      const view = streamingView(process.stdout);
      try {
        const r = await conn.send(line, view, o.timeout * 1000);
        showEnd(r, view);
      } catch (err) {
        // The gateway went away for longer than a reconnect waits: say so and keep the chat open.
        if (!(err instanceof CliError)) throw err;
        console.log(`${view.started ? '\n' : ''}${err.message}`);
      }
    }
    prompt();
  }
  if (tty && !quit) process.stdout.write('\n'); // Ctrl-D leaves the cursor after the prompt
  rl.close();
  conn.close();
}

async function chat(o: ChatOptions): Promise<void> {
  if (o.json && o.message === undefined) throw new UsageError('--json needs --message (one turn)');
  const conn = new ChatConnection(gatewayOf(o), o.user, (event, data) => {
    if (o.message === undefined) console.log(`· ${event} ${JSON.stringify(data)}`);
  });
  conn.conversationId = o.conversation;
  await conn.connect();
  if (o.message !== undefined) await oneShot(conn, { ...o, message: o.message });
  else await interactive(conn, o);
}

export function registerChat(program: Command): void {
  targetOptions(program.command('chat').description('chat with the tutor over the WebSocket: interactive, or one turn with --message'))
    .option('--conversation <id>', 'continue this conversation (default: a new one)', clientId)
    .option('-m, --message <text>', 'send one message, print the answer and exit (0 answered, 1 blocked or failed)')
    .option('--json', 'with --message: one JSON object, { conversationId, text, usage, redactions, sources } or the blocked/error frame')
    .addOption(new Option('--timeout <seconds>', 'give up on a turn after this long').argParser(positiveInt).default(300))
    .action(chat);
}
