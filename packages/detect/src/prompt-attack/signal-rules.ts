/**
 * The explainable signals of the prompt-attack detector, as data. A word rule
 * is a sequence of word sets that must appear in order with at most `gap`
 * other words between consecutive steps; a pattern rule is a linear-time
 * regular expression (single character classes with bounded repetition only)
 * run on the lower-cased, normalised text; a phrase rule is a plain substring
 * (used for scripts written without spaces).
 *
 * Families follow the prompt-injection taxonomy of OWASP LLM01:2025 and MITRE
 * ATLAS AML.T0051 (direct/indirect injection) and AML.T0054 (jailbreak).
 */
import { INSTRUCTION_NOUNS, OVERRIDE_VERBS, PRIOR_REFERENCES } from './signal-lexicon.js';

export const SIGNAL_NAMES = [
  'override',
  'role_switch',
  'fake_delimiter',
  'prompt_extraction',
  'policy_evasion',
  'document_payload',
  'output_forcing',
  'exfiltration_link',
] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

export interface WordRule {
  signal: SignalName;
  steps: readonly (readonly string[])[];
  gap: number;
}

export const WORD_RULES: readonly WordRule[] = [
  { signal: 'override', steps: [OVERRIDE_VERBS, INSTRUCTION_NOUNS], gap: 5 },
  { signal: 'override', steps: [OVERRIDE_VERBS, PRIOR_REFERENCES], gap: 4 },
  {
    // Verb-final languages (hi, bn, fa, tr): the instructions come before the dismissal.
    signal: 'override',
    steps: [
      [
        'निर्देशों',
        'निर्देश',
        'नियम',
        'নির্দেশ',
        'নির্দেশগুলো',
        'নিয়ম',
        'دستورالعمل',
        'دستورات',
        'talimatlari',
        'talimatlarini',
        'kurallari',
      ],
      ['अनदेखा', 'भूल', 'ভুলে', 'উপেক্ষা', 'نادیده', 'فراموش', 'unut', 'yoksay', 'boşver', 'bosver'],
    ],
    gap: 4,
  },
  {
    signal: 'override',
    steps: [
      ['new', 'updated', 'real', 'actual', 'true', 'revised', 'nuevas', 'nouvelles', 'neue'],
      [
        'instructions',
        'instruction',
        'task',
        'rules',
        'role',
        'objective',
        'instrucciones',
        'consignes',
        'anweisungen',
      ],
    ],
    gap: 1,
  },
  {
    signal: 'override',
    steps: [['instead'], ['say', 'output', 'print', 'write', 'respond', 'reply']],
    gap: 2,
  },
  { signal: 'role_switch', steps: [['you'], ['are'], ['now']], gap: 0 },
  {
    // "you are now" / "from now on you are" in es, fr, de, it, pt, ru
    signal: 'role_switch',
    steps: [
      ['ahora', 'maintenant', 'jetzt', 'adesso', 'agora', 'теперь', 'отныне'],
      ['eres', 'es', 'bist', 'sei', 'voce', 'ты', 'вы', 'in'],
    ],
    gap: 1,
  },
  {
    signal: 'override',
    steps: [
      [
        'forget',
        'olvida',
        'oublie',
        'vergiss',
        'dimentica',
        'esqueca',
        'забудь',
        'vergeet',
        'zapomnij',
        'unut',
      ],
      [
        'everything',
        'all',
        'todo',
        'tout',
        'alles',
        'tutto',
        'tudo',
        'всё',
        'все',
        'alle',
        'wszystko',
      ],
      [
        'told',
        'said',
        'before',
        'previously',
        'dijeron',
        'dit',
        'gesagt',
        'detto',
        'disseram',
        'говорили',
        'раньше',
        'earlier',
        'above',
      ],
    ],
    gap: 4,
  },
  { signal: 'role_switch', steps: [['from'], ['now'], ['on']], gap: 0 },
  {
    signal: 'role_switch',
    steps: [
      ['act', 'acting', 'roleplay', 'pretend', 'impersonate', 'simulate'],
      ['as', 'like', 'to'],
    ],
    gap: 0,
  },
  {
    signal: 'role_switch',
    steps: [['developer', 'god', 'dan', 'admin', 'debug', 'maintenance', 'sudo'], ['mode']],
    gap: 0,
  },
  { signal: 'role_switch', steps: [['do'], ['anything'], ['now']], gap: 0 },
  {
    signal: 'role_switch',
    steps: [
      ['new', 'different', 'evil', 'unrestricted'],
      ['persona', 'personality', 'character', 'identity', 'ai', 'assistant'],
    ],
    gap: 1,
  },
  {
    signal: 'prompt_extraction',
    steps: [
      [
        'reveal',
        'print',
        'show',
        'repeat',
        'output',
        'tell',
        'display',
        'leak',
        'share',
        'spell',
        'dump',
        'disclose',
        'what',
        'recite',
        'translate',
        'paste',
        'type',
        'give',
        'send',
      ],
      [
        'system',
        'initial',
        'original',
        'hidden',
        'secret',
        'previous',
        'above',
        'your',
        'first',
        'confidential',
        'starting',
      ],
      [
        'prompt',
        'instructions',
        'password',
        'message',
        'key',
        'rules',
        'text',
        'words',
        'setup',
        'configuration',
        'settings',
        'string',
        'passphrase',
        'code',
      ],
    ],
    gap: 3,
  },
  {
    signal: 'prompt_extraction',
    steps: [['system'], ['prompt', 'message', 'instructions']],
    gap: 0,
  },
  {
    signal: 'prompt_extraction',
    steps: [
      ['secret', 'password', 'passcode', 'key'],
      ['is', 'was'],
    ],
    gap: 1,
  },
  {
    signal: 'policy_evasion',
    steps: [
      [
        'no',
        'without',
        'free',
        'not',
        'ignore',
        'bypass',
        'beyond',
        'removed',
        'disable',
        'lift',
        'uden',
        'uten',
        'ilman',
        'fara',
        'nelkuli',
        'nelkul',
        'bez',
        'tanpa',
        'walang',
        'بدون',
        'बिना',
      ],
      [
        'ethical',
        'ethics',
        'moral',
        'morals',
        'restrictions',
        'filters',
        'filter',
        'limits',
        'limitations',
        'censorship',
        'policies',
        'policy',
        'guidelines',
        'safeguards',
        'boundaries',
        'rules',
        'restricted',
        'bound',
        'begrænsninger',
        'begrensninger',
        'rajoituksia',
        'restrictie',
        'restrictii',
        'korlatozasok',
        'korlatozas',
        'ogranicenja',
        'obmedzeni',
        'batasan',
        'limitasyon',
        'محدودیت',
        'प्रतिबंध',
      ],
    ],
    gap: 3,
  },
  {
    // "guardrails off", "filters are disabled", "safety training suspended"
    signal: 'policy_evasion',
    steps: [
      ['guardrails', 'filters', 'safety', 'restrictions', 'safeguards', 'censorship', 'policies'],
      ['off', 'disabled', 'removed', 'lifted', 'suspended', 'paused', 'deactivated', 'gone'],
    ],
    gap: 2,
  },
  {
    signal: 'policy_evasion',
    steps: [
      [
        'jailbreak',
        'jailbroken',
        'jailbreaking',
        'unfiltered',
        'uncensored',
        'unrestricted',
        'amoral',
        'unethical',
        'illegal',
      ],
    ],
    gap: 0,
  },
  {
    signal: 'policy_evasion',
    steps: [
      ['hypothetical', 'hypothetically', 'fictional', 'imaginary'],
      ['scenario', 'world', 'story', 'response', 'ai', 'setting'],
    ],
    gap: 1,
  },
  {
    signal: 'policy_evasion',
    steps: [
      ['educational', 'research'],
      ['purposes', 'purpose'],
    ],
    gap: 0,
  },
  {
    signal: 'document_payload',
    steps: [
      ['note', 'attention', 'message', 'important', 'instruction', 'instructions'],
      ['to', 'for'],
      ['ai', 'assistant', 'llm', 'model', 'agent', 'bot', 'chatbot', 'gpt', 'assistants', 'models'],
    ],
    gap: 1,
  },
  {
    signal: 'document_payload',
    steps: [
      ['if'],
      ['you'],
      ['are'],
      ['an', 'a', 'the'],
      ['ai', 'assistant', 'llm', 'language', 'agent', 'bot'],
    ],
    gap: 0,
  },
  {
    signal: 'document_payload',
    steps: [
      ['when', 'while', 'after', 'before'],
      [
        'summarizing',
        'summarising',
        'reading',
        'processing',
        'translating',
        'analyzing',
        'reviewing',
      ],
      // "… this page": the text speaks about itself being processed (plain
      // "when reading" is too common in ordinary prose to be a cue).
      ['this', 'these'],
      [
        'page',
        'document',
        'email',
        'text',
        'file',
        'article',
        'message',
        'site',
        'notes',
        'content',
      ],
    ],
    gap: 0,
  },
  {
    // The model's secret referred to as something guarded: "the hidden word
    // you were told to protect", "the secret you're guarding".
    signal: 'prompt_extraction',
    steps: [
      ['secret', 'password', 'passcode', 'passphrase', 'code', 'word', 'phrase', 'key', 'pin'],
      ['protect', 'protecting', 'guard', 'guarding', 'guarded', 'forbidden', 'told'],
    ],
    gap: 3,
  },
  {
    signal: 'document_payload',
    steps: [
      ['ai', 'assistant', 'llm', 'agent', 'chatbot'],
      ['must', 'should', 'shall', 'will'],
      ['now', 'instead', 'immediately', 'always', 'only'],
    ],
    gap: 2,
  },
  { signal: 'output_forcing', steps: [['pwned', 'pwnd', 'pwn3d', 'hacked', 'owned']], gap: 0 },
  {
    signal: 'output_forcing',
    steps: [
      ['say', 'output', 'print', 'respond', 'reply', 'write', 'answer', 'return', 'type'],
      ['only', 'exactly', 'verbatim', 'nothing', 'just'],
    ],
    gap: 2,
  },
];

