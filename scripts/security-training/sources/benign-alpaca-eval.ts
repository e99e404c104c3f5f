// tatsu-lab/alpaca_eval: the 805 AlpacaEval instructions (from OpenAssistant, Koala, Anthropic's helpful
// base, Self-Instruct and Vicuna), read from one model's outputs file, which repeats every instruction.
// Rows also found in self-instruct or mt-bench are removed by the runner's cross-source de-duplication.
import { detectLang, guessKind, json, langField, type BenignSource } from './benign-lib.js';

export const sources: BenignSource[] = [
  {
    source: 'alpaca-eval',
    repo: 'tatsu-lab/alpaca_eval',
    family: 'alpaca-eval',
    licence: 'code Apache-2.0 (LICENSE); data CC BY-NC 4.0 (README badge)',
    note: 'results/text_davinci_001/model_outputs.json: the evaluation instructions (field instruction); real user requests from oasst/koala/helpful_base',
    build(s) {
      const path = 'results/text_davinci_001/model_outputs.json';
      const rows = json<{ instruction: string }[]>(s, path).map((r) => ({
        text: r.instruction,
        kind: guessKind(r.instruction),
        ...langField(detectLang(r.instruction)),
      }));
      return { paths: [path], rows };
    },
  },
];
