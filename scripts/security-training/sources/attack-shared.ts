// Shared pieces of the public attack importers (attack-*.ts, run by attacks.ts).
//
// Every importer turns one repository snapshot (sometimes plus a second one that supplies harmful
// questions for its templates) into `input/<source>.jsonl` rows labelled `attack`, with an honest `kind`.
import { listFiles, readAt, sample, writeSource, type GuardRow, type Snapshot, type SourceInfo } from './lib.js';

/** What a row is, as defined in the task: the lead decides which kinds to train or evaluate on. */
export type AttackKind =
  | 'jailbreak' // persona / DAN / role-play set-ups
  | 'injection' // instruction override
  | 'extraction' // system-prompt leaking
  | 'indirect' // injection hidden in data (documents, emails, JSON, code comments, pages)
  | 'encoded' // base64 / hex / rot / leet / unicode / flipped payloads
  | 'suffix' // adversarial token-noise suffixes (GCG and kin)
  | 'persuasion' // persuasive or role-play framing of a harmful request without jailbreak vocabulary
  | 'probe' // plain requests for internal URLs, other users' data, shell/os commands, SQL injection
  | 'harmful'; // plain harmful request, no device at all

export interface AttackRow {
  text: string;
  kind: AttackKind;
  lang?: string;
}

/** A second repository an importer drew on (e.g. the harmful questions a template source is filled with). */
export interface AlsoUsed {
  repo: string;
  commit: string;
  paths: string[];
  licence: string;
  role: string;
}

export interface AttackImporter {
  /** Source name: the output file is input/<source>.jsonl (an importer may write more than one). */
  name: string;
  /** owner/name of every snapshot the importer needs, the primary one first. */
  repos: string[];
  run(snaps: Snapshot[]): number;
}

/** Rows per source, so no single source dominates the corpus. */
export const CAP = 3000;

/** Caps (deterministically), writes the source and returns the number of rows kept. */
export function writeAttacks(
  info: Omit<SourceInfo, 'direction'> & { also?: AlsoUsed[] },
  rows: AttackRow[],
  cap = CAP,
): number {
  const clean = rows
    .map((r) => ({ ...r, text: r.text.replace(/\r\n/g, '\n').trim() }))
    .filter((r) => r.text.length >= 8);
  // De-duplicate before sampling, so the cap counts distinct texts.
  const seen = new Set<string>();
  const unique = clean.filter((r) => {
    const k = r.text.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const kept = sample(unique, cap, (r) => r.text);
  const out: Omit<GuardRow, 'id' | 'source' | 'direction'>[] = kept.map((r) => ({
    text: r.text,
    label: 'attack',
    kind: r.kind,
    ...(r.lang && r.lang !== 'en' ? { lang: r.lang } : {}),
  }));
  const full: SourceInfo = { ...info, direction: 'input' };
  return writeSource(full, out);
}

/** The licence named by a repository's licence file (first meaningful line), or `none stated`. */
export function licenceOf(s: Snapshot, path = 'LICENSE'): string {
  if (!listFiles(s, path).includes(path)) return 'none stated (no licence file)';
  const text = readAt(s, path);
  const head = text.slice(0, 400);
  const known: [RegExp, string][] = [
    [/MIT License|Permission is hereby granted, free of charge/i, 'MIT'],
    [/Apache License\s*Version 2\.0/i, 'Apache-2.0'],
    [/GNU GENERAL PUBLIC LICENSE\s*Version 3/i, 'GPL-3.0'],
    [/GNU AFFERO GENERAL PUBLIC LICENSE/i, 'AGPL-3.0'],
    [/BSD 3-Clause|Redistribution and use in source and binary forms/i, 'BSD'],
    [/Creative Commons Attribution 4\.0|CC BY 4\.0/i, 'CC-BY-4.0'],
    [/LLAMA 3\.2 COMMUNITY LICENSE/i, 'Llama 3.2 Community License'],
  ];
  for (const [re, name] of known) if (re.test(head) || re.test(text.slice(0, 4000))) return `${name} (${path})`;
  return `${head.split('\n').map((l) => l.trim()).find(Boolean) ?? 'unknown'} (${path})`;
}

/** Fills a jailbreak template's question slot; null when the template has no slot we know. */
export function fill(template: string, question: string): string | null {
  const slots = [/\[INSERT PROMPT HERE\]/g, /\{query\}/g, /\[PROMPT\]/g, /<question>/g, /\{NEW_INSTRUCTION\}/g, /\{\{query\}\}/g];
  for (const re of slots) if (re.test(template)) return template.replace(re, () => question);
  return null;
}

/** Deterministic pick: the same (key, list) always gives the same element. */
export function pick<T>(items: readonly T[], key: string): T {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return items[h % items.length]!;
}

/** A language code from the dominant non-Latin script, for sources that do not say (Latin text: undefined). */
export function scriptLang(text: string): string | undefined {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const letters = count(/\p{L}/gu) || 1;
  const scripts: [RegExp, string][] = [
    [/[\u3040-\u30ff]/g, 'ja'],
    [/[\uac00-\ud7af]/g, 'ko'],
    [/\p{Script=Han}/gu, 'zh'],
    [/\p{Script=Cyrillic}/gu, 'ru'],
    [/\p{Script=Arabic}/gu, 'ar'],
    [/\p{Script=Devanagari}/gu, 'hi'],
    [/\p{Script=Bengali}/gu, 'bn'],
    [/\p{Script=Thai}/gu, 'th'],
    [/\p{Script=Greek}/gu, 'el'],
    [/\p{Script=Hebrew}/gu, 'he'],
  ];
  // Japanese kana beat Han (Japanese text mixes both).
  for (const [re, code] of scripts) if (count(re) / letters > 0.25) return code;
  return undefined;
}

/** Reads a JSON file of the snapshot. */
export function readJson<T = unknown>(s: Snapshot, path: string): T {
  return JSON.parse(readAt(s, path)) as T;
}

/** Lines of a text file, trimmed, blanks dropped. */
export function readLines(s: Snapshot, path: string): string[] {
  return readAt(s, path)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