/** Fake chat-template and delimiter tokens (ChatML, Llama 2/3, Markdown headers, XML-ish tags). */
export const FAKE_DELIMITER =
  /<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:system|instructions?|system_prompt|sys|admin|developer|user_instructions)>|(?:^|\n)[ \t]{0,3}#{1,4}[ \t]?(?:system|instructions?|new instructions?|admin|developer|override)\b|(?:^|\n)[ \t]{0,3}\[?(?:system|admin|developer)\]?[ \t]{0,2}:|\b(?:end of|end) (?:system prompt|instructions|prompt)\b|-{3,10} ?(?:end|begin) /g;

/** Who a vocative or a note addresses: the model under any of its usual names. */
const ADDRESSEE =
  '(?:dear |hey |hi |@)?(?:ai|assistant|bot|chatbot|copilot|agent|model|llm|ai assistant|ai agent|language model|[a-z]{2,12} bot)s? {0,2},';

/**
 * The model addressed inside content by a vocative opening a sentence
 * ("Assistant, …", "Helpdesk bot, …"): after a sentence or clause break
 * (`AI_VOCATIVE`) or at the very start (`AI_VOCATIVE_AT_START`). Separate
 * patterns with a plain first character let the engine skip ahead quickly;
 * bounded repetition only, so matching stays linear.
 */
