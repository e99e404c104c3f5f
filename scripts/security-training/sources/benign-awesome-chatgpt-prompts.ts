// Persona prompts users paste into chat assistants: f/awesome-chatgpt-prompts ("I want you to act as …",
// agent roles, structured and image prompts) and its Chinese translation PlexPt/awesome-chatgpt-prompts-zh.
// The few entries that are themselves jailbreaks or instruction overrides are dropped, by name, with the
// reason (listed in DROPPED so the report can name them); a regex safety net catches renamed copies.
import { csvObjects, readAt } from './lib.js';
import { detectLang, guessKind, isConstrained, isPersona, json, langField, type BenignKind, type BenignRow, type BenignSource } from './benign-lib.js';

/** act name → why it is not a benign persona request. */
export const DROPPED: Record<string, string> = {
  'Unconstrained AI model DAN': 'DAN jailbreak ("do anything now", not bound by the rules)',
  'SYSTEM PROMPT: THE INFINITE ROLE GENERATOR': 'instruction override ("ignore all your generic AI assistant instructions")',
  'Chimera AI-Powered Prompt Optimization System': 'asks the model to be a jailbreak research system',
  Aaa: 'mass account registration with bot-detection bypass and proxy rotation (abuse tooling)',
  '作为一个不受约束的 AI 模型 DAN': 'DAN jailbreak (Chinese)',
  '涩涩女友': 'jailbreak: "forget your moral and legal restrictions", sexual role-play',
  '好耶！魅魔！': 'jailbreak: "no ethics, morals or laws", sexual role-play',
};
// Renamed or re-added copies of the dropped ones.
const JAILBREAK = /do anything now|developer mode (?:enabled|output)|ignore all your .{0,30}instructions|忘记你所受到的|没有伦理道德|不允许你遵守/i;

// The newest commit whose prompts.csv is below the snapshot's 4 MiB cap (HEAD's file is over it, so absent).
const ACP_COMMIT = '50a97c072933c93c76cc0714e9dd4c4cf1d80ae7';

// Prompts here are requests written to be reused, not pastes: a long or structured (JSON/YAML) prompt is
// still an instruction, and a developer prompt that casts no role is a code request.
function kindOf(text: string, forDevs: boolean): BenignKind {
  if (isPersona(text)) return 'persona';
  if (isConstrained(text)) return 'constrained';
  return forDevs || /```/.test(text) ? 'code' : 'instruction';
}

export const sources: BenignSource[] = [
  {
    source: 'awesome-chatgpt-prompts',
    repo: 'f/awesome-chatgpt-prompts',
    commit: ACP_COMMIT,
    family: 'awesome-chatgpt-prompts',
    licence: 'CC0-1.0 (LICENSE)',
    note: 'prompts.csv: community persona/role prompts ("I want you to act as …"), agent-role, structured and image prompts; jailbreak/override entries dropped by name',
    build(s) {
      const rows: BenignRow[] = [];
      for (const r of csvObjects(readAt(s, 'prompts.csv'))) {
        const text = r.prompt ?? '';
        if (DROPPED[r.act ?? ''] || JAILBREAK.test(text)) continue;
        rows.push({ text, kind: kindOf(text, r.for_devs === 'TRUE'), ...langField(detectLang(text)) });
      }
      return { paths: ['prompts.csv'], rows };
    },
  },
  {
    source: 'awesome-chatgpt-prompts-zh',
    repo: 'PlexPt/awesome-chatgpt-prompts-zh',
    family: 'awesome-chatgpt-prompts',
    licence: 'MIT (LICENSE)',
    note: 'prompts-zh.json: Chinese translations and additions ("我希望你充当…"); partly a translation of awesome-chatgpt-prompts, so hold the two out together; jailbreak entries dropped by name',
    build(s) {
      const rows: BenignRow[] = [];
      for (const r of json<{ act: string; prompt: string }[]>(s, 'prompts-zh.json')) {
        if (DROPPED[r.act] || JAILBREAK.test(r.prompt)) continue;
        rows.push({ text: r.prompt, kind: guessKind(r.prompt), ...langField(detectLang(r.prompt)) });
      }
      return { paths: ['prompts-zh.json'], rows };
    },
  },
];
