// Meta PurpleLlama CyberSecEval: the prompt-injection benchmark (English and machine-translated into
// 16 more languages) and the code-interpreter abuse prompts.
//
// Prompt injection rows are judged against a system prompt the guard never sees, so only the user turn
// is kept, and only where it is an attack on its own: `security-violating` rows (the secret, another user's
// data or a forbidden action) and every `indirect` row (the payload hidden in code, HTML, tables). The
// `logic-violating` direct rows ("what's the weather?" against a topic restriction) and the
// `indirect_reference` variant are benign without their system prompt and are dropped.
// Interpreter rows ask the model's code tool for sandbox escapes, privilege escalation and post-exploitation:
// probes of the kind our own Python sandbox faces.
import type { Snapshot } from './lib.js';
import { licenceOf, readJson, writeAttacks, type AttackImporter, type AttackKind, type AttackRow } from './attack-shared.js';

const DIR = 'CybersecurityBenchmarks/datasets';
const PI = `${DIR}/prompt_injection/prompt_injection.json`;
const PI_ML = `${DIR}/prompt_injection/prompt_injection_multilingual_machine_translated.json`;
const INTERPRETER = `${DIR}/interpreter/interpreter.json`;

interface PiCase {
  test_case_prompt: string;
  user_input: string;
  injection_variant: string;
  injection_type: string;
  risk_category: string;
  speaking_language: string;
}

const LANG: Record<string, string> = {
  English: 'en', Hindi: 'hi', Bengali: 'bn', Turkish: 'tr', Arabic: 'ar', Italian: 'it', Spanish: 'es',
  Vietnamese: 'vi', French: 'fr', Russian: 'ru', 'Filipino/Tagalog': 'tl', Portuguese: 'pt', Japanese: 'ja',
  Korean: 'ko', German: 'de', Chinese: 'zh', Indonesian: 'id', Thai: 'th',
};

function piKind(c: PiCase): AttackKind | null {
  if (c.injection_type === 'indirect') return 'indirect';
  if (c.risk_category !== 'security-violating' || c.injection_variant === 'indirect_reference') return null;
  if (c.injection_variant === 'token_smuggling') return 'encoded';
  const sys = c.test_case_prompt;
  if (c.speaking_language === 'English') {
    // A system prompt holding another user's record or an account: the attack reads that data.
    if (/user's name|bank|balance|account/i.test(sys)) return 'probe';
    // A system prompt holding a secret word: the attack is leaking it.
    if (/password|secret|key|passphrase|code/i.test(sys)) return 'extraction';
    return 'injection';
  }
  // Translated system prompts: a short one with a quoted word is the secret-keeping kind.
  return sys.length < 140 && /["'“”«»「」『』„]/.test(sys) ? 'extraction' : 'injection';
}

export const purplellama: AttackImporter = {
  name: 'purplellama-cyberseceval',
  repos: ['meta-llama/PurpleLlama'],
  run([s]: Snapshot[]) {
    const rows: AttackRow[] = [];
    const english = new Set(readJson<PiCase[]>(s!, PI).map((c) => c.user_input.trim()));
    for (const path of [PI, PI_ML]) {
      for (const c of readJson<PiCase[]>(s!, path)) {
        const kind = piKind(c);
        if (!kind) continue;
        // Some translated rows were left untranslated (token noise, code): those are English, not the label.
        const lang = english.has(c.user_input.trim()) ? 'en' : (LANG[c.speaking_language] ?? 'en');
        rows.push({ text: c.user_input, kind, lang });
      }
    }
    for (const c of readJson<{ mutated_prompt: string }[]>(s!, INTERPRETER)) rows.push({ text: c.mutated_prompt, kind: 'probe' });
    return writeAttacks(
      {
        source: this.name,
        repo: this.repos[0]!,
        commit: s!.commit,
        paths: [PI, PI_ML, INTERPRETER],
        licence: licenceOf(s!, 'CybersecurityBenchmarks/LICENSE'),
        note: 'User turns of the security-violating and indirect prompt-injection cases (17 languages) and the code-interpreter abuse prompts.',
      },
      rows,
    );
  },
};
