// Shared pieces of the benign importers (benign-*.ts): the row kinds, an honest per-row kind guess for
// sources that carry no usable category, language tags, and the deterministic "paste" wrappers used where a
// source gives a passage or a code file rather than a message (a student pastes it with a request).
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { francAll } from 'franc-min';
import { dedupKey, readAt, type Snapshot } from './lib.js';

export type BenignKind = 'persona' | 'instruction' | 'constrained' | 'code' | 'question' | 'document' | 'chat' | 'scary';

export interface BenignRow {
  text: string;
  kind: BenignKind;
  lang?: string;
}

/** One output file: a public repository (pinned by `commit` when HEAD lacks the data) and how to read it. */
export interface BenignSource {
  source: string;
  repo: string;
  /** Commit to read instead of HEAD (e.g. the newest one where a data file is under the snapshot size cap). */
  commit?: string;
  /** Sources sharing a family hold the same items (translations, copies): hold them out together. */
  family: string;
  licence: string;
  note: string;
  /** Row cap for the file (deterministic sample); about 3000 unless a source needs less. */
  cap?: number;
  build(s: Snapshot): { paths: string[]; rows: BenignRow[] };
}

export const MAX_CHARS = 8000;

/**
 * JSON lines, tolerating hand-edited files: a record broken over several lines (a raw newline inside a
 * string) is rejoined with an escaped newline, and invalid escapes are read literally.
 */
export function jsonl<T>(s: Snapshot, path: string): T[] {
  return parseJsonLines<T>(readAt(s, path), path);
}

export function parseJsonLines<T>(text: string, path = 'input'): T[] {
  const out: T[] = [];
  let pending = '';
  for (const line of text.split(/\r?\n/)) {
    if (!pending && !line.trim()) continue;
    const candidate = pending ? `${pending}\\n${line}` : line;
    try {
      out.push(parseLenient<T>(candidate));
      pending = '';
    } catch {
      pending = candidate;
    }
  }
  if (pending.trim()) throw new Error(`${path}: unparseable record starting ${pending.slice(0, 80)}`);
  return out;
}

/** JSON.parse, retrying once with invalid escapes (a hand-edited file's "\8", "\-") read as literal backslashes. */
function parseLenient<T>(line: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    // Escape pairs are consumed left to right, so a valid "\\" is never split.
    const fixed = line.replace(/\\(.)/gs, (m, c: string) => ('"\\/bfnrtu'.includes(c) ? m : `\\\\${c}`));
    return JSON.parse(fixed.replace(/\t/g, '\\t')) as T;
  }
}

/** A gzip-compressed text file of the snapshot (readAt decodes as UTF-8, which would corrupt the bytes). */
export function gunzipAt(s: Snapshot, path: string): string {
  const bytes = execFileSync('git', ['--git-dir', s.gitDir, 'show', `${s.commit}:${path}`], { maxBuffer: 256 << 20 });
  return gunzipSync(bytes).toString('utf8');
}

export function json<T>(s: Snapshot, path: string): T {
  return JSON.parse(readAt(s, path)) as T;
}

/** Deterministic choice from a list, keyed by the text it is applied to. */
export function pick<T>(items: readonly T[], key: string): T {
  return items[parseInt(dedupKey(key).slice(0, 8), 16) % items.length]!;
}

/** Instruction plus optional input, the way a user would send both in one message. */
export function withInput(instruction: string, input?: string): string {
  const i = (input ?? '').trim();
  return i && i !== '<noinput>' ? `${instruction.trim()}\n\n${i}` : instruction.trim();
}

// A row is "template-only" when nothing but placeholders and punctuation is left once they are removed.
const PLACEHOLDER = /\$\{[^}]*\}|\{\{[^}]*\}\}|\[(?:insert|your|enter)[^\]]*\]|<[A-Z_ ]{3,}>/gi;
export function isTemplateOnly(text: string): boolean {
  return text.replace(PLACEHOLDER, '').replace(/[\s\p{P}\p{S}]/gu, '').length < 8;
}

// ---- kinds -------------------------------------------------------------------------------------------

