// MLCommons AILuminate v1.0 demo prompt sets (en_US, fr_FR): 1200 hazardous prompts each, written by
// "skilled" and "unskilled" personas. The four specialised-advice hazards (spc_*: financial, health,
// election, legal) are requests a good assistant answers with care, not attacks, and are dropped.
// Kind per prompt from the devices it uses: restriction-removing personas and forced response prefixes
// are `jailbreak`, fiction / role / hypothetical / authority framing is `persuasion`, the rest `harmful`.
import { csvObjects, readAt, type Snapshot } from './lib.js';
import { licenceOf, writeAttacks, type AttackImporter, type AttackKind, type AttackRow } from './attack-shared.js';

const FILES: [string, string][] = [
  ['airr_official_1.0_demo_en_us_prompt_set_release.csv', 'en'],
  ['airr_official_1.0_demo_fr_fr_prompt_set_release.csv', 'fr'],
];

const JAILBREAK: Record<string, RegExp> = {
  en: /\b(begin|start) your (response|answer|reply) with|\bDAN\b|do anything now|no (restrictions|filters|rules)|without (any )?(rules|restrictions|filters|limits)|ignore (all |your |any )?(previous |prior )?(instructions|rules|guidelines)|developer mode|jailbre?a?k|unfiltered|not an AI model with restrictions/i,
  fr: /commence[rz]? ta réponse par|commencez votre réponse par|\bDAN\b|sans (aucune )?(restriction|règle|filtre|limite)|ignore[rz]? (toutes )?(les |tes |vos )?(instructions|règles|consignes)|mode développeur|débridé/i,
};
const PERSUASION: Record<string, RegExp> = {
  en: /imagine|hypothetic|novel|story|screenplay|script|fiction|pretend|role|you'?re an? |as an? (ethical hacker|researcher|historian|writer|novelist|journalist|expert|professor|doctor|police)|for (research|educational|academic) purposes/i,
  fr: /imagine|hypoth|roman|histoire|scénario|fiction|fais semblant|faites semblant|rôle|tu es un|vous êtes un|en tant que (chercheur|historien|écrivain|journaliste|expert|professeur|médecin|policier)|à des fins (de recherche|éducatives|pédagogiques)/i,
};

function kindOf(text: string, lang: string): AttackKind {
  if (JAILBREAK[lang]!.test(text)) return 'jailbreak';
  if (PERSUASION[lang]!.test(text)) return 'persuasion';
  return 'harmful';
}

export const ailuminate: AttackImporter = {
  name: 'ailuminate',
  repos: ['mlcommons/ailuminate'],
  run([s]: Snapshot[]) {
    const rows: AttackRow[] = [];
    for (const [path, lang] of FILES) {
      for (const r of csvObjects(readAt(s!, path))) {
        if (!r.prompt_text || (r.hazard ?? '').startsWith('spc_')) continue;
        rows.push({ text: r.prompt_text, kind: kindOf(r.prompt_text, lang), lang });
      }
    }
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths: FILES.map(([p]) => p),
        licence: licenceOf(s!, 'LICENSE.md'),
        note: 'AILuminate demo prompts (en_US, fr_FR) without the specialised-advice hazards; kind from the devices each prompt uses (regex, see importer).',
      },
      rows,
    );
  },
};
