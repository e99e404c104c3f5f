// yizhongw/self-instruct: the 175 hand-written seed tasks and the 252 user-oriented evaluation instructions
// (written by the authors with an app in mind: Grammarly, Gmail, a tutor …), each with its first instance's
// input. tatsu-lab/stanford_alpaca's seed_tasks.jsonl is the same file, and its 52k alpaca_data.json is over
// the snapshot size cap, so Alpaca has no separate source.
import { guessKind, jsonl, withInput, type BenignKind, type BenignRow, type BenignSource } from './benign-lib.js';

interface Task {
  instruction: string;
  instances: { input: string }[];
}

/** Instruction + input; a long pasted input (an email, an article) makes it a document task. */
export function taskRow(instruction: string, input: string | undefined, lang?: string): BenignRow {
  const text = withInput(instruction, input);
  let kind: BenignKind = guessKind(text);
  if ((input ?? '').length > 400 && (kind === 'instruction' || kind === 'question')) kind = 'document';
  return { text, kind, ...(lang ? { lang } : {}) };
}

export const sources: BenignSource[] = [
  {
    source: 'self-instruct',
    repo: 'yizhongw/self-instruct',
    family: 'self-instruct',
    licence: 'Apache-2.0 (LICENSE)',
    note: 'data/seed_tasks.jsonl and human_eval/user_oriented_instructions.jsonl: human-written instructions with their first instance input',
    build(s) {
      const paths = ['data/seed_tasks.jsonl', 'human_eval/user_oriented_instructions.jsonl'];
      const rows = paths.flatMap((p) => jsonl<Task>(s, p).map((t) => taskRow(t.instruction, t.instances[0]?.input)));
      return { paths, rows };
    },
  },
];
