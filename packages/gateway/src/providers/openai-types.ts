/**
 * The subset of the OpenAI Chat Completions wire format the gateway reads.
 * Everything else in a request or response passes through untouched.
 */
export interface ChatContentPart {
  type: string;
  text?: string;
}

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | string;
  content?: string | ChatContentPart[] | null;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
  name?: string;
}

export interface ChatToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: unknown };
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: ChatToolDefinition[];
  max_tokens?: number;
  max_completion_tokens?: number;
  [key: string]: unknown;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatChoice {
  index: number;
  message: ChatMessage;
  /** Per-token log probabilities (requested with `logprobs`); repeat the content's text. */
  logprobs?: unknown;
  finish_reason: string | null;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatChoice[];
  usage?: ChatUsage;
}

export interface ChatChunkToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: {
      role?: string;
      content?: string | null;
      tool_calls?: ChatChunkToolCallDelta[];
      /** Model text besides the content (see guard/model-text-fields.ts). */
      reasoning_content?: string;
      reasoning?: string;
      refusal?: string | null;
    };
    /** Per-token log probabilities (requested with `logprobs`); repeat the content's text. */
    logprobs?: unknown;
    finish_reason: string | null;
  }[];
  usage?: ChatUsage | null | undefined;
}

export interface EmbeddingsRequest {
  model: string;
  input: string | string[];
  [key: string]: unknown;
}
