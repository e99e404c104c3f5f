// The contract of the security chain's guards. Guards are pure functions of text (no I/O), so the same code
// runs in the activities, in `npm run guard:scan` and in the benchmarks.

/** What a policy does with a category the input guard found. */
export type GuardAction = 'block' | 'flag' | 'sanitise';

export const INPUT_CATEGORIES = [
  'injection', // "ignore previous instructions", instruction overrides, indirect injection in pasted documents
  'jailbreak', // role-play jailbreaks (DAN and friends), "no restrictions" personas
  'prompt_extraction', // attempts to read the system prompt or hidden configuration
  'role_tag', // fake chat-template role markers: <|im_start|>system, [INST], <<SYS>>, "### System:"
  'xss', // HTML/JS payloads, javascript: URLs, event-handler attributes
  'exfiltration', // markdown images / links that smuggle data to a URL
  'too_long', // over the token budget of one message
] as const;
export type InputCategory = (typeof INPUT_CATEGORIES)[number];

export interface Finding {
  category: InputCategory;
  /** Stable id of the rule (or `classifier`) that fired, e.g. `inj.override.ignore_previous`. */
  ruleId: string;
  /** 0..1 confidence. */
  score: number;
}

export interface InputVerdict {
  /** True when the policy of any finding's category is `block`. */
  blocked: boolean;
  categories: InputCategory[];
  rules: string[];
  /** The highest finding score (0 when nothing was found). */
  score: number;
  findings: Finding[];
  /** The text with sanitised parts removed, when a `sanitise` policy applied. */
  sanitised?: string;
}

export interface InputGuardOptions {
  /** Longest message, in tokens (counted with the real tokenizer). */
  maxTokens: number;
  policy: Record<InputCategory, GuardAction>;
}

export const DEFAULT_INPUT_POLICY: Record<InputCategory, GuardAction> = {
  injection: 'block',
  jailbreak: 'block',
  prompt_extraction: 'block',
  role_tag: 'block',
  xss: 'block',
  exfiltration: 'block',
  too_long: 'block',
};

/** Kinds of sensitive output, each replaced by a typed placeholder such as `[REDACTED:api_key]`. */
export const OUTPUT_KINDS = [
  'api_key', // vendor keys (OpenAI, AWS, GitHub, ...), bearer tokens, random tokens named as credentials
  'jwt',
  'private_key',
  'password', // in assignments and on command lines
  'connection_string', // credentials inside a URL / DSN
  'credit_card', // Luhn-valid only
  'iban', // mod-97 valid only
  'cn_id', // Chinese resident ID with a valid checksum
  'ssn',
  'national_id', // identity numbers of other countries (NINO, Aadhaar, DNI, PESEL, BSN, RRN, ...), checksum-valid
  'tax_id', // personal tax numbers (TFN, PAN, German IdNr, CPF/CNPJ, US ITIN)
  'health_id', // health-service numbers (NHS, Medicare)
  'passport', // named by a context word: the formats are generic
  'driver_licence', // likewise
  'crypto_address', // BTC (base58check, bech32), ETH, and other chains with a checksum or a fixed shape
  'bank_account', // account numbers (BBAN, routing + account) named by a context word
  'ip_address', // public IPv4/IPv6 (private, documentation and well-known resolver addresses stay)
  'address', // street addresses named by a context word, or with a street type and house number
  'email',
  'phone',
  'xss', // active HTML/JS in model output (neutralised, not just removed)
] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export interface Redaction {
  kind: OutputKind;
  ruleId: string;
}

export interface OutputVerdict {
  /** The text safe to show: every finding replaced by `[REDACTED:<kind>]`, active markup neutralised. */
  text: string;
  redactions: Redaction[];
}

export const placeholder = (kind: OutputKind) => `[REDACTED:${kind}]`;
