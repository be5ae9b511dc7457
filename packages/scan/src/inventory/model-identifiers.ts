/**
 * Recognises model identifiers in string literals: hosted model names by
 * provider and Hugging Face repo ids. Patterns are anchored literals with
 * bounded character classes (linear time).
 */
export interface ModelIdentifier {
  id: string;
  provider: string;
}

/** A model identifier found in one file; `revision` is a pinned Hugging Face revision. */
export interface FoundModelIdentifier extends ModelIdentifier {
  line: number;
  revision?: string;
}

const PROVIDERS: [RegExp, string][] = [
  [
    /^(gpt-(3\.5|4|4o|4\.1|4\.5|5)[\w.:-]*|o[134](-mini|-pro|-preview)?(-\d{4}-\d{2}-\d{2})?|chatgpt-4o[\w.-]*|text-embedding-(3-small|3-large|ada-002)|dall-e-[23]|whisper-1|tts-1(-hd)?|gpt-image-1|davinci-002|babbage-002|omni-moderation-[\w-]+)$/,
    'openai',
  ],
  [/^claude-[\w.-]+$/, 'anthropic'],
  [
    /^(models\/)?(gemini|gemma|text-bison|chat-bison|text-embedding-00\d|textembedding-gecko)[\w.@-]*$/,
    'google',
  ],
  [
    /^(anthropic\.claude|amazon\.(titan|nova)|meta\.llama|cohere\.(command|embed)|ai21\.|mistral\.(mistral|mixtral)|us\.(anthropic|meta|amazon))[\w.:-]*$/,
    'aws-bedrock',
  ],
  [
    /^(mistral-(large|medium|small|tiny|embed)|open-mistral|open-mixtral|codestral|pixtral|ministral|magistral)[\w.-]*$/,
    'mistral',
  ],
  [
    /^(command(-r|-a|-light|-nightly)(-plus)?[\w.-]*|embed-(english|multilingual)-[\w.-]+|rerank-[\w.-]+)$/,
    'cohere',
  ],
  [
    /^(llama-?[234][\w.:-]*|llama3[\w.:-]*|mixtral-[\w.-]+|qwen[\w.:-]*|deepseek-[\w.:-]+|phi-?[34][\w.:-]*)$/i,
    'open-weights',
  ],
  [/^(grok-[\w.-]+)$/, 'xai'],
];

const HF_ORGS =
  /^(meta-llama|mistralai|google|microsoft|facebook|sentence-transformers|openai|Qwen|deepseek-ai|tiiuae|bigscience|EleutherAI|stabilityai|HuggingFaceH4|HuggingFaceTB|Xenova|BAAI|intfloat|nomic-ai|TheBloke|NousResearch|allenai|cardiffnlp|distilbert|FacebookAI|bert-base-uncased|nvidia|ibm-granite|CohereForAI|01-ai|lmsys|databricks|mosaicml|Salesforce|openai-community|jinaai|thenlper|mixedbread-ai|unsloth|bartowski|runwayml|CompVis|laion|timm|hf-internal-testing)\/[\w.-]+$/;

const HF_CONTEXT =
  /(from_pretrained|pipeline|hf_hub_download|snapshot_download|repo_id|SentenceTransformer|HuggingFace\w*|model_name|model_id|modelName|model)\s*[(=:,]\s*(?:["'`][^"'`]*["'`]\s*,\s*)?(?:\w+\s*=\s*)?["'`]([A-Za-z0-9][\w.-]*\/[\w.-]+)["'`]/g;

export function classifyModelString(value: string): ModelIdentifier | undefined {
  if (value.length < 3 || value.length > 120) return undefined;
  for (const [pattern, provider] of PROVIDERS)
    if (pattern.test(value)) return { id: value, provider };
  if (HF_ORGS.test(value)) return { id: value, provider: 'huggingface' };
  return undefined;
}

const REVISION = /\brevision\s*[=:]\s*["'`]([\w./-]{1,64})["'`]/;

/**
 * The `revision=` argument of the call naming a Hugging Face repo id that ends
 * at `end`: searched only up to the call's closing parenthesis, at most 300
 * characters on (bounded slice, linear-time pattern).
 */
function revisionAfter(text: string, end: number): string | undefined {
  const window = text.slice(end, end + 300);
  const close = window.indexOf(')');
  return REVISION.exec(close < 0 ? window : window.slice(0, close))?.[1];
}

/** Model identifiers in one file's text, with line numbers and pinned HF revisions. */
export function findModelIdentifiers(text: string): FoundModelIdentifier[] {
  const out: FoundModelIdentifier[] = [];
  const lineOf = (offset: number): number => {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };
  const seen = new Map<string, FoundModelIdentifier>();
  const add = (model: ModelIdentifier, index: number, end: number): void => {
    const revision = model.provider === 'huggingface' ? revisionAfter(text, end) : undefined;
    const known = seen.get(model.id);
    if (known !== undefined) {
      if (known.revision === undefined && revision !== undefined) known.revision = revision;
      return;
    }
    const found: FoundModelIdentifier = { ...model, line: lineOf(index) };
    if (revision !== undefined) found.revision = revision;
    seen.set(model.id, found);
    out.push(found);
  };
  for (const match of text.matchAll(/["'`]([\w.:@/-]{3,120})["'`]/g)) {
    const model = classifyModelString(match[1] ?? '');
    if (model) add(model, match.index, match.index + match[0].length);
  }
  for (const match of text.matchAll(HF_CONTEXT)) {
    const id = match[2] ?? '';
    if (!id.startsWith('.') && !/\.(py|js|ts|json|txt|csv|md|ya?ml)$/.test(id))
      add({ id, provider: 'huggingface' }, match.index, match.index + match[0].length);
  }
  return out;
}
