import { describe, expect, it } from 'vitest';
import { ContentBatch, plainContentOf, withContent } from '../src/routes/content-batch.js';
import type { ChatChunk } from '../src/providers/openai-types.js';

const chunkOf = (content: string): ChatChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});
const frameOf = (text: string) => ({ chunk: chunkOf(text), raw: `raw:${text}`, text });
const contentOf = (frame: { chunk: ChatChunk }) => frame.chunk.choices?.[0]?.delta.content;

describe('plainContentOf', () => {
  it('takes the text of a chunk that carries only content', () => {
    expect(plainContentOf(chunkOf('Hello'))).toBe('Hello');
  });

  it('leaves every other chunk to the event-by-event path', () => {
    const base = chunkOf('Hello');
    const choice = base.choices?.[0] as NonNullable<ChatChunk['choices']>[number];
    expect(plainContentOf(chunkOf(''))).toBeUndefined();
    expect(plainContentOf({ ...base, choices: [{ ...choice, finish_reason: 'stop' }] })).toBe(
      undefined,
    );
    expect(
      plainContentOf({
        ...base,
        choices: [{ ...choice, delta: { role: 'assistant', content: 'x' } }],
      }),
    ).toBeUndefined();
    expect(
      plainContentOf({
        ...base,
        choices: [{ ...choice, delta: { content: 'x', tool_calls: [{ index: 0 }] } }],
      }),
    ).toBeUndefined();
    expect(plainContentOf({ ...base, choices: [choice, choice] })).toBeUndefined();
    expect(plainContentOf({ ...base, choices: [] })).toBeUndefined();
    expect(
      plainContentOf({
        ...base,
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    ).toBeUndefined();
    expect(plainContentOf({ ...base, error: { message: 'x' } })).toBeUndefined();
    // Reasoning next to the content, and log probabilities, take the event-by-event way.
    expect(
      plainContentOf({
        ...base,
        choices: [{ ...choice, delta: { content: 'x', reasoning_content: 'y' } }],
      }),
    ).toBeUndefined();
    const withLogprobs = { ...choice, logprobs: { content: [{ token: 'x', logprob: 0 }] } };
    expect(plainContentOf({ ...base, choices: [withLogprobs] })).toBeUndefined();
    expect(plainContentOf({ ...base, choices: [{ ...choice, logprobs: null }] })).toBe('Hello');
  });
});

describe('withContent', () => {
  it('returns a copy with the content replaced and the original untouched', () => {
    const original = chunkOf('abc');
    const copy = withContent(original, 'xyz');
    expect(contentOf({ chunk: copy })).toBe('xyz');
    expect(contentOf({ chunk: original })).toBe('abc');
    expect(copy.id).toBe('c');
  });
});

describe('ContentBatch.release', () => {
  it('sends every event as it came when the scanner released all of it', () => {
    const batch = new ContentBatch(true);
    for (const t of ['The ', 'quarter ', 'went ', 'well. ']) batch.add(frameOf(t));
    const { frames, text } = batch.take();
    expect(batch.size).toBe(0);
    const out = batch.release(frames, text, text);
    expect(out).toEqual(frames);
    expect(out?.every((f, i) => f === frames[i])).toBe(true);
  });

  it('cuts at the held-back tail and leads the next batch with it', () => {
    const batch = new ContentBatch(true);
    for (const t of ['Call ', 'me a', 't 555']) batch.add(frameOf(t));
    const first = batch.take();
    // The scanner holds "at 555" (a word that may still grow into a match).
    const out1 = batch.release(first.frames, first.text, 'Call me ');
    expect(out1?.map((f) => f.text)).toEqual(['Call ', 'me ']);
    expect(out1?.[0]).toBe(first.frames[0]);
    expect(out1?.[1]).toMatchObject({ raw: undefined, text: 'me ' });
    expect(contentOf(out1?.[1] as { chunk: ChatChunk })).toBe('me ');

    for (const t of ['-0100 ', 'today. ']) batch.add(frameOf(t));
    const second = batch.take();
    const out2 = batch.release(second.frames, second.text, 'at 555-0100 today. ');
    expect(out2?.map((f) => f.text)).toEqual(['at 555-0100 ', 'today. ']);
    expect(out2?.[0]?.raw).toBeUndefined();
    expect(out2?.[1]).toBe(second.frames[1]);
    expect(batch.enabled).toBe(true);
  });

  it('drops the events whose text is all held back', () => {
    const batch = new ContentBatch(true);
    for (const t of ['Hello ', 'ghp', '_abc']) batch.add(frameOf(t));
    const { frames, text } = batch.take();
    expect(batch.release(frames, text, 'Hello ')?.map((f) => f.text)).toEqual(['Hello ']);
    const rest = batch.take();
    expect(batch.release(rest.frames, rest.text, '')).toEqual([]);
  });

  it('reports a rewrite and stops batching for the rest of the stream', () => {
    const batch = new ContentBatch(true);
    for (const t of ['mail jane', '@example.org now ']) batch.add(frameOf(t));
    const { frames, text } = batch.take();
    expect(batch.release(frames, text, 'mail [REDACTED:pii.email] now ')).toBeUndefined();
    expect(batch.enabled).toBe(false);
  });

  it('starts disabled when asked and can be disabled', () => {
    expect(new ContentBatch(false).enabled).toBe(false);
    const batch = new ContentBatch(true);
    batch.disable();
    expect(batch.enabled).toBe(false);
  });
});
