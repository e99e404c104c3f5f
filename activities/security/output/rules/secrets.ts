// Credentials with a recognisable shape: vendor-prefixed tokens, JWTs, PEM private keys, bearer tokens.
import type { OutputKind } from '../../types.js';
import { hasDigit, hasLetter, isPlaceholder, jwtHeaderOk, looksFake } from '../validators.js';
import { before, reachRule, starterRule, type Check, type Rule } from '../rule-kit.js';

const TOKEN_END = /[^A-Za-z0-9_-]/g;

export const token = (kind: OutputKind, id: string, prefix: string, body: string, reach: number, check?: Check): Rule =>
  starterRule({
    kind, id, check, back: 0, reach, term: TOKEN_END,
    starter: new RegExp(`(?<![A-Za-z0-9_-])(?:${prefix})`, 'g'),
    starterMax: 12,
    re: new RegExp(`(?:${prefix})${body}(?![A-Za-z0-9_-])`, 'g'),
  });

/** Real tokens mix digits and letters; `sk-learn-is-a-package` does not. */
export const mixedToken: Check = (m) => hasDigit(m[0]) && /[A-Za-z].*[A-Za-z]/.test(m[0]) && !looksFake(m[0]);

/**
 * Vendor tokens whose prefix is distinctive (formats from the vendors' docs): one starter for all of them, so
 * adding a vendor costs no extra scan. [id suffix, prefix, body (after the prefix)].
 */
