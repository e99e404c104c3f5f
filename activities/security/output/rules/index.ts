// Detectors of the output guard: secrets, PII and active markup in model output, in priority order (on a
// tie the earlier rule names the finding). The machinery (rule shapes, streaming-safety contract) is in
// output/rule-kit.ts; each family lives in its own file under output/rules/.
import { ADDRESS_RULES } from './addresses.js';
import { CREDENTIAL_RULES } from './credentials.js';
import { CRYPTO_RULES } from './crypto.js';
import type { Rule } from '../rule-kit.js';
import { DOCUMENT_RULES } from './documents.js';
import { LABELLED_RULES } from './labelled.js';
import { MARKUP_RULES } from './markup.js';
import { NATIONAL_ID_RULES } from './national-ids.js';
import { NETWORK_RULES } from './network.js';
import { PHONE_RULES } from './phones.js';
import { PII_RULES } from './pii.js';
import { PROSE_TOKEN_RULES } from './prose-tokens.js';
import { SECRET_RULES } from './secrets.js';

export { LOOKBEHIND, type Hit, type Rule, type RuleResult, type ScanView } from '../rule-kit.js';

export const OUTPUT_RULES: readonly Rule[] = [
  // secrets: known shapes first, then credentials named by their context, then unprefixed random tokens
  ...SECRET_RULES,
  ...CREDENTIAL_RULES,
  ...PROSE_TOKEN_RULES,
  // personal data: checksummed formats before context-named ones
  ...PII_RULES,
  ...NATIONAL_ID_RULES,
  ...DOCUMENT_RULES,
  ...CRYPTO_RULES,
  ...PHONE_RULES,
  ...NETWORK_RULES,
  // values a label names (addresses, account numbers, IDs without a validator)
  ...LABELLED_RULES,
  // street addresses by their structure (house number + street type of some locale)
  ...ADDRESS_RULES,
  // active markup
  ...MARKUP_RULES,
];
