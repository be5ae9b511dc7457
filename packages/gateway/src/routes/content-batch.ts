import type { ChatChunk } from '../providers/openai-types.js';

/** A plain content event: its parsed chunk, the upstream payload when it may leave as sent, its text. */
export interface ContentFrame {
  chunk: ChatChunk;
  raw: string | undefined;
  text: string;
}

/**
 * The text of a chunk that carries only content: one choice whose delta
 * holds a non-empty content string and nothing else, no finish reason, no
 * log probabilities, no usage or error; undefined for any other chunk (it
 * goes the event-by-event way, which handles every field).
 */
export function plainContentOf(chunk: ChatChunk & { error?: unknown }): string | undefined {
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1 || chunk.usage || chunk.error) return;
  const choice = choices[0];
  const delta = choice?.delta;
  if (!delta || choice.finish_reason || (choice.logprobs !== undefined && choice.logprobs !== null))
    return;
  for (const key in delta) if (key !== 'content') return;
  return typeof delta.content === 'string' && delta.content !== '' ? delta.content : undefined;
}

/** `chunk` with its content replaced (a fresh object: the original is left as it was). */
export function withContent(chunk: ChatChunk, content: string): ChatChunk {
  const choice = chunk.choices?.[0];
  return {
    ...chunk,
    choices: [{ ...choice, index: choice?.index ?? 0, delta: { ...choice?.delta, content } }],
  } as ChatChunk;
}

/**
 * Content events read in one network read, scanned as one text: the stream
 * scanner's fixed cost is paid once per read instead of once per event
 * (fast models send many events per read). Nothing waits for I/O: a batch
 * ends with the last event already read, so the first event of a paced
 * stream still leaves on its own.
 *
 * `release` maps what the scanner let go onto the events. While the scanner
 * only holds text back (a word that may grow into a match), the released
 * text is a prefix of what was pushed: each event keeps its own frame (the
 * upstream's bytes when its text is whole), an event cut by the hold carries
 * the released part, and held text leads the next batch's first event. Once
 * the scanner rewrites text (redaction, vault restore) the held part is no
 * longer known here, so `release` reports it and batching stops for the
 * rest of the stream (the caller sends the released text in one frame and
 * goes on event by event, as without batching). The batch's idea of what the
 * scanner holds is right only while every push goes through it: the caller
 * calls `disable` before any other push and after the scanner's `end`.
 */
export class ContentBatch {
  #frames: ContentFrame[] = [];
  #text = '';
  /** Pushed in earlier batches and not released yet. */
  #held = '';
  #enabled: boolean;

  constructor(enabled: boolean) {
    this.#enabled = enabled;
  }

  /** Whether events may still be batched (see the class comment). */
  get enabled(): boolean {
    return this.#enabled;
  }

  get size(): number {
    return this.#frames.length;
  }

  add(frame: ContentFrame): void {
    this.#frames.push(frame);
    this.#text += frame.text;
  }

  /** Stops batching: the caller pushes text to the scanner outside a batch. */
  disable(): void {
    this.#enabled = false;
  }

  /** The batch's events and their text in order; the batch is empty afterwards. */
  take(): { frames: ContentFrame[]; text: string } {
    const taken = { frames: this.#frames, text: this.#text };
    this.#frames = [];
    this.#text = '';
    return taken;
  }

  /**
   * The frames to send for `frames` given the scanner's `emit` for their
   * text, or undefined when the scanner rewrote text (batching then stops).
   */
  release(frames: readonly ContentFrame[], text: string, emit: string): ContentFrame[] | undefined {
    const pushed = this.#held + text;
    if (!pushed.startsWith(emit)) {
      this.#held = '';
      this.#enabled = false;
      return undefined;
    }
    this.#held = pushed.slice(emit.length);
    const out: ContentFrame[] = [];
    let left = emit.length;
    let lead = pushed.length - text.length; // held text released ahead of the first event
    for (const frame of frames) {
      if (left <= 0) break;
      const whole = lead === 0 && frame.text.length <= left;
      const content = (lead > 0 ? pushed.slice(0, lead) : '') + frame.text;
      const sent = content.slice(0, left);
      left -= sent.length;
      lead = 0;
      out.push(
        whole ? frame : { chunk: withContent(frame.chunk, sent), raw: undefined, text: sent },
      );
    }
    return out;
  }
}
