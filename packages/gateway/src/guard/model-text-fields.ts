/**
 * Model-written text that answers carry besides `content`: reasoning
 * (`reasoning_content` from DeepSeek and vLLM, `reasoning` from OpenRouter
 * and newer vLLM) and OpenAI's `refusal`. The output guard scans each like
 * the content (redaction, blocking), in a message and in a stream delta;
 * nothing the model wrote reaches the client unscanned.
 */
export const SIDE_TEXT_FIELDS = ['reasoning_content', 'reasoning', 'refusal'] as const;

export type SideTextField = (typeof SIDE_TEXT_FIELDS)[number];

/** The non-empty side texts of a message or delta, in field order. */
export function sideTexts(holder: object): [SideTextField, string][] {
  const found: [SideTextField, string][] = [];
  for (const field of SIDE_TEXT_FIELDS) {
    const value = (holder as Partial<Record<SideTextField, unknown>>)[field];
    if (typeof value === 'string' && value !== '') found.push([field, value]);
  }
  return found;
}

/**
 * Per-token log probabilities repeat the answer's text token by token
 * (`logprobs.content[].token`, `top_logprobs`, their `bytes`). Once the
 * guard changed or held back any of that text they would give it away, so
 * they are dropped from that choice.
 */
export function dropLogprobs(choice: object): void {
  const fields = choice as { logprobs?: unknown };
  if (fields.logprobs !== undefined && fields.logprobs !== null) fields.logprobs = null;
}