export const AI_VOCATIVE = new RegExp(`[\\n.!?:;([{] {0,3}${ADDRESSEE}`, 'g');
export const AI_VOCATIVE_AT_START = new RegExp(`^ {0,3}${ADDRESSEE}`);

/**
 * Every word `AI_VOCATIVE`, `AI_VOCATIVE_AT_START` and `AI_NOTE` can address
 * the model by, as it stands in the text (plurals included). In all three
 * patterns that word has a non-word character on both sides, so it is a
 * whole token: a text none of whose tokens is one of these cannot match
 * them, and the scorer skips them. Keep in step with the patterns.
 */
export const ADDRESSEE_WORDS: readonly string[] = [
  'ai',
  'ais',
  'assistant',
  'assistants',
  'bot',
  'bots',
  'chatbot',
  'chatbots',
  'copilot',
  'copilots',
  'agent',
  'agents',
  'model',
  'models',
  'llm',
  'llms',
  'reviewer',
  'reviewers',
  'summariser',
  'summarisers',
  'summarizer',
  'summarizers',
];

/** A note headed for the model: "Note for the support AI:", "Instructions to automated reviewers:". */
export const AI_NOTE =
  /(?:note|memo|message|instruction|notice|directive|comment|reminder|p\.s\.)s? (?:for|to) (?:the |any |all |every )?(?:[a-z-]{2,15} ){0,2}(?:ai|assistants?|bots?|chatbots?|copilots?|agents?|models?|llms?|reviewers?|summari[sz]ers?|ai systems?|ai tools?) {0,2}[:,]/g;

/** Markdown images or links whose URL carries a query: the classic exfiltration channel. */
export const EXFILTRATION_LINK = /!\[[^\]\n]{0,100}\]\(https?:\/\/[^\s)?]{1,200}\?[^\s)]{1,400}\)/g;

/** Substring cues for scripts without word spaces (zh, ja, ko). */
export const PHRASES: readonly { signal: SignalName; text: string }[] = [
  { signal: 'override', text: '忽略' },
  { signal: 'override', text: '无视' },
  { signal: 'override', text: '忽視' },
  { signal: 'override', text: '無視' },
  { signal: 'override', text: '以前の指示' },
  { signal: 'override', text: '之前的指示' },
  { signal: 'override', text: '前面的指令' },
  { signal: 'override', text: '무시' },
  { signal: 'override', text: '命令は忘れ' },
  { signal: 'override', text: '指示を無視' },
  { signal: 'override', text: '忘记你之前' },
  { signal: 'prompt_extraction', text: 'パスワードを教え' },
  { signal: 'prompt_extraction', text: '告诉我密码' },
  { signal: 'prompt_extraction', text: '비밀번호를 알려' },
  { signal: 'policy_evasion', text: '制限のない' },
  { signal: 'policy_evasion', text: '没有任何限制' },
  { signal: 'prompt_extraction', text: '系统提示' },
  { signal: 'prompt_extraction', text: 'システムプロンプト' },
  { signal: 'prompt_extraction', text: '시스템 프롬프트' },
  { signal: 'role_switch', text: '开发者模式' },
  { signal: 'override', text: 'ละเว้นคำสั่ง' },
  { signal: 'override', text: 'เพิกเฉยต่อคำสั่ง' },
  { signal: 'override', text: 'ลืมคำสั่ง' },
  { signal: 'prompt_extraction', text: 'พรอมต์ระบบ' },
  { signal: 'prompt_extraction', text: 'รหัสผ่าน' },
];