const VENDORS: readonly [string, string, string][] = [
  ['gitlab', 'gl(?:dt|ptt|rt|soat|cbt|ffct|imt|agent|oas)-', '[A-Za-z0-9_-]{20,64}'],
  ['gitlab_runner', 'GR1348941', '[A-Za-z0-9_-]{20}'],
  ['stripe_webhook', 'whsec_', '[A-Za-z0-9]{24,64}'],
  ['twilio', 'SK', '[0-9a-f]{32}'],
  ['sendgrid', 'SG\\.', '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'],
  ['mailgun', 'key-', '[0-9a-f]{32}'],
  ['shopify', 'shp(?:at|ca|pa|ss)_', '[a-fA-F0-9]{32}'],
  ['digitalocean', 'do[opr]_v1_', '[a-f0-9]{64}'],
  ['doppler', 'dp\\.(?:pt|st|sa|ct|scim|audit)\\.', '[A-Za-z0-9]{40,44}'],
  ['pypi', 'pypi-AgEIcHlwaS5vcmc', '[A-Za-z0-9_-]{50,1000}'],
  ['atlassian', 'ATATT3', '[A-Za-z0-9_=-]{180,200}'],
  ['databricks', 'dapi', '[a-f0-9]{32}(?:-\\d)?'],
  ['vault', 'hv[sb]\\.', '[A-Za-z0-9_-]{24,180}'],
  ['postman', 'PMAK-', '[a-f0-9]{24}-[a-f0-9]{34}'],
  ['linear', 'lin_(?:api|oauth)_', '[A-Za-z0-9]{40}'],
  ['grafana', 'gl(?:c|sa)_', '[A-Za-z0-9_+/=]{32,400}'],
  ['groq', 'gsk_', '[A-Za-z0-9]{48,56}'],
  ['replicate', 'r8_', '[A-Za-z0-9]{37}'],
  ['perplexity', 'pplx-', '[A-Za-z0-9]{48}'],
  ['xai', 'xai-', '[A-Za-z0-9]{60,90}'],
  ['huggingface_org', 'api_org_', '[A-Za-z0-9]{34}'],
  ['newrelic', 'NR(?:AK|II|JS|AA)-', '[A-Za-z0-9]{20,42}'],
  ['square', 'sq0(?:atp|csp)-|EAAA', '[A-Za-z0-9_-]{22,60}'],
  ['facebook', 'EAA[BCDM]', '[A-Za-z0-9]{80,300}'],
  ['intra42', 's-s4t2(?:ud|af)-', '[a-f0-9]{64}'],
  ['google_oauth', 'ya29\\.', '[A-Za-z0-9_-]{30,500}'],
  ['google_oauth_secret', 'GOCSPX-', '[A-Za-z0-9_-]{28}'],
  ['age', 'AGE-SECRET-KEY-1', '[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'],
  ['heroku', 'HRKU-', '[A-Za-z0-9_-]{30,80}'],
  ['sentry', 'sntr[ysu]_', '[A-Za-z0-9_=+/-]{40,300}'],
  ['alibaba', 'LTAI', '[A-Za-z0-9]{20}'],
  ['tencent', 'AKID', '[A-Za-z0-9]{32}'],
  ['jfrog', 'AKCp', '[A-Za-z0-9]{69}'],
  ['dynatrace', 'dt0c01\\.', '[A-Z0-9]{24}\\.[A-Z0-9]{64}'],
  ['pulumi', 'pul-', '[a-f0-9]{40}'],
  ['rubygems', 'rubygems_', '[a-f0-9]{48}'],
  ['flutterwave', 'FLWSECK(?:_TEST)?-', '[a-hA-H0-9]{32}-X'],
  ['notion', 'secret_|ntn_', '[A-Za-z0-9]{43,50}'],
  ['figma', 'figd_', '[A-Za-z0-9_-]{40}'],
  ['clojars', 'CLOJARS_', '[a-z0-9]{60}'],
  ['airtable', 'pat', '[A-Za-z0-9]{14}\\.[a-f0-9]{64}'],
  ['planetscale', 'pscale_(?:tkn|oauth|pw)_', '[A-Za-z0-9_.=-]{32,64}'],
  ['netlify', 'nfp_', '[A-Za-z0-9]{36,40}'],
  ['fly', 'fo1_|fm[12][ar]?_', '[A-Za-z0-9_+/=-]{40,400}'],
  ['prefect', 'pnu_', '[A-Za-z0-9]{36}'],
  ['readme', 'rdme_', '[a-z0-9]{70}'],
  ['scalingo', 'tk-us-', '[A-Za-z0-9_-]{48}'],
  ['shippo', 'shippo_(?:live|test)_', '[a-f0-9]{40}'],
  ['duffel', 'duffel_(?:test|live)_', '[A-Za-z0-9_=-]{43}'],
  ['easypost', 'EZ[AT]K', '[A-Za-z0-9]{54}'],
  ['typeform', 'tfp_', '[A-Za-z0-9_.=-]{59}'],
  ['mapbox', 'sk\\.eyJ', '[A-Za-z0-9_-]{50,120}\\.[A-Za-z0-9_-]{20,40}'],
  ['anthropic_admin', 'sk-ant-admin01-', '[A-Za-z0-9_-]{80,110}'],
  ['openshift', 'sha256~', '[A-Za-z0-9_-]{43}'],
  ['1password', 'ops_eyJ', '[A-Za-z0-9+/=_-]{250,1000}'],
  ['1password_key', 'A3-', '[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}'],
  ['sendinblue', 'xkeysib-', '[a-f0-9]{64}-[A-Za-z0-9]{16}'],
  ['mailchimp_oauth', 'mcpat_', '[A-Za-z0-9]{30,60}'],
  // more prefixes from the public secret-scanner rule sets (formats as the vendors document them)
  ['sourcegraph', 'sgp_(?:local_|[a-f0-9]{16}_)?', '[a-fA-F0-9]{40}'],
  ['sonarqube', 'sq[pua]_', '[a-f0-9]{40}'],
  ['tailscale', 'tskey-(?:auth|api|client|webhook|scim)?-?', '[A-Za-z0-9]{10,20}-[A-Za-z0-9]{20,40}'],
  ['supabase', 'sbp_', '[a-f0-9]{40}'],
  ['contentful', 'CFPAT-', '[A-Za-z0-9_-]{43}'],
  ['nuget', 'oy2', '[a-z0-9]{43}'],
  ['adafruit', 'aio_', '[A-Za-z0-9]{28}'],
  ['frameio', 'fio-u-', '[A-Za-z0-9_=-]{64}'],
  ['langsmith', 'lsv2_(?:pt|sk)_', '[a-f0-9]{32}_[a-f0-9]{10}'],
  ['dependency_track', 'odt_', '[A-Za-z0-9]{32,}'],
  ['terraform', '[A-Za-z0-9]{14}\\.atlasv1\\.', '[A-Za-z0-9_=-]{60,70}'],
  ['dropbox', 'sl\\.', '[A-Za-z0-9_-]{130,152}'],
  ['braintree', 'access_token\\$production\\$', '[0-9a-z]{16}\\$[0-9a-f]{32}'],
  ['amazon_mws', 'amzn\\.mws\\.', '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'],
  ['firecrawl', 'fc-', '[a-f0-9]{32}'],
  ['zuplo', 'zpka_', '[a-f0-9]{32}_[a-f0-9]{8}'],
  ['anthropic_api', 'sk-ant-api03-', '[A-Za-z0-9_-]{80,110}'],
  ['stability', 'sk-', '[A-Za-z0-9]{48}'],
  ['cohere', 'co-', '[A-Za-z0-9]{40}'],
];

