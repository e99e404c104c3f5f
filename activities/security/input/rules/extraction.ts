// System-prompt extraction, and fake chat-template role markers.
import { EXT_VERB, GIVEN, rule, SECRET_TARGET, type InputRule } from './kit.js';

export const EXTRACTION_RULES: InputRule[] = [
  // ---- system-prompt extraction ---------------------------------------------------------------------------------
  rule('ext.system_prompt', 'prompt_extraction', 0.95, ['promp', 'instr', 'direc', 'confi', 'guide', 'rules', 'setup', 'messa', 'setti', 'strin', 'windo', 'prepr', 'metap', 'text', 'data'],
    new RegExp(String.raw`\b${EXT_VERB}\w*\s*(?:me\s*|us\s*)?(?:(?:(?!about\b|what\b|how\b|why\b)\w+\s+){0,4}?(?:your|its|the|this\s*(?:ai|bot|assistant|model)'?s?|<)\s*(?:\w+\s+){0,2}?)?${SECRET_TARGET}|\bwhat\s*(?:is|are|was|were|'s|'re)\s*(?:in\s*)?(?:your|its)\s*(?:\w+\s+){0,2}?${SECRET_TARGET}`),
    { anchor: new RegExp(SECRET_TARGET, 'g') }),
  rule('ext.your_secret', 'prompt_extraction', 0.9, ['promp', 'instr', 'direc', 'confi', 'messa', 'setti', 'templ', 'prepr'],
    /\byour\s*(?:\w+\s+)?(?:system[\s_-]*(?:prompt|message|instructions|configuration|settings)|(?:configuration|config|setup|startup|boot)[\s_-]*(?:prompt|message|instructions)|(?:initial|original|hidden|secret|confidential|internal|starting|pre|developer|first)[\s_-]*(?:prompt|instructions|directives|configuration)|pre-?prompt|prompt\s*(?:text|template))\b/),
  rule('ext.your_prompt', 'prompt_extraction', 0.9, ['promp', 'instr', 'direc'],
    /\b(?:reveal|print|show|output|display|repeat|recite|dump|leak|share|paste|type\s*out|write\s*out|tell)\s*(?:me\s*|us\s*)?(?:(?:all\s*)?(?:the\s*)?(?:contents?|text|full\s*text|wording|rest)\s*of\s*)?your\s*(?:full\s*|entire\s*|whole\s*|exact\s*|complete\s*|own\s*|current\s*)?(?:prompt|instructions|directives)\b/),
  rule('ext.completion_trick', 'prompt_extraction', 0.9, ['compl', 'conti', 'finis'],
    /\b(?:complete|continue|finish)\s*(?:the|this)?\s*(?:sentence|text|phrase|line)\s*:?\s*["'“]?\s*(?:my|your|the)\s*(?:system\s*prompt|(?:initial|hidden|secret|original)\s*(?:prompt|instructions|rules)|instructions)\s*(?:is|are|says?|reads?)\b/),
  rule('ext.prompt_mention', 'prompt_extraction', 0.55, ['promp', 'syste', '提示', 'プロンプト', '프롬프트', 'промп'],
    /\b(?:your|my)\s*system[\s_-]*prompt\b|系统提示|システムプロンプト|시스템\s*프롬프트|системн\S*\s*промпт/, { weak: true }),
  rule('ext.instructions_given', 'prompt_extraction', 0.93, ['given', 'told', 'provi', 'train', 'progr', 'fed', 'instr'],
    new RegExp(String.raw`\b(?:instructions?|rules|guidelines|directives|prompt|text|words|message)\s*${GIVEN}\b|\bwhat\s*(?:were|are|was|have)\s*you\s*(?:been\s*)?(?:told|instructed|programmed|given|asked|trained)\s*(?:to\s*do\s*)?(?:before|prior|at\s*the\s*(?:start|beginning)|initially|originally|by\s*(?:your|the)\s*(?:developers?|creators?|system|operators?))`)),
  rule('ext.forbidden_topics', 'prompt_extraction', 0.9, ['you not', 'you forbidden', 'you told not', 'you instructed not', 'you prohibited', 'younot'],
    /\bwhat\s*(?:are|were|is)\s*you\s*(?:not\s*(?:supposed|allowed|permitted)|forbidden|told\s*not|instructed\s*not|prohibited)\s*to\s*(?:tell|say|reveal|share|discuss|disclose|talk)/),
  rule('ext.repeat_above', 'prompt_extraction', 0.92, ['repea', 'recit', 'print', 'outpu', 'repro', 'echo', 'dump', 'revea', 'show', 'copy', 'paste', 'write'],
    /\b(?:repeat|recite|print|output|reproduce|echo|dump|reveal|show\s*me|copy|paste|write\s*out)\w*\s*(?:back\s*)?(?:all\s*|everything\s*|the\s*|this\s*|your\s*)?(?:(?:entire|whole|full|exact|complete|above|previous|preceding|initial|first)\s*)?(?:text|words|content|instructions|prompt|conversation|context|everything|messages)\s*(?:that\s*)?(?:(?:appears?|is|was|written|shown|given)\s*)?(?:above|before\s*this|prior\s*to\s*this|preceding|at\s*the\s*(?:start|beginning|top)|(?:back\s*)?(?:to\s*me\s*)?(?:verbatim|word\s*for\s*word))|\b(?:repeat|recite|print|output|reproduce|echo|dump|reveal|show\s*me|copy|paste|write\s*out)\w*\s*(?:the\s*|all\s*)?(?:text|words|content|instructions|messages?)\s*(?:that\s*)?(?:came|comes|appears?|is|was|were)\s*(?:above|before)\s*(?:my|this|the\s*user'?s?|our)\s*(?:message|question|input|prompt|conversation)|\brepeat\w*\s*(?:everything|all)\s*(?:above|before)|\b(?:repeat|recite|print|output)\w*\s*the\s*above\b/, { anchor: /above|before|prior\s*to|preceding|at\s*the\s*(?:start|beginning|top)|verbatim|word\s*for\s*word|you\s*are/g }),
  rule('ext.begins_you_are', 'prompt_extraction', 0.92, ['start', 'begin'],
    /\b(?:starting|beginning|begin|start)\s*(?:your\s*(?:answer|response|reply|output)\s*)?with\s*["'“]?\s*you\s*are\b/),
  rule('ext.first_n', 'prompt_extraction', 0.92, ['words', 'lines', 'chara', 'sente', 'token', 'parag'],
    /\bfirst\s*\d+\s*(?:words|lines|characters|sentences|tokens|paragraphs)\s*of\s*(?:your|the)\s*(?:\w+\s+)?(?:prompt|instructions|context|conversation|system)/),
  rule('ext.context_dump', 'prompt_extraction', 0.9, ['conte', 'memor', 'promp', 'instr', 'confi', 'setti', 'param', 'syste'],
    /\beverything\s*(?:in|inside|within|from)\s*your\s*(?:context|memory|prompt|instructions|system|configuration|training)|\b(?:reveal|dump|display|show|print|output|expose|leak)\w*\s*(?:me\s*)?(?:your|its|the\s*(?:hidden|internal|secret|private))\s*(?:hidden\s*|internal\s*|secret\s*|full\s*|entire\s*|whole\s*|complete\s*|current\s*|private\s*)?(?:configuration|config|settings|parameters|context|memory)\b/),
  // ---- fake chat-template role markers --------------------------------------------------------------------------
  rule('tag.chatml', 'role_tag', 0.97, ['<|'], /<\|\s*(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end_of_text|eos|bos|[a-z]+_[a-z_]+)\s*\|>/),
  rule('tag.inst', 'role_tag', 0.97, ['inst', 'sys', 'syste', '<<'], /\[\/?\s*inst\s*\]|<<\s*\/?\s*sys\s*>>|\[\s*\/?\s*system\s*\]\s*(?:\(#|:)/),
  rule('tag.xml_role', 'role_tag', 0.93, ['<'], /<\s*\/?\s*(?:system|system[_-]?prompt|sys|assistant|developer|admin|user|im_start|instructions?)\s*>/),
  rule('tag.markdown_role', 'role_tag', 0.93, ['#'], /(?:^|\n)\s*#{1,6}\s*(?:system|assistant|admin|developer|root|instruction\s*override|override|new\s*(?:system\s*)?instructions?|response)\s*(?:prompt|message|override|mode|instructions?)?\s*(?::|#{2,}|\n|$)/),
  rule('tag.markdown_instruction', 'role_tag', 0.55, ['#'], /(?:^|\n)\s*#{2,6}\s*(?:instructions?|input|human|user)\s*:?\s*(?:#{2,}|\n|$)/, { weak: true }),
  rule('tag.line_role', 'role_tag', 0.92, ['syste', 'devel', 'admin', 'admin', 'root'], /(?:^|\n|[.!?]\s)\s*(?:system|developer|admin|administrator|root)\s*(?:prompt|message|note|override|instructions?)?\s*:\s*(?=\S)/),
  rule('tag.transcript', 'role_tag', 0.55, ['assis', 'ai', 'gpt', 'chatg', 'bot'], /(?:^|\n)\s*(?:assistant|ai|gpt|chatgpt|bot)\s*:\s*\S/, { weak: true }),
  rule('tag.end_of_input', 'role_tag', 0.92, ['input', 'promp', 'messa', 'instr', 'conte', 'overr', 'mode', 'secti', 'block', 'comma'],
    /\bend\s*of\s*(?:the\s*)?(?:user\s*)?(?:input|prompt|user\s*message|instructions|context)\b|\b(?:begin|start)\s*(?:of\s*)?(?:the\s*)?(?:admin|system|new|developer|root|override|hidden)\s*(?:override|instructions?|prompt|mode|section|message|block|command)s?\b/),
];
