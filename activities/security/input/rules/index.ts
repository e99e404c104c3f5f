// Every pattern rule of the input guard, by category (kit.ts: how a rule is written). The order is the order the
// guard reports hits in.
import { EXTRACTION_RULES } from './extraction.js';
import { JAILBREAKS_RULES } from './jailbreaks.js';
import type { InputRule } from './kit.js';
import { MARKUP_RULES } from './markup.js';
import { MULTILINGUAL_RULES } from './multilingual.js';
import { OVERRIDES_RULES } from './overrides.js';

export type { InputRule } from './kit.js';

export const INPUT_RULES: InputRule[] = [...OVERRIDES_RULES, ...JAILBREAKS_RULES, ...EXTRACTION_RULES, ...MULTILINGUAL_RULES, ...MARKUP_RULES];