const vendorRe = new RegExp(`(?:${VENDORS.map(([, p, b]) => `(${p}${b})`).join('|')})(?![A-Za-z0-9_-])`, 'g');

/** Hex-only bodies (Twilio SK, Mailgun key-) are also hashes in prose: only keep those not spelled out as one. */
const vendorCheck: Check = (m, src, off, v) => {
  const g = m.slice(1).findIndex((x) => x !== undefined);
  if (g < 0) return false;
  const [name] = VENDORS[g]!;
  const s = m[0];
  if (!hasDigit(s) || !/[A-Za-z].*[A-Za-z]/.test(s) || isPlaceholder(s) || looksFake(s)) return false;
  if (name === 'twilio' || name === 'databricks') {
    if (/\b(?:sha|md5|hash|digest|commit|checksum)\w*\W{0,3}$/i.test(before(v, off + m.index, 24))) return false;
  }
  return { id: `secret.${name}` };
};

const vendorStarter = new RegExp(
  `(?<![A-Za-z0-9_-])(?:${VENDORS.map(([, p]) => p).join('|')})`,
  'g',
);

/** The token every JWT tutorial shows (jwt.io: sub 1234567890, name John Doe) is an example, not a session. */
function sampleJwt(t: string): boolean {
  const seg = t.split('.')[1] ?? '';
  const body = Buffer.from(seg, 'base64url').toString('utf8');
  return /"sub"\s*:\s*"1234567890"/.test(body) && /John Doe/.test(body);
}

const AWS_CTX = /aws|amazon|\bA[KS]IA[A-Z0-9]{16}|secret|access.?key/i;

/**
 * A reach rule whose check needs `ctx` within `back` chars before the match: when the context occurs nowhere
 * from `from - back` on, no match can pass, so the scan is skipped (the bound is the one the rule would give).
 */
function guarded(ctx: RegExp, back: number, reach: number, rule: Rule): Rule {
  return {
    ...rule,
    next(v, from, resume) {
      const lo = Math.max(0, from - back - v.base);
      if (!ctx.test(v.t.slice(lo))) return { hit: null, bound: v.final ? Infinity : v.end - reach };
      return rule.next(v, from, resume);
    },
  };
}

