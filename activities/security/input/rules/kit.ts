// The input rules' kit: the rule type, its constructor and the fragments several rules share, each named once.
// Rules run on the canonical text from ../normalize.ts (lower case, accents of Latin letters dropped, homoglyphs
// folded, leetspeak undone), so each pattern is written once, in lower case, without accents. `\s*` between
// words on purpose: de-spaced obfuscation ("ignoreallprevious") loses the spaces. Rules describe attack *shapes*
// (verb + target + qualifier), never sentences of a corpus.
//
// `weak` rules are ambiguous on their own (benign students say "from now on you..." or ask about <script>);
// the guard keeps a weak hit only when the classifier leans towards attack or a strong rule fired.
// `any` lists keys of which at least one must occur before the regex runs, and the regex then runs only
// near them: a cheap prefilter that keeps the guard well under a millisecond on 4 KB texts.
import type { InputCategory } from '../../types.js';

export interface InputRule {
  id: string;
  category: InputCategory;
  score: number;
  weak?: boolean;
  /** Prefilter keys, any of which must occur: [a-zа-я]+ keys match words by their first five letters (shorter
   *  keys: the whole word), other keys are literal substrings. */
  any: string[];
  re: RegExp;
  /** Rare part of the pattern (global regex): `re` then runs only on a window around each anchor match. */
  anchor?: RegExp;
  /** How far past a key a match may end (default 300 characters). */
  reach?: number;
  /** The pattern is anchored at a line start: its window starts at the key's line. */
  lineStart?: boolean;
}

export type RuleOptions = Pick<InputRule, 'weak' | 'anchor' | 'reach'>;
export const rule = (id: string, category: InputCategory, score: number, any: string[], re: RegExp, opts: RuleOptions = {}): InputRule =>
  ({ id, category, score, any, re, ...opts, lineStart: /\(\?:\^\|/.test(re.source) });


// ---- shared English fragments ------------------------------------------------------------------------------
// Imperative and gerund forms only: "the robot forgets its instructions" is a story, not a command.
export const IGNORE = String.raw`(?:ignor(?:e|ing)|disregard(?:ing)?|forget(?:ting)?|overrid(?:e|ing)|overlook(?:ing)?|discard(?:ing)?|abandon(?:ing)?|bypass(?:ing)?|neglect|set\s*aside|put\s*aside|pay\s*no\s*(?:attention|heed|mind)\s*to|(?:do\s*not|don'?t|stop|no\s*longer|never)\s*(?:follow|obey|adhere\s*to|comply\s*with|listen\s*to)(?:ing)?|throw\s*(?:away|out)|scrap|ditch|dismiss|wipe\s*(?:out|away)?)`;
export const ADJ = String.raw`(?:previous(?:ly)?|prior|preceding|above|earlier|former|original|initial|old|foregoing|existing|current|given|system|default|standing|preset|built-?in|programmed|safety|ethical|openai'?s?|developer'?s?|core|hidden|all\s*(?:of\s*)?(?:the|your|my)?|any|every)`;
export const OBJ = String.raw`(?:instructions?|instructed|directions?|directives?|guidelines?|guidance|prompts?|programming|polic(?:y|ies)|restrictions?|constraints?|limitations?|safeguards?|filters?|training|conditioning|protocols?|configuration|rules?|commands?|orders)`;
// "all", "any of", "every one of", "each of": quantifiers in front of the object.
export const QUANT = String.raw`(?:(?:all|any|each|every(?:\s*single)?(?:\s*one)?)\s*(?:of\s*)?)?`;
export const AI = String.raw`(?:ai|a\.i\.|assistant|chatbot|chat\s*bot|language\s*model|llm|gpt|chatgpt|claude|gemini|bot|model|agent)`;
export const EXT_VERB = String.raw`(?:show|print|reveal|output|display|tell|give|share|repeat|recite|dump|leak|expose|write|list|paste|provide|return|spell\s*out|disclose|read|copy|type\s*out|echo|send|encode|translate|quote|reproduce|render|divulge|unveil|let\s*me\s*see|see|view|access|read\s*out|get|obtain)`;
export const SECRET_TARGET = String.raw`(?:system[\s_-]*(?:prompt|message|instructions?|configuration|config|settings|rules|directives?)|(?:initial|original|starting|opening|hidden|secret|internal|confidential|underlying|pre|developer|core|verbatim)[\s_-]*(?:prompt|instructions?|directives?|configuration|config|guidelines|rules|setup)|(?:configuration|config|setup|startup|boot)[\s_-]*(?:prompt|message|instructions)|pre-?prompt|meta-?prompt|initiali[sz]ation[\s_-]*(?:text|string|prompt|instructions?|message|data)|context\s*window)`;
export const JS_SINK = String.raw`alert|prompt|confirm|eval|fetch|document\s*\.|window\s*\.|location|xmlhttprequest|atob|fromcharcode|localstorage|sessionstorage|cookie|import\s*\(|\.src\s*=|new\s*image|navigator\.|\\x[0-9a-f]{2}|javascript:`;
export const GIVEN = String.raw`(?:that\s*)?you\s*(?:were|have\s*been|'ve\s*been|got|received|are)\s*(?:given|told|provided|trained\s*(?:on|with)|programmed\s*with|fed|instructed\s*with)`;

// ---- shared prefilter keys ----------------------------------------------------------------------------------
/** The keys of IGNORE (first five letters of each verb, and the negated "follow" forms). */
export const IGNORE_KEYS = ['ignor', 'disre', 'forge', 'forgo', 'overr', 'overl', 'disca', 'aband', 'bypas', 'negle', 'aside', 'atten', 'heed', 'obey', 'adher', 'liste', 'throw', 'scrap', 'ditch', 'dismi', 'wipe', 'not follow', 'n\'t follow', 'stop follow', 'longer follow', 'never follow', 'notfollow'];
/** The keys of AI. */
export const AI_KEYS = ['ai', 'assis', 'chatb', 'chat', 'langu', 'llm', 'gpt', 'chatg', 'claud', 'gemin', 'bot', 'bots', 'model', 'agent', 'agents'];
