// MT-bench and its translations: lm-sys/FastChat (MT-bench and the Vicuna bench, English),
// Modalities/MT-Bench-X (German, Spanish, French, Italian), Stability-AI/FastChat's Japanese MT-bench and
// pnu-clink/korean-mt-bench. One file per repository; all are family "mt-bench" (the same 80 questions
// translated), so hold them out together. Both turns are kept: the second is a follow-up a user really sends.
import { guessKind, jsonl, type BenignKind, type BenignRow, type BenignSource } from './benign-lib.js';

interface Question {
  category: string;
  turns: string[];
}

const CATEGORY: Record<string, BenignKind> = {
  roleplay: 'persona',
  coding: 'code',
  extraction: 'document',
  writing: 'instruction',
  math: 'question',
  reasoning: 'question',
  stem: 'question',
  humanities: 'question',
  generic: 'question',
  knowledge: 'question',
  'common-sense': 'question',
  fermi: 'question',
  counterfactual: 'question',
};

function rows(questions: Question[], lang?: string): BenignRow[] {
  return questions.flatMap((q) =>
    q.turns.map((text, turn) => {
      const byCategory = CATEGORY[q.category] ?? 'instruction';
      // A follow-up turn carries no pasted passage; an explicit output constraint is worth its own kind.
      const base: BenignKind = turn > 0 && byCategory === 'document' ? 'instruction' : byCategory;
      const guessed = guessKind(text, base);
      const kind: BenignKind = base === 'persona' ? 'persona' : guessed === 'constrained' ? 'constrained' : base;
      return { text, kind, ...(lang ? { lang } : {}) };
    }),
  );
}

export const sources: BenignSource[] = [
  {
    source: 'mt-bench',
    repo: 'lm-sys/FastChat',
    family: 'mt-bench',
    licence: 'Apache-2.0 (LICENSE)',
    note: 'fastchat/llm_judge/data/{mt_bench,vicuna_bench}/question.jsonl: every turn; kind from the category (roleplay → persona)',
    build(s) {
      const paths = ['fastchat/llm_judge/data/mt_bench/question.jsonl', 'fastchat/llm_judge/data/vicuna_bench/question.jsonl'];
      return { paths, rows: paths.flatMap((p) => rows(jsonl<Question>(s, p))) };
    },
  },
  {
    source: 'mt-bench-x',
    repo: 'Modalities/MT-Bench-X',
    family: 'mt-bench',
    licence: 'Apache-2.0 (LICENSE)',
    note: 'data/mt_bench_{DE,ES,FR,IT}/question.jsonl: MT-bench translated (corrected versions)',
    build(s) {
      const langs = ['de', 'es', 'fr', 'it'];
      const paths = langs.map((l) => `data/mt_bench_${l.toUpperCase()}/question.jsonl`);
      return { paths, rows: langs.flatMap((l, i) => rows(jsonl<Question>(s, paths[i]!), l)) };
    },
  },
  {
    source: 'mt-bench-ja',
    repo: 'Stability-AI/FastChat',
    family: 'mt-bench',
    licence: 'Apache-2.0 (LICENSE)',
    note: 'fastchat/llm_judge/data/japanese_mt_bench/question_full.jsonl (branch jp-stable): Japanese MT-bench, localised',
    build(s) {
      const path = 'fastchat/llm_judge/data/japanese_mt_bench/question_full.jsonl';
      return { paths: [path], rows: rows(jsonl<Question>(s, path), 'ja') };
    },
  },
  {
    source: 'mt-bench-ko',
    repo: 'pnu-clink/korean-mt-bench',
    family: 'mt-bench',
    licence: 'Apache-2.0 (LICENSE)',
    note: 'data/ko/questions.jsonl: Korean translation of MT-bench',
    build(s) {
      const path = 'data/ko/questions.jsonl';
      return { paths: [path], rows: rows(jsonl<Question>(s, path), 'ko') };
    },
  },
];
