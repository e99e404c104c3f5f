// LianjiaTech/BELLE: the 1000-item Chinese evaluation set (eval/eval_set.json), instructions across twelve
// task types written for Chinese instruction-following models. The seed tasks in data/1.5M are a
// translation of self-instruct's, so they are left to that source.
import { guessKind, jsonl, type BenignKind, type BenignSource } from './benign-lib.js';

const CLASS: Record<string, BenignKind> = {
  code: 'code',
  'open qa': 'question',
  math: 'question',
  classification: 'question',
  'closed qa': 'document',
  summarization: 'document',
  extract: 'document',
};

export const sources: BenignSource[] = [
  {
    source: 'belle-eval',
    repo: 'LianjiaTech/BELLE',
    family: 'belle',
    licence: 'code Apache-2.0 (LICENSE); data per DATA_LICENSE (research use, ODC-By-style attribution)',
    note: 'eval/eval_set.json (JSON lines): every question; kind from its class (closed qa/summarization/extract → document when a passage is pasted)',
    build(s) {
      const path = 'eval/eval_set.json';
      const rows = jsonl<{ question: string; class: string }>(s, path).map((r) => {
        const byClass = CLASS[r.class.replace(/\s+/g, ' ')] ?? 'instruction';
        const base: BenignKind = byClass === 'document' && r.question.length < 300 ? 'instruction' : byClass;
        const g = guessKind(r.question, base);
        return { text: r.question, kind: g === 'persona' || g === 'constrained' ? g : base, lang: 'zh' };
      });
      return { paths: [path], rows };
    },
  },
];
