import {
  firstProblem,
  isRecord,
  optionalBoolean,
  optionalNumber,
  optionalRecord,
  optionalString,
  type Problem,
} from './request-shape.js';
import { MAX_CONTENT_PARTS, MAX_MESSAGES, MAX_TOOLS } from './chat-request-shape.js';

/**
 * The first problem in an Anthropic Messages request
 * (docs.anthropic.com/en/api/messages), in its own field paths, or
 * undefined: what the adapter reads must have the documented type.
 */
export function anthropicRequestProblem(body: Record<string, unknown>): Problem {
  if (!Array.isArray(body.messages)) return 'messages: field required';
  if (body.max_tokens === undefined) return 'max_tokens: field required';
  if (!Number.isSafeInteger(body.max_tokens) || (body.max_tokens as number) < 1)
    return 'max_tokens: must be a positive integer';
  const messages: unknown[] = body.messages;
  if (messages.length > MAX_MESSAGES)
    return `messages: ${messages.length} messages, at most ${MAX_MESSAGES} per request (drop or summarise older turns)`;
  let blocks = 0;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const path = `messages.${i}`;
    if (!isRecord(message)) return `${path}: must be an object with "role" and "content"`;
    if (message.role !== 'user' && message.role !== 'assistant')
      return `${path}.role: must be "user" or "assistant"`;
    const problem = contentProblem(message.content, `${path}.content`);
    if (problem !== undefined) return problem;
    if (Array.isArray(message.content)) blocks += message.content.length;
    if (blocks > MAX_CONTENT_PARTS)
      return `${path}.content: more than ${MAX_CONTENT_PARTS} content blocks in one request`;
  }
  return firstProblem(
    systemProblem(body.system),
    optionalBoolean(body, 'stream'),
    optionalNumber(body, 'temperature'),
    optionalNumber(body, 'top_p'),
    stopProblem(body.stop_sequences),
    toolsProblem(body.tools),
  );
}

function contentProblem(content: unknown, path: string): Problem {
  if (typeof content === 'string') return undefined;
  if (!Array.isArray(content)) return `${path}: must be a string or an array of content blocks`;
  for (let j = 0; j < content.length; j++) {
    const problem = blockProblem(content[j], `${path}.${j}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function blockProblem(block: unknown, path: string): Problem {
  if (!isRecord(block) || typeof block.type !== 'string')
    return `${path}: must be an object with a string "type"`;
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' ? undefined : `${path}.text: must be a string`;
    case 'tool_use':
      return firstProblem(
        typeof block.id === 'string' ? undefined : `${path}.id: must be a string`,
        typeof block.name === 'string' ? undefined : `${path}.name: must be a string`,
        optionalRecord(block, 'input', `${path}.input`),
      );
    case 'tool_result': {
      const inner = block.content;
      if (typeof block.tool_use_id !== 'string') return `${path}.tool_use_id: must be a string`;
      if (inner === undefined || typeof inner === 'string') return undefined;
      if (!Array.isArray(inner)) return `${path}.content: must be a string or an array of blocks`;
      for (let k = 0; k < inner.length; k++) {
        const part: unknown = inner[k];
        if (!isRecord(part) || part.type !== 'text' || typeof part.text !== 'string')
          return `${path}.content.${k}: must be a text block with a string "text"`;
      }
      return undefined;
    }
    default:
      // Other block types (images, documents) are refused by the adapter with their own message.
      return undefined;
  }
}

function systemProblem(system: unknown): Problem {
  if (system === undefined || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return 'system: must be a string or an array of text blocks';
  for (let k = 0; k < system.length; k++) {
    const block: unknown = system[k];
    if (!isRecord(block) || block.type !== 'text' || typeof block.text !== 'string')
      return `system.${k}: must be a text block with a string "text"`;
  }
  return undefined;
}

function stopProblem(stop: unknown): Problem {
  if (stop === undefined) return undefined;
  return Array.isArray(stop) && stop.every((s) => typeof s === 'string')
    ? undefined
    : 'stop_sequences: must be an array of strings';
}

function toolsProblem(tools: unknown): Problem {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return 'tools: must be an array of tool definitions';
  if (tools.length > MAX_TOOLS)
    return `tools: ${tools.length} tool definitions, at most ${MAX_TOOLS} per request`;
  for (let k = 0; k < tools.length; k++) {
    const tool: unknown = tools[k];
    if (!isRecord(tool)) return `tools.${k}: must be an object`;
    const problem = firstProblem(
      typeof tool.name === 'string' ? undefined : `tools.${k}.name: must be a string`,
      optionalString(tool, 'description', `tools.${k}.description`),
      optionalRecord(tool, 'input_schema', `tools.${k}.input_schema`),
    );
    if (problem !== undefined) return problem;
  }
  return undefined;
}
