// Detectors of the output guard: secrets, PII and active markup in model output, in priority order (on a
// tie the earlier rule names the finding). The machinery (rule shapes, streaming-safety contract) is in
// recognizers/core.ts; each family lives in its own file under recognizers/.
import { ADDRESS_RULES } from './recognizers/addresses.js';
import { CREDENTIAL_RULES } from './recognizers/credentials.js';
import { CRYPTO_RULES } from './recognizers/crypto.js';
import type { Rule } from './recognizers/core.js';
import { DOCUMENT_RULES } from './recognizers/documents.js';
import { LABELLED_RULES } from './recognizers/labelled.js';
import { MARKUP_RULES } from './recognizers/markup.js';
import { NATIONAL_ID_RULES } from './recognizers/national-ids.js';
import { NETWORK_RULES } from './recognizers/network.js';
import { PHONE_RULES } from './recognizers/phones.js';
import { PII_RULES } from './recognizers/pii.js';
import { PROSE_TOKEN_RULES } from './recognizers/prose-tokens.js';
import { SECRET_RULES } from './recognizers/secrets.js';

export { LOOKBEHIND, type Hit, type Rule, type RuleResult, type ScanView } from './recognizers/core.js';

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
