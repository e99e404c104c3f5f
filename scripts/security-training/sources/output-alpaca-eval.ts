// Source `alpaca-eval-answers` (clean): real chat-model answers from tatsu-lab/alpaca_eval's published
// results (results/<model>/model_outputs.json: 805 instructions answered by each of ~200 models). 40 models
// spread over the list, 50 answers each: half with many digits or code (the hard part for an output guard),
// half any answer; each passes the clean policy of output-lib.ts (answers with e-mails, phone-like numbers,
// credentials and the like are dropped, counted in the manifest note).
import { dedupKey, mirror, readAt, listFiles, writeSource } from './lib.js';
import { cleanOnly, clean, spread, type OutRow } from './output-lib.js';

const REPO = 'tatsu-lab/alpaca_eval';
const MODELS = 40;
const PER_MODEL = 50;

interface Out { instruction: string; output: string; generator?: string }

export function build(): number {
  const s = mirror(REPO);
  if (!s) throw new Error(`fetch ${REPO} first`);
  const all = listFiles(s, 'results').filter((p) => /^results\/[^/]+\/model_outputs\.json$/.test(p)).sort();
  const step = Math.max(1, Math.floor(all.length / MODELS));
  const chosen: string[] = [];
  const groups: OutRow[][] = [];
  const dropped: Record<string, number> = {};
  for (let i = 0; i < all.length && chosen.length < MODELS; i += step) {
    const path = all[i] as string;
    let outs: Out[];
    try {
      outs = JSON.parse(readAt(s, path)) as Out[];
    } catch {
      continue; // absent from the snapshot (large file) or not JSON
    }
    chosen.push(path);
    const rows = outs.filter((o) => typeof o.output === 'string' && o.output.length >= 40 && o.output.length <= 8000)
      .sort((a, b) => dedupKey(a.output).localeCompare(dedupKey(b.output)))
      .map((o) => clean(o.output, /```/.test(o.output) ? 'code' : (o.output.match(/\d/g)?.length ?? 0) >= 12 ? 'numbers' : 'prose', 'en'));
    const ok = cleanOnly(rows);
    for (const [k, n] of Object.entries(ok.dropped)) dropped[k] = (dropped[k] ?? 0) + n;
    const hard = ok.rows.filter((r) => r.kind !== 'prose').slice(0, PER_MODEL / 2);
    const rest = ok.rows.filter((r) => !hard.includes(r)).slice(0, PER_MODEL - hard.length);
    groups.push([...hard, ...rest]);
  }
  return writeSource({ source: 'alpaca-eval-answers', direction: 'output', repo: REPO, commit: s.commit, paths: chosen,
    licence: 'Apache-2.0 (repository); outputs of the named models',
    note: `${PER_MODEL} answers of each of ${chosen.length} models, half digit/code-heavy; dropped by the clean policy: ${JSON.stringify(dropped)}` },
  spread(groups, MODELS * PER_MODEL));
}

if (process.argv[1]?.endsWith('output-alpaca-eval.ts')) build();