export const SECRET_RULES: readonly Rule[] = [
  token('api_key', 'secret.anthropic', 'sk-ant-', '[A-Za-z0-9_-]{20,300}', 320, mixedToken),
  token('api_key', 'secret.openai', 'sk-', '(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,300}', 320, mixedToken),
  token('api_key', 'secret.github', 'gh[pousr]_|github_pat_', '[A-Za-z0-9_]{22,255}', 280, mixedToken),
  token('api_key', 'secret.slack', 'xox[abposre]-|xapp-', '[A-Za-z0-9-]{10,250}', 270, mixedToken),
  token('api_key', 'secret.stripe', '(?:sk|rk)_(?:live|test)_|pk_live_', '[A-Za-z0-9]{10,250}', 270, mixedToken),
  token('api_key', 'secret.huggingface', 'hf_', '[A-Za-z0-9]{30,40}', 60, mixedToken),
  token('api_key', 'secret.gitlab', 'glpat-', '[A-Za-z0-9_-]{20,60}', 80, mixedToken),
  token('api_key', 'secret.npm', 'npm_', '[A-Za-z0-9]{36}', 48, mixedToken),
  starterRule({
    kind: 'api_key', id: 'secret.vendor', starter: vendorStarter, starterMax: 24, back: 0, reach: 1100,
    term: /[^A-Za-z0-9_.~+/=-]/g, re: vendorRe, check: vendorCheck,
  }),
  starterRule({
    kind: 'api_key', id: 'secret.slack_webhook', starter: /hooks\.slack\.com\//g, starterMax: 16, back: 8,
    reach: 280, term: /[^A-Za-z0-9_/-]/g,
    re: /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{16,250}/g,
  }),
  starterRule({
    kind: 'api_key', id: 'secret.webhook_url', starter: /(?:\.webhook\.office\.com|discord(?:app)?\.com\/api\/webhooks)\//g,
    starterMax: 30, back: 50, reach: 300, term: /[\s"'<>)\]]/g,
    re: /https:\/\/[A-Za-z0-9.-]{0,40}(?:\.webhook\.office\.com\/webhookb2|discord(?:app)?\.com\/api\/webhooks)\/[A-Za-z0-9@/_.-]{20,250}/g,
  }),
  reachRule({ kind: 'api_key', id: 'secret.google', re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g, reach: 42 }),
  reachRule({
    kind: 'api_key', id: 'secret.aws_access_key_id', reach: 24, check: (m) => !looksFake(m[0]),
    re: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  }),
  guarded(AWS_CTX, 200, 42, reachRule({
    // 40 chars of base64 is common; only with mixed classes and an AWS context just before.
    kind: 'api_key', id: 'secret.aws_secret_key', reach: 42, re: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    check: (m, src, off, v) => {
      const s = m[0];
      if (!/[a-z]/.test(s) || !/[A-Z]/.test(s) || !hasDigit(s) || looksFake(s)) return false;
      return AWS_CTX.test(before(v, off + m.index, 200));
    },
  })),
  starterRule({
    // Azure AD client secret: 3 chars, a digit, `Q~`, then 31-34 chars.
    kind: 'api_key', id: 'secret.azure_ad_secret', starter: /\dQ~/g, starterMax: 3, back: 4, reach: 40,
    term: /[^A-Za-z0-9_~.-]/g, re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    check: (m) => !looksFake(m[0]),
  }),
  reachRule({
    // Facebook app access token: <app id>|<app secret>.
    kind: 'api_key', id: 'secret.facebook_app', reach: 50, re: /(?<![\w|])\d{15,16}\|[A-Za-z0-9_-]{26,28}(?![\w-])/g,
  }),
  reachRule({
    // Telegram bot token: <bot id>:<35 chars>.
    kind: 'api_key', id: 'secret.telegram', reach: 50, re: /(?<![\w:])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![\w-])/g,
  }),
  reachRule({
    // Discord bot token: base64 user id ([MNO]…, 24-28 chars) . 6-char timestamp . 27-38-char HMAC. The
    // shape alone is rare in prose; the three segments must still mix digits and both cases.
    kind: 'api_key', id: 'secret.discord_bot', reach: 80,
    re: /(?<![\w.-])[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}(?![\w.-])/g,
    check: (m) => hasDigit(m[0]) && /[a-z]/.test(m[0]) && /[A-Z].*[A-Z]/.test(m[0]) && !looksFake(m[0]),
  }),
  starterRule({
    kind: 'api_key', id: 'secret.bearer', starter: /\b[Bb]earer[ \t]+/g, starterMax: 9, back: 0, reach: 2100,
    term: /[^A-Za-z0-9._~+/=-]/g, re: /[Bb]earer[ \t]+([A-Za-z0-9._~+/-]{20,2000}=*)/dg, group: true,
    check: (m) => { const t = m[1] ?? ''; return hasDigit(t) && hasLetter(t) && !isPlaceholder(t); },
  }),
  starterRule({
    kind: 'jwt', id: 'secret.jwt', starter: /(?<![A-Za-z0-9_-])eyJ/g, starterMax: 3, back: 0, reach: 8192,
    term: /[^A-Za-z0-9_.=-]/g, re: /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g,
    check: (m) => jwtHeaderOk(m[0].slice(0, m[0].indexOf('.'))) && !sampleJwt(m[0]),
  }),
  starterRule({
    // Until the END line (or a char no key body contains); a header without key material is not redacted.
    kind: 'private_key', id: 'secret.private_key', starter: /-----BEGIN/g, starterMax: 10, back: 0, reach: 32768,
    term: /-----END[^-\n]{0,60}-----|[`<>{}[\];!?*#&|~$@%^]/g,
    re: /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----[\s\S]*/g,
    check: (m, src) => {
      const text = m[0];
      const closed = /-----END[^-\n]{0,60}-----$/.test(text);
      const body = text.slice(text.indexOf('-----', 10) + 5);
      if (!/[A-Za-z0-9+/=]{16,}/.test(body)) return false;
      let e = m.index + text.length;
      if (closed) return [m.index, e];
      if (/[`<>{}[\];!?*#&|~$@%^]$/.test(text)) e--; // the terminator itself is not key material
      while (e > m.index && /\s/.test(src[e - 1]!)) e--;
      return [m.index, e];
    },
  }),
];
