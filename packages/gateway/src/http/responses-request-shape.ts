import {
  firstProblem,
  isRecord,
  optionalBoolean,
  optionalCount,
  optionalNumber,
  optionalString,
  type Problem,
} from './request-shape.js';
import { MAX_CONTENT_PARTS, MAX_MESSAGES, MAX_TOOLS } from './chat-request-shape.js';

/** Message roles of Responses API input items. */
const ROLES: ReadonlySet<string> = new Set(['user', 'system', 'developer', 'assistant']);
/** Content part types carrying text: the only ones the adapter can forward. */
const TEXT_PARTS: ReadonlySet<string> = new Set(['input_text', 'output_text', 'text', 'refusal']);

/**
 * The first problem in an OpenAI Responses API request, in its own field
 * paths, or undefined: `input` items, `instructions`, tools, `stream` and
 * `max_output_tokens` must have the documented types.
 */
export function responsesRequestProblem(body: Record<string, unknown>): Problem {
  const input = body.input;
  if (typeof input !== 'string' && !Array.isArray(input)) return 'input: field required';
  if (Array.isArray(input)) {
    if (input.length > MAX_MESSAGES)
      return `input: ${input.length} items, at most ${MAX_MESSAGES} per request (drop or summarise older turns)`;
    let parts = 0;
    for (let i = 0; i < input.length; i++) {
      const item: unknown = input[i];
      const problem = itemProblem(item, `input[${i}]`);
      if (problem !== undefined) return problem;
      const content = isRecord(item) ? item.content : undefined;
      if (Array.isArray(content)) parts += content.length;
      if (parts > MAX_CONTENT_PARTS)
        return `input[${i}].content: more than ${MAX_CONTENT_PARTS} content parts in one request`;
    }
  }
  return firstProblem(
    optionalString(body, 'instructions'),
    optionalBoolean(body, 'stream'),
    optionalCount(body, 'max_output_tokens'),
    optionalNumber(body, 'temperature'),
    optionalNumber(body, 'top_p'),
    toolsProblem(body.tools),
  );
}

function itemProblem(item: unknown, path: string): Problem {
  if (!isRecord(item)) return `${path}: must be an object`;
  switch (item.type) {
    case 'function_call':
      return firstProblem(
        typeof item.call_id === 'string' ? undefined : `${path}.call_id: must be a string`,
        typeof item.name === 'string' ? undefined : `${path}.name: must be a string`,
        typeof item.arguments === 'string' ? undefined : `${path}.arguments: must be a JSON string`,
      );
    case 'function_call_output':
      return firstProblem(
        typeof item.call_id === 'string' ? undefined : `${path}.call_id: must be a string`,
        textProblem(item.output, `${path}.output`),
      );
    case undefined:
    case 'message':
      if (typeof item.role !== 'string' || !ROLES.has(item.role))
        return `${path}.role: must be one of ${[...ROLES].join(', ')}`;
      return textProblem(item.content, `${path}.content`);
    default:
      // Other item types are refused by the adapter with their own message.
      return undefined;
  }
}

function textProblem(value: unknown, path: string): Problem {
  if (typeof value === 'string') return undefined;
  if (!Array.isArray(value)) return `${path}: must be a string or an array of content parts`;
  for (let k = 0; k < value.length; k++) {
    const part: unknown = value[k];
    if (!isRecord(part) || typeof part.type !== 'string')
      return `${path}[${k}]: must be an object with a string "type"`;
    // The adapter forwards text only: an image or file part would be dropped without a word.
    if (!TEXT_PARTS.has(part.type))
      return `${path}[${k}].type: "${part.type.slice(0, 40)}" is not supported by this gateway (text parts only)`;
    if (typeof part.text !== 'string') return `${path}[${k}].text: must be a string`;
  }
  return undefined;
}

function toolsProblem(tools: unknown): Problem {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) return 'tools: must be an array of tool definitions';
  if (tools.length > MAX_TOOLS)
    return `tools: ${tools.length} tool definitions, at most ${MAX_TOOLS} per request`;
  for (let k = 0; k < tools.length; k++) {
    if (!isRecord(tools[k])) return `tools[${k}]: must be an object`;
  }
  return undefined;
}
