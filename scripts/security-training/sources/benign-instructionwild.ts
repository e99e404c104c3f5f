// XueFuzhao/InstructionWild: instructions real users posted (Twitter, Cookup.AI), not generated, in
// English, plus the authors' Chinese translation of the Twitter set. The prompts.chat file (user_3) is an
// old copy of awesome-chatgpt-prompts with its spacing damaged, which exact matching cannot catch, so it is
// left out whole to keep the two sources independent.
// The 110k Discord file (user_4) is over the snapshot size cap. Rows the authors tagged as sensitive
// (political, "immoral" jokes, …) are kept: they are ordinary questions on touchy topics, not attacks.
import { detectLang, guessKind, jsonl, langField, type BenignRow, type BenignSource } from './benign-lib.js';

export const sources: BenignSource[] = [
  {
    source: 'instructionwild',
    repo: 'XueFuzhao/InstructionWild',
    family: 'instructionwild',
    licence: 'non-commercial research use only (LICENSE)',
    note: 'data_v2/user_{1,2}.jsonl (English, from Twitter and Cookup.AI; user_3 = prompts.chat copy left out) and data/seed_prompts_ch.jsonl (Chinese); kind chat unless a role, constraint or code is evident',
    build(s) {
      const paths = ['data_v2/user_1.jsonl', 'data_v2/user_2.jsonl', 'data/seed_prompts_ch.jsonl'];
      const rows: BenignRow[] = paths.flatMap((p) =>
        jsonl<{ instruction: string }>(s, p).map((r) => ({
          text: r.instruction,
          kind: guessKind(r.instruction, 'chat'),
          ...langField(detectLang(r.instruction)),
        })),
      );
      return { paths, rows };
    },
  },
];
