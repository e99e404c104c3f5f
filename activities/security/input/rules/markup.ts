// Active HTML (XSS) and exfiltration through URLs and markdown images.
import { JS_SINK, rule, type InputRule } from './kit.js';

export const MARKUP_RULES: InputRule[] = [
  // ---- XSS / active HTML ----------------------------------------------------------------------------------------
  rule('xss.script_payload', 'xss', 0.97, ['scrip', 'img', 'svg', 'ifram', 'body'],
    // A payload right after the tag, or anywhere before its closing tag: prose that merely mentions
    // <script> and later prompt() is not code.
    new RegExp(String.raw`<\s*script\b[^>]*>\s*(?:${JS_SINK})|<\s*script\b[^>]*>[^<]{0,400}?(?:${JS_SINK})[^<]{0,400}<\s*\/\s*script|["'\x60]\s*>\s*<\s*(?:script|img|svg|iframe|body)\b`), { reach: 900 }),
  rule('xss.script_tag', 'xss', 0.55, ['scrip'], /<\s*\/?\s*script\b(?:[^>]*\bsrc\s*=|[^>]*>(?!\s*[`'"]))/, { weak: true }),
  rule('xss.event_handler', 'xss', 0.96, ['<', 'onerr', 'onloa', 'onmou', 'onfoc', 'onbeg', 'onpag', 'ontog', 'onani'],
    /<\s*[a-z][^>]{0,200}?[\s/"'`;]on[a-z]{3,20}[^=>]{0,40}=\s*["'`]?\s*(?:alert|prompt|confirm|eval|fetch|document\s*\.|window\s*\.|location|top\s*\[|self\s*\[|parent\s*\[|import|atob|fromcharcode|javascript:|&#|\\x|\\u|constructor|\[)|\bon(?:error|load|mouseover|focus|begin|pageshow|toggle|animationstart)\s*=\s*["'`]?\s*(?:alert|prompt|confirm|eval|javascript)/),
  rule('xss.event_handler_any', 'xss', 0.55, ['<'], /<\s*[a-z][^>]{0,200}?[\s/"'`;]on[a-z]{3,20}\s*=/, { weak: true }),
  rule('xss.js_url', 'xss', 0.96, ['javas', 'java', 'vbscr', 'vb', 'scrip'],
    /(?:j\s*a\s*v\s*a|v\s*b|l\s*i\s*v\s*e)\s*s\s*c\s*r\s*i\s*p\s*t\s*:(?!\s*void\s*\(\s*0\s*\))[\w(\/'"[{%&`]|(?:href|src|action|formaction|data|background|dynsrc|lowsrc|xlink:href|content|url)\s*[=(]\s*["'`]?\s*(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:/),
  rule('xss.data_url', 'xss', 0.95, ['data'], /\bdata\s*:\s*(?:text\/html|image\/svg\+xml|application\/(?:x-)?(?:javascript|ecmascript|xhtml))/),
  rule('xss.css_expression', 'xss', 0.93, ['expre', 'bindi', 'behav', '@import'],
    /(?:style\s*=\s*["']?[^"'>]{0,120}|[\w-]+\s*:\s*)expression\(|-moz-binding\s*:|behavior\s*:\s*url|<\s*style[^>]*>[^<]{0,200}@import/, { anchor: /expression\(|binding|behavior|@import/g }),
  rule('xss.dangerous_tag', 'xss', 0.93, ['<'],
    /<\s*(?:meta[^>]*http-equiv\s*=\s*["']?refresh[^>]*url\s*=|base\s[^>]*href|bgsound\b|xss\b|\?xml|xml\s[^>]*id\s*=|iframe[^>]*srcdoc|!--\s*\[if|isindex\b|embed[^>]*src\s*=\s*["']?\s*data:)/),
  rule('xss.embedding_tag', 'xss', 0.55, ['<'], /<\s*(?:i?frame|object|embed|applet|frameset|link\s[^>]*href)\b/, { weak: true }),
  rule('xss.marker', 'xss', 0.95, ['xss'], /<[^>\n]{0,80}\bxss\b|\bxss\b[^<\n]{0,3}<\s*\/|(?:alert|prompt|confirm)\s*\(\s*["'`]?xss|["'`]xss["'`]/),
  rule('xss.alert_call', 'xss', 0.93, ['alert', 'promp', 'confi', 'eval', 'fetch'],
    /\b(?:alert|prompt|confirm)\s*(?:\(\s*(?:\d|document\s*\.|window\s*\.|string\s*\.\s*fromcharcode|\/[^/\n]+\/)|`\s*\d)|["'`]\s*[);>+]\s*;?\s*(?:alert|prompt|confirm|eval|fetch)\s*\(/),
  rule('xss.cookie_theft', 'xss', 0.95, ['docum', 'local', 'sessi', 'eval'],
    /[(+,]\s*(?:document\s*\.\s*(?:cookie|domain)|localstorage|sessionstorage)\b|eval\s*\(\s*(?:atob|unescape|string\.fromcharcode|location|name)/),
  rule('xss.obfuscated_host', 'xss', 0.9, ['href', 'src', 'actio'],
    /(?:href|src|action)\s*=\s*["'`]?\s*(?:h\s*t\s*t\s*p\s*s?\s*:)?\/\/(?:\d{8,}|0x[0-9a-f]+|[^"'\s>]*(?:%[0-9a-f]{2}){3,})/),
  // ---- exfiltration via URLs ------------------------------------------------------------------------------------
  rule('exf.markdown_image_query', 'exfiltration', 0.95, ['!['],
    /!\[[^\]\n]{0,100}\]\(\s*<?\s*(?:https?:)?\/\/[^)\s]+\?[^)\s]*(?:\{|\}|\$|%7b|\[|<|(?:data|q|query|d|c|p|payload|secret|token|key|chat|conversation|history|msg|message|prompt|info|user|email|password|session|cookie|context|log|leak|exfil)=)/, { reach: 700 }),
  rule('exf.markdown_image', 'exfiltration', 0.55, ['!['], /!\[[^\]\n]{0,100}\]\(\s*<?\s*(?:https?:)?\/\/[^)\s]+\)/, { weak: true, reach: 700 }),
  rule('exf.template_url', 'exfiltration', 0.93, ['//'],
    /(?:https?:)?\/\/[^\s)"'<>]+[?&/][\w-]*=?\s*(?:\{\{?\s*[\w.]+\s*\}?\}|\$\{\w+\}|%s\b|\[[a-z_ ]{3,40}\]|<[a-z_ ]{3,40}>)/),
  rule('exf.send_data', 'exfiltration', 0.93, ['send', 'sends', 'sendi', 'post', 'posts', 'posti', 'forwa', 'email', 'mail', 'uploa', 'exfil', 'trans', 'submi', 'leak', 'leaks', 'leaki', 'appen', 'attac'],
    /\b(?:send|post|forward|email|e-mail|upload|exfiltrate|transmit|submit|leak|append|attach)\w*\s*(?:\w+\s+){0,3}?(?:chat\s*(?:log|history|transcript)s?|conversation(?:\s*history)?|message\s*history|user\s*data|personal\s*(?:data|information)|passwords?|credentials|cookies?|session\s*(?:tokens?|ids?)|api\s*keys?|secrets?|system\s*prompt|private\s*data|(?:stored|all|users'?)\s*(?:user\s*)?emails)\s*(?:\w+\s+){0,4}?(?:to|at|via)\s*(?:https?:|www\.|[\w.-]+@[\w.-]+|[\w-]+\.(?:com|net|org|io|ru|cn|xyz|example|site|top)\b|(?:the\s*|this\s*)?(?:url|link|address|server|webhook|endpoint|email\s*(?:address\s*)?(?:below|above)|attacker))/),
  rule('exf.dump_users', 'exfiltration', 0.55, ['email', 'passw', 'crede', 'phone', 'accou'],
    /\b(?:output|list|dump|show|give|print|reveal|export|send|leak)\w*\s*(?:me\s*)?(?:all\s*|every\s*|the\s*)?(?:stored\s*|registered\s*|other\s*)?(?:users?'?\s*|customers?'?\s*|students?'?\s*)(?:emails?|passwords?|data|records|personal\s*(?:data|information)|credentials|phone\s*numbers|accounts)\b/, { weak: true }),
];
