/**
 * Recognises model identifiers in string literals: hosted model names by
 * provider and Hugging Face repo ids. Patterns are anchored literals with
 * bounded character classes (linear time).
 */
export interface ModelIdentifier {
  id: string;
  provider: string;
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

/** Model identifiers in one file's text, with line numbers. */
export function findModelIdentifiers(
  text: string,
): { id: string; provider: string; line: number }[] {
  const out: { id: string; provider: string; line: number }[] = [];
  const lineOf = (offset: number): number => {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };
  const seen = new Set<string>();
  for (const match of text.matchAll(/["'`]([\w.:@/-]{3,120})["'`]/g)) {
    const model = classifyModelString(match[1] ?? '');
    if (model && !seen.has(model.id)) {
      seen.add(model.id);
      out.push({ ...model, line: lineOf(match.index) });
    }
  }
  for (const match of text.matchAll(HF_CONTEXT)) {
    const id = match[2] ?? '';
    if (!seen.has(id) && !id.startsWith('.') && !/\.(py|js|ts|json|txt|csv|md|ya?ml)$/.test(id)) {
      seen.add(id);
      out.push({ id, provider: 'huggingface', line: lineOf(match.index) });
    }
  }
  return out;
}
