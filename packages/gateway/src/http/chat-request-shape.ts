import {
  firstProblem,
  isRecord,
  optionalBoolean,
  optionalCount,
  optionalNumber,
  optionalRecord,
  optionalString,
  optionalStrings,
  type Problem,
} from './request-shape.js';

/** Chat roles of the OpenAI wire format; anything else is refused. */
const ROLES: ReadonlySet<string> = new Set([
  'system',
  'developer',
  'user',
  'assistant',
  'tool',
  'function',
]);

/**
 * Content part types the gateway knows: the ones carrying text (`text`,
 * `refusal`) are scanned; the others carry media references. An unknown
 * type might carry text the guard would not see, so it is refused.
 */
const TEXT_PARTS: Readonly<Record<string, string>> = { text: 'text', refusal: 'refusal' };
const MEDIA_PARTS: ReadonlySet<string> = new Set(['image_url', 'input_audio', 'file', 'video_url']);

/**
 * Most messages one request may carry. The guard scans each message (and
 * each text part) on its own, so these counts bound its work per request:
 * without them a 4 MB body of tiny messages costs about a second of CPU.
 */
export const MAX_MESSAGES = 2048;
/** Most content parts over all messages of one request. */
export const MAX_CONTENT_PARTS = 4096;
/** Most tool definitions, and most tool calls in one message (OpenAI's limit for both is 128). */
export const MAX_TOOLS = 128;

/**
 * The first problem in a chat completions request (OpenAI wire format, also
 * what the Anthropic and Responses adapters produce), or undefined. Checks
 * what the gateway reads, scans or limits: messages and their content
 * parts, tool calls and tool definitions, `stream`, token counts. Unknown
 * extra fields pass through untouched. `counts: false` skips the count caps,
 * for a request an adapter produced: the adapter's own check capped the
 * counts in the client's terms, and translating may add a message (system
 * prompt, instructions) or split one (Anthropic tool results).
 */
export function chatRequestProblem(
  body: Record<string, unknown>,
  options: { counts?: boolean } = {},
): Problem {
  const counts = options.counts ?? true;
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    return 'messages: must be a non-empty array of messages';
  if (counts && messages.length > MAX_MESSAGES)
    return `messages: ${messages.length} messages, at most ${MAX_MESSAGES} per request (drop or summarise older turns)`;
  let parts = 0;
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    const problem = messageProblem(message, `messages[${i}]`, counts);
    if (problem !== undefined) return problem;
    const content = (message as { content?: unknown }).content;
    if (Array.isArray(content)) parts += content.length;
    if (counts && parts > MAX_CONTENT_PARTS)
      return `messages[${i}].content: more than ${MAX_CONTENT_PARTS} content parts in one request (merge adjacent text parts)`;
  }
  return firstProblem(
    optionalBoolean(body, 'stream'),
    optionalRecord(body, 'stream_options'),
    optionalCount(body, 'max_tokens'),
    optionalCount(body, 'max_completion_tokens'),
    optionalCount(body, 'n'),
    optionalNumber(body, 'temperature'),
    optionalNumber(body, 'top_p'),
    optionalStrings(body, 'stop'),
    toolsProblem(body.tools, counts),
  );
}

function messageProblem(message: unknown, path: string, counts: boolean): Problem {
  if (!isRecord(message)) return `${path}: must be an object with "role" and "content"`;
  const role = message.role;
  if (typeof role !== 'string' || !ROLES.has(role))
    return `${path}.role: must be one of ${[...ROLES].join(', ')}`;
  const content = message.content;
  if (content === undefined || content === null) {
    if (role !== 'assistant') return `${path}.content: required for role "${role}"`;
  } else if (Array.isArray(content)) {
    for (let j = 0; j < content.length; j++) {
      const problem = partProblem(content[j], `${path}.content[${j}]`);
      if (problem !== undefined) return problem;
    }
  } else if (typeof content !== 'string') {
    return `${path}.content: must be a string or an array of content parts`;
  }
  return firstProblem(
    optionalString(message, 'name', `${path}.name`),
    optionalString(message, 'tool_call_id', `${path}.tool_call_id`),
    toolCallsProblem(message.tool_calls, `${path}.tool_calls`, counts),
  );
}

function partProblem(part: unknown, path: string): Problem {
  if (!isRecord(part) || typeof part.type !== 'string')
    return `${path}: must be an object with a string "type"`;
  const textKey = TEXT_PARTS[part.type];
  if (textKey !== undefined) {
    return typeof part[textKey] === 'string' ? undefined : `${path}.${textKey}: must be a string`;
  }
  if (!MEDIA_PARTS.has(part.type))
    return `${path}.type: "${part.type.slice(0, 40)}" is not a supported content part type`;
  // A media part must not smuggle text past the scan.
  return 'text' in part ? `${path}.text: not allowed on a ${part.type} part` : undefined;
}

function toolCallsProblem(calls: unknown, path: string, counts: boolean): Problem {
  if (calls === undefined || calls === null) return undefined;
  if (!Array.isArray(calls)) return `${path}: must be an array`;
  if (counts && calls.length > MAX_TOOLS)
    return `${path}: ${calls.length} tool calls, at most ${MAX_TOOLS} in one message`;
  for (let k = 0; k < calls.length; k++) {
    const call: unknown = calls[k];
    const fn = isRecord(call) ? call.function : undefined;
    if (!isRecord(call) || !isRecord(fn)) return `${path}[${k}]: must be an object with "function"`;
    const problem = firstProblem(
      optionalString(call, 'id', `${path}[${k}].id`),
      typeof fn.name === 'string' ? undefined : `${path}[${k}].function.name: must be a string`,
      typeof fn.arguments === 'string'
        ? undefined
        : `${path}[${k}].function.arguments: must be a JSON string`,
    );
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function toolsProblem(tools: unknown, counts: boolean): Problem {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) return 'tools: must be an array of tool definitions';
  if (counts && tools.length > MAX_TOOLS)
    return `tools: ${tools.length} tool definitions, at most ${MAX_TOOLS} per request`;
  for (let k = 0; k < tools.length; k++) {
    const tool: unknown = tools[k];
    const fn = isRecord(tool) ? tool.function : undefined;
    if (!isRecord(tool) || !isRecord(fn)) return `tools[${k}]: must be an object with "function"`;
    const problem = firstProblem(
      typeof fn.name === 'string' ? undefined : `tools[${k}].function.name: must be a string`,
      optionalString(fn, 'description', `tools[${k}].function.description`),
      optionalRecord(fn, 'parameters', `tools[${k}].function.parameters`),
    );
    if (problem !== undefined) return problem;
  }
  return undefined;
}
