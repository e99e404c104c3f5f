// Writes synthetic.jsonl: seeded, deterministic synthetic attacks and benign prompts for the classifier.
//   npx tsx scripts/security-training/generate.ts [--seed 7] [--attacks 2600] [--benign 3600] [--family-scale 1]
// First generation (synth-attacks.ts, synth-benign.ts): one weighted draw over all templates. Second generation
// (synth/families.ts): each family on its own seeded stream with its own row budget (x --family-scale).
// Split: within each template family about a fifth of the templates go to `test` whole and about a
// seventh to `val` whole, so both the calibrated threshold and the held-out score reflect generalisation
// to unseen templates, not memory of them. Other texts: ~10% (by hash of the text) to `val`, rest `train`.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ATTACK_TEMPLATES } from './synth-attacks.js';
import { BENIGN_TEMPLATES } from './synth-benign.js';
import { makeRng, seedOf, type Rng, type Template } from './synth-lib.js';
import { FAMILIES } from './synth/families.js';

export interface Row {
  id: string;
  text: string;
  /** Always set by this generator; optional so importers of other corpora can share the type. */
  direction?: 'input';
  label: 'attack' | 'benign';
  split: 'train' | 'val' | 'test';
  source: string;
  /** The family: second component of the template id (`attack.probe.ssrf-en-0` -> `probe`). */
  kind?: string;
  lang?: string;
}

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};

export const unitHash = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0) / 2 ** 32;

/** Template ids held out whole: ~20% of each family to `test`, ~15% to `val` (families of >= 4 templates). */
function heldOutTemplates(templates: Template[]): Map<string, 'val' | 'test'> {
  const families = new Map<string, Template[]>();
  for (const t of templates) {
    const fam = t.id.slice(0, t.id.lastIndexOf('.'));
    families.set(fam, [...(families.get(fam) ?? []), t]);
  }
  const out = new Map<string, 'val' | 'test'>();
  for (const ts of families.values()) {
    if (ts.length < 3) continue;
    const sorted = [...ts].sort((a, b) => unitHash(a.id) - unitHash(b.id));
    const nTest = Math.max(1, Math.floor(ts.length * 0.2));
    const nVal = ts.length >= 4 ? Math.max(1, Math.floor(ts.length * 0.15)) : 0;
    sorted.slice(0, nTest).forEach((t) => out.set(t.id, 'test'));
    sorted.slice(nTest, nTest + nVal).forEach((t) => out.set(t.id, 'val'));
  }
  return out;
}

function sample(rng: Rng, templates: Template[], n: number, prefix: string, seen: Set<string>, held: Map<string, 'val' | 'test'>): Row[] {
  const total = templates.reduce((s, t) => s + t.weight, 0);
  const rows: Row[] = [];
  let guard = 0;
  while (rows.length < n && guard++ < n * 20) {
    let x = rng() * total;
    const t = templates.find((tt) => (x -= tt.weight) < 0) ?? templates[templates.length - 1]!;
    const text = t.gen(rng).trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    // Small families (no held-out template) still give a few texts to val, so every family is calibrated.
    const split = held.get(t.id) ?? (unitHash(text) < 0.1 ? 'val' : 'train');
    rows.push({ id: `syn-${prefix}-${rows.length}`, text, direction: 'input', label: t.label, split, source: `synthetic/${t.id}`, kind: t.id.split('.')[1]!, lang: t.lang });
  }
  return rows;
}

export function generate(seed: number, attacks: number, benign: number, familyScale = 1): Row[] {
  const rng = makeRng(seed);
  const held = heldOutTemplates([...ATTACK_TEMPLATES, ...BENIGN_TEMPLATES, ...FAMILIES.flatMap((f) => f.templates)]);
  const seen = new Set<string>();
  const rows = [...sample(rng, ATTACK_TEMPLATES, attacks, 'a', seen, held), ...sample(rng, BENIGN_TEMPLATES, benign, 'b', seen, held)];
  for (const f of FAMILIES) rows.push(...sample(makeRng(seedOf(f.kind, seed)), f.templates, Math.round(f.rows * familyScale), f.kind, seen, held));
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = generate(arg('seed', 7), arg('attacks', 2600), arg('benign', 3600), arg('family-scale', 1));
  const out = new URL('./synthetic.jsonl', import.meta.url);
  writeFileSync(out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const count = (f: (r: Row) => boolean) => rows.filter(f).length;
  for (const split of ['train', 'val', 'test'] as const) {
    console.log(`${split}: ${count((r) => r.split === split && r.label === 'attack')} attacks, ${count((r) => r.split === split && r.label === 'benign')} benign`);
  }
  console.log('family                label   train   val  test  langs');
  for (const f of FAMILIES) {
    const fr = rows.filter((r) => r.kind === f.kind);
    const n = (split: string) => String(fr.filter((r) => r.split === split).length).padStart(5);
    console.log(`${f.kind.padEnd(21)} ${f.label.padEnd(7)} ${n('train')} ${n('val')} ${n('test')}  ${new Set(fr.map((r) => r.lang)).size}`);
  }
  console.log(`wrote ${rows.length} rows to ${fileURLToPath(out)}`);
}
