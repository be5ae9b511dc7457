import { createHashBitmap, mayContain } from '../hash-bitmap.js';
import { INSTRUCTION_NOUNS, OVERRIDE_VERBS, PRIOR_REFERENCES } from './signal-lexicon.js';
import { FNV_OFFSET, FNV_PRIME, hashWord } from './tokens.js';

/**
 * Concept classes of words that carry the intent of an attack whatever the
 * phrasing or language: "dismiss" (ignore, olvida, забудь …), "directives"
 * (instructions, rules, setup, what you were told …), "reveal", "secret",
 * "addressee" (the model), "limits", "harm", "fiction" and "absence". The
 * classifier gets one hashed feature per concept and one per ordered pair of
 * concepts a few words apart, so "set aside the operator's setup" and
 * "ignore previous instructions" share features even with no n-gram in
 * common (a coarse, hand-made analogue of word classes in NLP).
 */
const CLASSES: readonly (readonly string[])[] = [
  OVERRIDE_VERBS,
  [...INSTRUCTION_NOUNS, ...PRIOR_REFERENCES],
  [
    'reveal',
    'show',
    'print',
    'tell',
    'display',
    'output',
    'share',
    'spell',
    'dump',
    'disclose',
    'repeat',
    'recite',
    'paste',
    'leak',
    'expose',
    'muestra',
    'dime',
    'revela',
    'montre',
    'affiche',
    'revele',
    'zeig',
    'zeige',
    'verrate',
    'nenne',
    'mostra',
    'dimmi',
    'rivela',
    'mostre',
    'diga',
    'покажи',
    'скажи',
    'раскрой',
    'выведи',
    'pokaz',
    'podaj',
    'goster',
    'soyle',
    'tampilkan',
    'tunjukkan',
    'otkrij',
    'prezrad',
    'dedahkan',
    'ipakita',
    'दिखाओ',
    'दिखाएं',
    'vis',
    'nayta',
  ],
  [
    'password',
    'passwords',
    'passcode',
    'passphrase',
    'secret',
    'secrets',
    'credentials',
    'pin',
    'contrasena',
    'clave',
    'passwort',
    'kennwort',
    'senha',
    'hasło',
    'sifre',
    'sandi',
    'пароль',
    'wachtwoord',
    'adgangskode',
    'passord',
    'salasana',
    'heslo',
    'parola',
    'jelszo',
    'jelszavat',
    'lozinka',
    'पासवर्ड',
    'laluan',
    'contrasenya',
    'رمز',
  ],
  [
    'ai',
    'assistant',
    'model',
    'bot',
    'chatbot',
    'agent',
    'llm',
    'copilot',
    'gpt',
    'ia',
    'ki',
    'ии',
  ],
  [
    'unrestricted',
    'unfiltered',
    'uncensored',
    'limits',
    'limitations',
    'restrictions',
    'filters',
    'filter',
    'censorship',
    'guardrails',
    'safety',
    'ethics',
    'ethical',
    'moral',
    'morals',
    'restricciones',
    'limites',
    'einschrankungen',
    'ограничений',
    'ограничения',
    'фильтров',
    'ograniczen',
    'begrænsninger',
    'begrensninger',
    'rajoituksia',
    'korlatozasok',
    'ogranicenja',
    'batasan',
  ],
  [
    'bomb',
    'explosive',
    'explosives',
    'meth',
    'methamphetamine',
    'weapon',
    'weapons',
    'firearm',
    'poison',
    'malware',
    'ransomware',
    'keylogger',
    'hack',
    'hacking',
    'steal',
    'phishing',
    'launder',
    'napalm',
    'thermite',
    'toxic',
  ],
  [
    'pretend',
    'roleplay',
    'persona',
    'simulate',
    'hypothetical',
    'fictional',
    'imagine',
    'character',
  ],
  [
    'no',
    'without',
    'zero',
    'never',
    'off',
    'disabled',
    'sin',
    'sans',
    'ohne',
    'senza',
    'sem',
    'без',
  ],
];

/** Word hash → concept (1-based; a word listed twice keeps its first class). */
const CONCEPT_OF = new Map<number, number>();
CLASSES.forEach((words, index) => {
  for (const word of words) {
    const hash = hashWord(word);
    if (!CONCEPT_OF.has(hash)) CONCEPT_OF.set(hash, index + 1);
  }
});
/** One bit test rejects most words before the map lookup. */
const CONCEPT_BITS = createHashBitmap(CONCEPT_OF.keys());

/**
 * Five-letter stems shared by many languages' forms of a concept word
 * (instructions / instrucciones / instrukcje / instrucțiunile / инструкции;
 * ignore / ignora / ignoruj / игнорируй), matched against the start of words
 * no exact entry covers: the way attacks in languages without their own list
 * still share features with known ones. Stems that open common unrelated
 * words ("regul" → regular, "dimen" → dimension) are left out.
 */
const STEMS: Readonly<Record<string, number>> = {
  ignor: 1,
  negee: 1,
  olvid: 1,
  oubli: 1,
  zapom: 1,
  esque: 1,
  vergi: 1,
  игнор: 1,
  проиг: 1,
  забуд: 1,
  instr: 2,
  promp: 2,
  инстр: 2,
  указа: 2,
  revel: 3,
  mostr: 3,
  affic: 3,
  divul: 3,
  покаж: 3,
  passw: 4,
  parol: 4,
  wacht: 4,
  парол: 4,
  restr: 6,
  filtr: 6,
  censu: 6,
  огран: 6,
  фильт: 6,
  цензу: 6,
};
const STEM_LENGTH = 5;
const STEM_OF = new Map(Object.entries(STEMS).map(([stem, concept]) => [hashWord(stem), concept]));
const STEM_BITS = createHashBitmap(STEM_OF.keys());

/**
 * The concept of the token `lower[start, end)` whose FNV-1a hash is `hash`
 * (`tokens.ts`), or 0: an exact entry first, else a stem at its start.
 */
export function conceptOf(hash: number, lower: string, start: number, end: number): number {
  if (mayContain(CONCEPT_BITS, hash)) {
    const exact = CONCEPT_OF.get(hash);
    if (exact !== undefined) return exact;
  }
  if (end - start <= STEM_LENGTH) return 0;
  // The same FNV-1a as `hashWord`, over the first five units only.
  let prefix = FNV_OFFSET;
  for (let k = start; k < start + STEM_LENGTH; k++) {
    prefix = Math.imul(prefix ^ lower.charCodeAt(k), FNV_PRIME);
  }
  if (!mayContain(STEM_BITS, prefix)) return 0;
  return STEM_OF.get(prefix) ?? 0;
}

/** How many tokens apart two concepts may be and still form a pair feature. */
export const CONCEPT_PAIR_SPAN = 6;
