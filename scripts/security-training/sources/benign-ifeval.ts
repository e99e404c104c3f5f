// IFEval, prompts with verifiable output constraints ("do not use any commas", "wrap your answer in JSON",
// "at least 300 words"), and its adaptations: Podtech-AI/IFEval (a copy of google-research's
// instruction_following_eval data, whose own repository is far over the snapshot cap), shisa-ai/M-IFEval
// (Spanish, French, Japanese; its English file is IFEval again, so it is skipped) and NLP-Core-Team/ruIFEval
// (Russian). Family "ifeval": hold out together.
import { jsonl, type BenignRow, type BenignSource } from './benign-lib.js';

const prompts = (rows: { prompt: string }[], lang?: string): BenignRow[] =>
  rows.map((r) => ({ text: r.prompt, kind: 'constrained', ...(lang ? { lang } : {}) }));

export const sources: BenignSource[] = [
  {
    source: 'ifeval',
    repo: 'Podtech-AI/IFEval',
    family: 'ifeval',
    licence: 'none stated in the copy; upstream google-research/instruction_following_eval is Apache-2.0',
    note: 'data/input_data.jsonl: the 541 IFEval prompts',
    build(s) {
      const path = 'data/input_data.jsonl';
      return { paths: [path], rows: prompts(jsonl(s, path)) };
    },
  },
  {
    source: 'ifeval-m',
    repo: 'shisa-ai/M-IFEval',
    family: 'ifeval',
    licence: 'Apache-2.0 (LICENSE.txt)',
    note: 'data/{es,fr,ja}_input_data.jsonl: M-IFEval prompts written for Spanish, French and Japanese',
    build(s) {
      const langs = ['es', 'fr', 'ja'];
      const paths = langs.map((l) => `data/${l}_input_data.jsonl`);
      return { paths, rows: langs.flatMap((l, i) => prompts(jsonl(s, paths[i]!), l)) };
    },
  },
  {
    source: 'ifeval-ru',
    repo: 'NLP-Core-Team/ruIFEval',
    family: 'ifeval',
    licence: 'none stated (no LICENSE file; adapted from IFEval, Apache-2.0)',
    note: 'data/ruIFEval_v0.1.jsonl: IFEval adapted to Russian',
    build(s) {
      const path = 'data/ruIFEval_v0.1.jsonl';
      return { paths: [path], rows: prompts(jsonl(s, path), 'ru') };
    },
  },
];
