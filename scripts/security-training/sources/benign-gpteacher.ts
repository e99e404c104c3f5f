// teknium1/GPTeacher: GPT-4-written role-play instructions ("You are a pirate captain …", "Role play as
// Charles Darwin …") and code-generation tasks in many programming languages. Synthetic, but phrased as
// users phrase such requests; the role-play set is the largest persona source after awesome-chatgpt-prompts.
import { sample } from './lib.js';
import { guessKind, json, withInput, type BenignRow, type BenignSource } from './benign-lib.js';

interface Item {
  instruction: string;
  input: string;
}

export const sources: BenignSource[] = [
  {
    source: 'gpteacher',
    repo: 'teknium1/GPTeacher',
    family: 'gpteacher',
    licence: 'MIT (LICENSE)',
    note: 'Roleplay/roleplay-simple-deduped-roleplay-instruct.json (all, persona) and a sample of Codegen/codegen-instruct.json (code); instruction + input as one message',
    build(s) {
      const roleplay = 'Roleplay/roleplay-simple-deduped-roleplay-instruct.json';
      const codegen = 'Codegen/codegen-instruct.json';
      // Role-play rows are persona requests by construction: the instruction casts the model in a role.
      const rows: BenignRow[] = json<Item[]>(s, roleplay).map((r) => ({ text: withInput(r.instruction, r.input), kind: 'persona' }));
      const code = json<Item[]>(s, codegen).map((r) => withInput(r.instruction, r.input));
      for (const text of sample(code, 3000 - rows.length, (t) => t)) rows.push({ text, kind: guessKind(text, 'code') === 'persona' ? 'persona' : 'code' });
      return { paths: [roleplay, codegen], rows };
    },
  },
];
