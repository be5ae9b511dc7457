import type { ChatChunk } from './openai-types.js';

/** A streamed chunk as read from the wire; `error` is set when the upstream failed mid-stream. */
export type WireChunk = ChatChunk & { error?: unknown };

/**
 * Reads the JSON payloads of an OpenAI-style chat stream. Most events of a
 * stream differ only in their content text (`{"id":…,"choices":[{"index":0,
 * "delta":{"content":"…"},"finish_reason":null}]}`), so once one plain
 * content event has been parsed, later payloads with exactly the same text
 * before and after the content string are read without `JSON.parse`: the
 * content is taken as is when it holds no `"`, `\` or control character
 * (RFC 8259 §7: then the string needs no unescaping, and the payload parses
 * to the same object with only the content changed). Anything else (escapes,
 * another layout, tool calls, finish reasons, usage) goes through
 * `JSON.parse`. Every object returned is fresh: callers may mutate it.
 *
 * `verbatim` says whether the payload just read may be forwarded as the
 * upstream sent it: only a fast-path payload whose learned layout is exactly
 * what `JSON.stringify` gives. Any other payload must be re-serialised from
 * the parsed object, so a client never receives text that another JSON
 * parser could read differently from what the guard scanned (duplicate
 * keys: RFC 8259 §4 leaves their meaning to the parser).
 */
export class StreamChunkReader {
  #prefix: string | undefined;
  #suffix = '';
  #template: PlainChunk | undefined;
  #canonical = false;
  /** True when the payload just read may be forwarded unchanged (see the class comment). */
  verbatim = false;

  /** The chunk in `data`, or undefined when it is not a JSON object. */
  read(data: string): WireChunk | undefined {
    const fast = this.#readPlain(data);
    this.verbatim = fast !== undefined && this.#canonical;
    if (fast !== undefined) return fast;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    if (this.#prefix === undefined) this.#learn(data, parsed);
    return parsed as WireChunk;
  }

  #readPlain(data: string): WireChunk | undefined {
    const prefix = this.#prefix;
    const template = this.#template;
    if (prefix === undefined || template === undefined) return undefined;
    const end = data.length - this.#suffix.length;
    if (end < prefix.length || !data.startsWith(prefix) || !data.endsWith(this.#suffix))
      return undefined;
    if (!isPlainStringBody(data, prefix.length, end)) return undefined;
    const content = data.slice(prefix.length, end);
    // Key order as in the template, so re-serialising gives the upstream's layout.
    return {
      ...template.chunk,
      choices: [{ ...template.choice, delta: { ...template.delta, content } }],
    } as WireChunk;
  }

  /**
   * Learns the layout from a plain content event: one choice whose delta
   * holds only a content string, no finish reason, usage, error or nested
   * values elsewhere, and a content written without escapes.
   */
  #learn(data: string, parsed: object): void {
    const plain = plainParts(parsed);
    if (!plain) return;
    const content = plain.delta.content;
    const key = data.indexOf('"content"');
    if (key < 0 || data.indexOf('"content"', key + 1) >= 0) return;
    let at = skipSpaces(data, key + '"content"'.length);
    if (data.charCodeAt(at) !== 0x3a) return; // ':'
    at = skipSpaces(data, at + 1);
    if (data.charCodeAt(at) !== 0x22) return; // '"'
    const start = at + 1;
    if (!data.startsWith(content, start) || data.charCodeAt(start + content.length) !== 0x22)
      return;
    this.#prefix = data.slice(0, start);
    this.#suffix = data.slice(start + content.length);
    this.#template = plain;
    // Canonical (no duplicate keys, no extra spaces): payloads of this layout may be forwarded as sent.
    this.#canonical = JSON.stringify(parsed) === data;
  }
}

interface PlainChunk {
  chunk: Record<string, unknown>;
  choice: Record<string, unknown>;
  delta: Record<string, unknown> & { content: string };
}

const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';

function plainParts(parsed: object): PlainChunk | undefined {
  const chunk = parsed as Record<string, unknown>;
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return undefined;
  for (const [name, value] of Object.entries(chunk))
    if (name !== 'choices' && !isPrimitive(value)) return undefined;
  if (chunk.error !== undefined || (chunk.usage !== undefined && chunk.usage !== null))
    return undefined;
  const choice = choices[0] as unknown;
  if (typeof choice !== 'object' || choice === null) return undefined;
  const choiceFields = choice as Record<string, unknown>;
  for (const [name, value] of Object.entries(choiceFields))
    if (name !== 'delta' && !isPrimitive(value)) return undefined;
  if (choiceFields.finish_reason !== null && choiceFields.finish_reason !== undefined)
    return undefined;
  const delta = choiceFields.delta;
  if (typeof delta !== 'object' || delta === null) return undefined;
  const deltaFields = delta as Record<string, unknown>;
  for (const [name, value] of Object.entries(deltaFields))
    if (name !== 'content' && value !== undefined) return undefined;
  const content = deltaFields.content;
  if (
    typeof content !== 'string' ||
    content === '' ||
    !isPlainStringBody(content, 0, content.length)
  )
    return undefined;
  // Copies: the caller gets (and may mutate) the parsed object itself.
  return {
    chunk: { ...chunk },
    choice: { ...choiceFields },
    delta: { ...deltaFields } as PlainChunk['delta'],
  };
}

/** True when `text[from, to)` holds no `"`, `\\` or control character (a JSON string body without escapes). */
function isPlainStringBody(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c) return false;
  }
  return true;
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) break;
    at++;
  }
  return at;
}
