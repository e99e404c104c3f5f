// `sparkle conversations [id]`: a user's conversations (GET /api/conversations), or one conversation's messages
// (GET /api/conversations/:id/messages). Another user's conversation answers 404 like an unknown one (exit 1).
import type { Command } from 'commander';
import { api, clientId, positiveInt, printJson, targetOptions, type Target } from './common.js';

interface ConversationSummary {
  id: string;
  title: string | null;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
}

interface Message {
  id: string;
  role: string;
  content: string;
  createdAt: string;
}

interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

interface ConversationsOptions extends Target {
  limit?: number;
  cursor?: string;
  json?: boolean;
}

const more = (cursor: string | null | undefined) => cursor && console.log(`more: --cursor ${cursor}`);
const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');

async function listConversations(o: ConversationsOptions): Promise<void> {
  const q = new URLSearchParams({ limit: String(o.limit ?? 20), ...(o.cursor ? { cursor: o.cursor } : {}) });
  const page = await api<Page<ConversationSummary>>(o, `/conversations?${q}`);
  if (o.json) return printJson(page);
  if (!page.items.length) return console.log('no conversations');
  for (const c of page.items) {
    console.log(`${when(c.updatedAt)}  ${String(c.messageCount).padStart(4)} msgs  ${c.id}  ${c.title ?? ''}`.trimEnd());
  }
  more(page.nextCursor);
}

async function showConversation(id: string, o: ConversationsOptions): Promise<void> {
  const q = new URLSearchParams({ limit: String(o.limit ?? 50), ...(o.cursor ? { before: o.cursor } : {}) });
  const page = await api<Page<Message> & { conversationId: string }>(o, `/conversations/${encodeURIComponent(id)}/messages?${q}`);
  if (o.json) return printJson(page);
  // Oldest first reads as a transcript, whatever order the page came in.
  const items = [...page.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (!items.length) return console.log('no messages');
  for (const m of items) console.log(`[${when(m.createdAt)}] ${m.role}: ${m.content}\n`);
  more(page.nextCursor);
}

export function registerConversations(program: Command): void {
  targetOptions(program.command('conversations').description("list a user's conversations (latest first), or with an id print its messages"))
    .argument('[id]', 'a conversation id: print its messages', clientId)
    .option('--limit <n>', 'page size (default: 20 conversations, 50 messages)', positiveInt)
    .option('--cursor <cursor>', 'the next page: the nextCursor of the previous answer')
    .option('--json', 'the JSON page as the gateway answers it ({ items, nextCursor? })')
    .action((id: string | undefined, o: ConversationsOptions) => (id ? showConversation(id, o) : listConversations(o)));
}
