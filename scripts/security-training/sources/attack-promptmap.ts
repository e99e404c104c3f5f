// utkusen/promptmap: the attack prompts of its YAML test rules. Rule types: distraction (instruction
// override: `injection`), prompt_stealing (`extraction`), jailbreak (`jailbreak`); harmful, hate and
// social_bias rules are plain requests (`harmful`).
import { parse } from 'yaml';
import { listFiles, readAt, type Snapshot } from './lib.js';
import { licenceOf, scriptLang, writeAttacks, type AttackImporter, type AttackKind, type AttackRow } from './attack-shared.js';

const KIND: Record<string, AttackKind> = {
  distraction: 'injection',
  prompt_stealing: 'extraction',
  jailbreak: 'jailbreak',
  harmful: 'harmful',
  hate: 'harmful',
  social_bias: 'harmful',
};

export const promptmap: AttackImporter = {
  name: 'promptmap',
  repos: ['utkusen/promptmap'],
  run([s]: Snapshot[]) {
    const paths = listFiles(s!, 'rules').filter((p) => p.endsWith('.yaml'));
    const rows: AttackRow[] = [];
    for (const p of paths) {
      const rule = parse(readAt(s!, p)) as { type?: string; prompt?: string };
      const kind = rule.type ? KIND[rule.type] : undefined;
      if (!kind || !rule.prompt) continue;
      rows.push({ text: rule.prompt, kind, lang: scriptLang(rule.prompt) });
    }
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths,
        licence: licenceOf(s!),
        note: 'The prompt of every promptmap rule; kind from the rule type.',
      },
      rows,
    );
  },
};
