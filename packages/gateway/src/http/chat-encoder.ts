import type { ApiFlavor } from '../context.js';
import type { ChatChunk, ChatCompletion } from '../providers/openai-types.js';
import { streamErrorEvent } from './error-shapes.js';

/**
 * Writes the gateway's internal (OpenAI-format) chat answer in a route's own
 * wire format: a JSON body, SSE frames per chunk, the end frame and a
 * well-formed error frame. One encoder per request (streams keep state).
 */
export interface ChatEncoder {
  json(completion: ChatCompletion): string;
  /** SSE frames for one chunk; `raw` is the unchanged upstream payload when there is one. */
  chunk(chunk: ChatChunk, raw: string | undefined): string;
  done(): string;
  error(message: string, code: string, ruleId: string): string;
}

/** OpenAI's own format: stateless, so one shared encoder serves every request. */
const OPENAI_ENCODER: ChatEncoder = Object.freeze({
  json: (completion: ChatCompletion) => JSON.stringify(completion),
  chunk: (chunk: ChatChunk, raw: string | undefined) => `data: ${raw ?? JSON.stringify(chunk)}\n\n`,
  done: () => 'data: [DONE]\n\n',
  error: (message: string, code: string, ruleId: string) =>
    streamErrorEvent('openai', message, code, ruleId),
});

export function openAiEncoder(): ChatEncoder {
  return OPENAI_ENCODER;
}

export type ChatEncoderFactory = (api: ApiFlavor) => ChatEncoder;