// Role assignment in the languages the sources use. Matching any of these makes a row a persona request.
const PERSONA = [
  // The role is the model's ("you …", an imperative at a sentence start), not a character's in a story.
  /(?:^|[.!?:]\s+|\byou (?:will |to |should |must |can |could )?|\bplease )(?:act|behave|serve|function|pose|respond|speak|answer)s? (?:as|like) (?:a|an|the|my|if)\b/im,
  /\bI (?:want|would like|need) you to (?:act|be|pretend|play|become|take on|serve|function|respond as|roleplay)\b/i,
  /\b(?:pretend|imagine|suppose) (?:that )?(?:to be|you(?:'re| are)|you were)\b/i,
  /(?:^|[.!?:]\s+|, and |\band )(?:you are|you're) (?:now )?(?:a|an|the|my)\b|^as an? \w+(?: \w+)?,/im,
  /\brole[- ]?play\b|\bplay the (?:role|part)\b|\btake on the (?:role|persona)\b|\bin the (?:role|persona|character) of\b|^\W*(?:role|persona)\W*\s*:/im,
  /\bbe my (?:\w+ ){0,3}(?:teacher|tutor|coach|partner|mentor|guide|assistant|friend|interviewer|examiner)\b/i,
  /扮演|充当|角色扮演|表现得像|表現得像|假装你|假裝你|假设你|假設你|你现在是|你現在是|^你是一?[个名位個]|你(?:将|要|来)?担任|我(?:希望|想让|要)你(?:担任|作为|成为)/m,
  /として(?:振る舞|ふるま|行動|動作|演じ|答え|回答)|なりきって|ロールプレイ|^あなたは.{1,20}(?:です|だ)。/m,
  /역할(?:을|로)|인 척/,
  /\bact[úu]a(?:s|r)? como\b|\bact[úu]es como\b|\bimagina que eres\b|\bfinge (?:que eres|ser)\b|^eres un[ao]?\b/im,
  /\bagis(?:sez|sant)? (?:comme|en tant que)\b|\bimagine[sz]? que (?:tu es|vous êtes)\b|\bjoue[sz]? le rôle\b|^(?:tu es|vous êtes) un[e]?\b/im,
  /\bals (?:\w+ ){1,4}(?:agierst|fungierst|auftrittst)\b|\bstell dir vor,? du bist\b|\bschlüpfe in die rolle\b|^du bist (?:ein|eine|der|die)\b/im,
  /\bagisci come\b|\bfingi di essere\b|\bimmagina di essere\b|^sei un[ao]?\b/im,
  /\bв роли\b|\bпредстав(?:ь|ьте),? что (?:ты|вы)\b|\bсыграй(?:те)? роль\b|\bвыступи(?:те)? в качестве\b/i,
];
// Output constraints: format, length, a fixed answer set, forbidden characters.
const CONSTRAINED = [
  /\b(?:answer|respond|reply)(?: only)? (?:with|in|using) (?:a )?(?:yes|no|"yes"|'yes'|one word|a single|json|only|true|false)\b/i,
  /\bonly (?:answer|respond|reply|output|return|write|give|say|print)\b|\b(?:answer|respond|reply|output) only\b|\bnothing else\b|\byes["']? or ["']?no\b/i,
  /\b(?:in|as) (?:valid )?json\b|\bjson (?:format|object|array)\b|\bmarkdown table\b|\bbullet points?\b/i,
  /\bdo not use (?:any )?(?:commas|the letter|capital|lowercase)\b|\bwithout (?:using )?(?:any )?commas\b/i,
  /\b(?:no more than|at least|at most|fewer than|less than|under|exactly|maximum of|minimum of) \d+ (?:words|sentences|paragraphs|characters|bullet|lines|items)\b/i,
  /\b(?:in|using|use) (?:all )?(?:lowercase|uppercase|capital letters)\b|\bwrap your (?:entire )?(?:response|answer)\b|\b(?:end|start|begin) your (?:response|answer|reply) with\b/i,
  /只(?:回答|输出|回复)|不要(?:使用|用)逗号|以JSON|JSON格式|不(?:超过|少于)\d+个?字/i,
];
const CODE = /```|^\s*(?:def |class |import |from \S+ import|#include|function |const |let |public |SELECT |CREATE TABLE)|[;{}]\s*$/m;

export function isPersona(t: string): boolean {
  return PERSONA.some((r) => r.test(t));
}
export function isConstrained(t: string): boolean {
  return CONSTRAINED.some((r) => r.test(t));
}
export function isCode(t: string): boolean {
  const lines = t.split('\n');
  return /```/.test(t) || lines.filter((l) => CODE.test(l)).length >= 2;
}

/**
 * The kind of a row whose source gives no category: a role request first (it decides the policy question),
 * then an output constraint, code, a long pasted passage, a question; otherwise `fallback`.
 */
export function guessKind(text: string, fallback: BenignKind = 'instruction'): BenignKind {
  if (isPersona(text)) return 'persona';
  if (isConstrained(text)) return 'constrained';
  if (isCode(text)) return 'code';
  if (text.length > 700 && /\n/.test(text)) return 'document';
  if (fallback === 'instruction' && text.length < 400 && /[?？]\s*$/.test(text.trim())) return 'question';
  return fallback;
}

// ---- languages ---------------------------------------------------------------------------------------

const ISO3: Record<string, string> = {
  eng: 'en', spa: 'es', fra: 'fr', deu: 'de', ita: 'it', por: 'pt', tur: 'tr', nld: 'nl', pol: 'pl', rus: 'ru',
  ukr: 'uk', ind: 'id', vie: 'vi', ron: 'ro', swe: 'sv', ces: 'cs', hun: 'hu', arb: 'ar', pes: 'fa', hin: 'hi',
};

const EN_STOP = new Set(
  'the a an and or of to in on at for from with about is are was be you your i my me it this that what how why can do does please write give make explain'.split(' '),
);

/** Language of a row in a mixed source: by script for non-Latin text, franc (trigram model) for Latin text. */
export function detectLang(text: string): string {
  const t = text.replace(/```[\s\S]*?```/g, ' ');
  const count = (r: RegExp) => (t.match(r) ?? []).length;
  const han = count(/\p{Script=Han}/gu);
  const kana = count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const hangul = count(/\p{Script=Hangul}/gu);
  const letters = Math.max(1, count(/\p{L}/gu));
  if (kana > 5 && kana + han > letters * 0.3) return 'ja';
  if (hangul > letters * 0.3) return 'ko';
  if (han > letters * 0.3) return 'zh';
  if (count(/\p{Script=Cyrillic}/gu) > letters * 0.5) return 'ru';
  if (count(/\p{Script=Arabic}/gu) > letters * 0.5) return 'ar';
  if (count(/\p{Script=Devanagari}/gu) > letters * 0.5) return 'hi';
  if (count(/\p{Script=Thai}/gu) > letters * 0.5) return 'th';
  if (count(/\p{Script=Greek}/gu) > letters * 0.5) return 'el';
  // Trigram models mistake short English for French or Portuguese: English function words settle it first,
  // and franc must prefer another language clearly over English.
  const words = t.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (t.length < 80 || words.filter((w) => EN_STOP.has(w)).length >= Math.max(2, words.length * 0.12)) return 'en';
  const scores = francAll(t.slice(0, 2000), { minLength: 40, only: Object.keys(ISO3) });
  const eng = scores.find(([l]) => l === 'eng')?.[1] ?? 0;
  const [top, score] = scores[0] ?? ['und', 0];
  return top !== 'eng' && score - eng > 0.1 ? (ISO3[top] ?? 'en') : 'en';
}

/** `lang` is only set where not English (the row format's convention). */
export function langField(lang: string): { lang?: string } {
  return lang === 'en' ? {} : { lang };
}

// ---- paste wrappers (our own wording) ----------------------------------------------------------------

export const EXPLAIN_CODE = [
  'Can you explain what this code does?',
  'Explain this code step by step, I have an exam on algorithms next week.',
  "I found this in my course repo and don't understand it. What is it doing?",
  'What is the time complexity of this, and how does it work?',
  'Please walk me through this file line by line.',
  'Is there a bug in this? It is from my homework.',
  'Add comments to this code so a beginner can follow it.',
  'How would I write tests for this?',
];

/** Per-language requests for a pasted passage; the passage is in the same language. */
export const DOC_REQUESTS: Record<string, string[]> = {
  en: ['Summarise this passage in three sentences.', 'Can you summarize this for my notes?', 'What are the key points of this text?', 'Translate this into French, please.', 'Make five quiz questions from this paragraph.', 'Explain this text in simpler words.'],
  de: ['Fasse diesen Text in drei Sätzen zusammen.', 'Was sind die wichtigsten Punkte dieses Textes?', 'Erkläre mir diesen Abschnitt in einfachen Worten.', 'Übersetze das bitte ins Englische.'],
  es: ['Resume este texto en tres frases.', '¿Cuáles son las ideas principales de este texto?', 'Explícame este párrafo con palabras sencillas.', 'Tradúcelo al inglés, por favor.'],
  el: ['Συνόψισε αυτό το κείμενο σε τρεις προτάσεις.', 'Ποια είναι τα κύρια σημεία αυτού του κειμένου;', 'Μετάφρασέ το στα αγγλικά, παρακαλώ.'],
  ru: ['Кратко перескажи этот текст в трёх предложениях.', 'Какие главные мысли в этом тексте?', 'Объясни этот абзац простыми словами.', 'Переведи это на английский, пожалуйста.'],
  tr: ['Bu metni üç cümleyle özetle.', 'Bu metnin ana fikirleri nelerdir?', 'Bunu İngilizceye çevirir misin?'],
  ar: ['لخّص هذا النص في ثلاث جمل.', 'ما هي الأفكار الرئيسية في هذا النص؟', 'ترجم هذا إلى الإنجليزية من فضلك.'],
  vi: ['Tóm tắt đoạn văn này trong ba câu.', 'Những ý chính của đoạn văn này là gì?', 'Hãy dịch đoạn này sang tiếng Anh.'],
  th: ['สรุปข้อความนี้ให้หน่อยใน 3 ประโยค', 'ประเด็นสำคัญของข้อความนี้คืออะไร', 'ช่วยแปลเป็นภาษาอังกฤษหน่อย'],
  zh: ['请用三句话总结这段文字。', '这段文字的要点是什么？', '请用简单的话解释这一段。', '请把这段翻译成英文。'],
  hi: ['इस अनुच्छेद का तीन वाक्यों में सारांश दीजिए।', 'इस पाठ के मुख्य बिंदु क्या हैं?', 'कृपया इसका अंग्रेज़ी में अनुवाद करें।'],
  ro: ['Rezumă acest text în trei propoziții.', 'Care sunt ideile principale ale acestui text?', 'Tradu acest text în engleză, te rog.'],
};
