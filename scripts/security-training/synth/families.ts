// The second generation of synthetic families (issue 15): each is sampled on its own seeded stream with its
// own row budget, so adding or resizing one family never changes the rows of another.
import type { Family } from '../synth-lib.js';
import { CODE_DOCSTRING, SECURITY_EDU } from './code.js';
import { ENCODED_LEGIT } from './encoded-legit.js';
import { INDIRECT_DATA, PASTED_DATA } from './indirect.js';
import { ENCODED_PAYLOAD, SHORT_OVERRIDE } from './overrides.js';
import { OUTPUT_CONSTRAINT, PERSONA } from './persona.js';
import { PROBE } from './probe.js';
import { CREATIVE_SAFE, PERSUASIVE_ROLEPLAY } from './roleplay.js';
import { ADV_SUFFIX, NOISY_BENIGN } from './suffix.js';

export const FAMILIES: Family[] = [
  PROBE, SHORT_OVERRIDE, ENCODED_PAYLOAD, INDIRECT_DATA, ADV_SUFFIX, PERSUASIVE_ROLEPLAY,
  PERSONA, OUTPUT_CONSTRAINT, CODE_DOCSTRING, SECURITY_EDU, PASTED_DATA, ENCODED_LEGIT, NOISY_BENIGN, CREATIVE_SAFE,
];
