// deepmind/xquad: SQuAD v1.1 dev paragraphs and questions with professional translations into ten
// languages (its English file is the SQuAD subset, so SQuAD-explorer, whose dataset files are over the
// snapshot size cap, adds nothing). Questions are study questions; paragraphs become pasted documents
// with a request of our own wording in the paragraph's language, or one of its own questions after it.
import { sample } from './lib.js';
import { DOC_REQUESTS, json, langField, pick, type BenignRow, type BenignSource } from './benign-lib.js';

interface Squad {
  data: { paragraphs: { context: string; qas: { question: string }[] }[] }[];
}

const LANGS = ['en', 'ar', 'de', 'el', 'es', 'hi', 'ro', 'ru', 'th', 'tr', 'vi', 'zh'];
const DOCS_PER_LANG = 100;
const QUESTIONS_PER_LANG = 150;

export const sources: BenignSource[] = [
  {
    source: 'xquad',
    repo: 'deepmind/xquad',
    family: 'squad',
    licence: 'CC BY-SA 4.0 (CC-BY-SA4.0.txt, README)',
    note: `xquad.<lang>.json for ${LANGS.join(', ')}: ${QUESTIONS_PER_LANG} questions and ${DOCS_PER_LANG} paragraphs per language (sampled); paragraphs pasted with a summarise/translate/quiz request (ours) or with one of their questions`,
    build(s) {
      const paths = LANGS.map((l) => `xquad.${l}.json`);
      const rows: BenignRow[] = [];
      LANGS.forEach((lang, i) => {
        const paragraphs = json<Squad>(s, paths[i]!).data.flatMap((a) => a.paragraphs);
        const questions = paragraphs.flatMap((p) => p.qas.map((q) => q.question));
        for (const q of sample(questions, QUESTIONS_PER_LANG, (t) => t)) rows.push({ text: q, kind: 'question', ...langField(lang) });
        for (const p of sample(paragraphs, DOCS_PER_LANG, (x) => x.context)) {
          // Half the pastes ask about the passage, half ask for a summary/translation/quiz.
          const own = p.qas[0]?.question;
          const ask = own && pick([0, 1], p.context) === 0 ? own : pick(DOC_REQUESTS[lang] ?? DOC_REQUESTS.en!, p.context);
          rows.push({ text: `${p.context}\n\n${ask}`, kind: 'document', ...langField(lang) });
        }
      });
      return { paths, rows };
    },
  },
];
