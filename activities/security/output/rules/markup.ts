// Active markup in model output: neutralised (escaped), never removed, and left alone inside code, where
// markdown renders it as text.
import { placeholder } from '../../types.js';
import { inCode, reachRule, starterRule, type Rule } from '../rule-kit.js';

const DANGEROUS_TAGS = /^(?:script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|form|svg|math|template|noscript|portal|xml|import)$/i;
const DANGEROUS_ATTR = /(?:^|[\s"'/])on[a-z]{3,}\s*=|(?:javascript|vbscript|livescript)\s*:|data:\s*text\/html|srcdoc\s*=|formaction\s*=|xlink:href|&#x?[0-9a-f]{1,6};?/i;
const escapeTags = (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const MARKUP_RULES: readonly Rule[] = [
  starterRule({
    kind: 'xss', id: 'xss.tag', starter: /<\/?[A-Za-z]/g, starterMax: 3, back: 0, reach: 400, term: /[<>]/g,
    re: /<\/?([A-Za-z][\w:-]{0,30})(?![\w:-])[^<>]*>?/g, replace: escapeTags,
    check: (m, src, off, v) => {
      const attrs = m[0].slice(m[0].indexOf(m[1]!) + m[1]!.length);
      return (DANGEROUS_TAGS.test(m[1]!) || DANGEROUS_ATTR.test(attrs)) && !inCode(v, off + m.index);
    },
  }),
  reachRule({
    kind: 'xss', id: 'xss.script_url', reach: 24, re: /(?<![\w-])(?:javascript|vbscript|livescript)[\t ]{0,4}:(?=\S)|(?<![\w-])data:text\/html/gi,
    check: (m, src, off, v) => !inCode(v, off + m.index), replace: () => placeholder('xss'),
  }),
];
