import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamChunkReader } from '../src/providers/stream-chunk-reader.js';

const plain = (content: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    system_fingerprint: null,
    ...extra,
    choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
  });

/** What JSON.parse gives for a payload that is a JSON object, else undefined. */
function reference(data: string): unknown {
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

/** Payloads a stream may carry: plain deltas, escapes, other layouts, tool calls, usage, junk. */
const payload = fc.oneof(
  fc.string({ unit: 'binary' }).map((content) => plain(content)),
  fc.string({ unit: 'grapheme-ascii' }).map((content) => plain(content)),
  fc.constantFrom('a"b', 'a\\b', 'line\nbreak', '\u0000', 'é', '"},"x":{"y":"', '').map(plain),
  fc.string().map((content) => plain(content, { obfuscation: content.length })),
  fc
    .string()
    .map((content) =>
      plain(content).replace('"content":', '"content" : ').replace('"id"', ' "id"'),
    ),
  fc.string().map((content) =>
    JSON.stringify({
      id: 'chatcmpl-1',
      choices: [{ index: 0, delta: { content }, finish_reason: 'stop' }],
    }),
  ),
  fc.constant(
    JSON.stringify({
      id: 'chatcmpl-1',
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: '{"a"' } }] },
          finish_reason: null,
        },
      ],
    }),
  ),
  fc.constant(JSON.stringify({ id: 'chatcmpl-1', choices: [], usage: { total_tokens: 3 } })),
  fc.constantFrom('[DONE]', 'null', '5', '[]', '{', plain('x').slice(0, -3), plain('x') + ' '),
);

describe('StreamChunkReader', () => {
  it('reads every payload exactly as JSON.parse does, key order included', () => {
    fc.assert(
      fc.property(fc.array(payload, { maxLength: 30 }), (stream) => {
        const reader = new StreamChunkReader();
        for (const data of stream) {
          const read = reader.read(data);
          const expected = reference(data);
          expect(read).toEqual(expected);
          expect(JSON.stringify(read)).toBe(JSON.stringify(expected));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('takes the fast path for plain deltas and returns objects the caller may change', () => {
    const reader = new StreamChunkReader();
    const first = reader.read(plain('The '));
    expect(first?.choices[0]?.delta.content).toBe('The ');
    // The caller mutates what it got (as the stream handler does); later reads are unaffected.
    (first as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content = '';
    delete (first as { id?: string }).id;
    const second = reader.read(plain('quarter '));
    expect(second).toEqual(JSON.parse(plain('quarter ')));
    (second as { choices: unknown[] }).choices.length = 0;
    expect(reader.read(plain('went '))).toEqual(JSON.parse(plain('went ')));
  });

  it('does not let a content string change the structure of the chunk', () => {
    const reader = new StreamChunkReader();
    reader.read(plain('learn'));
    // A payload that starts and ends like the template but whose middle closes the string.
    const forged = plain('a","finish_reason":"stop","x":"b');
    expect(reader.read(forged)).toEqual(JSON.parse(forged));
    const spliced = plain('learn').replace('learn', 'a"},"usage":{"total_tokens":1},"z":{"q":"');
    expect(reader.read(spliced)).toEqual(reference(spliced));
  });

  it('marks only fast-path payloads of a canonical layout as forwardable', () => {
    const reader = new StreamChunkReader();
    reader.read(plain('first '));
    expect(reader.verbatim).toBe(false); // parsed: the layout was only learned here
    reader.read(plain('second '));
    expect(reader.verbatim).toBe(true);
    reader.read(plain('a\\b'));
    expect(reader.verbatim).toBe(false); // escapes: parsed
    reader.read(JSON.stringify({ id: 'x', choices: [], usage: { total_tokens: 1 } }));
    expect(reader.verbatim).toBe(false);

    const spaced = new StreamChunkReader();
    const withSpace = (content: string) => plain(content).replace('"content":', '"content": ');
    spaced.read(withSpace('first '));
    expect(spaced.read(withSpace('second '))?.choices[0]?.delta.content).toBe('second ');
    expect(spaced.verbatim).toBe(false); // not what JSON.stringify writes

    const duplicated = new StreamChunkReader();
    const twice = (content: string) =>
      plain(content).replace('"model":"m"', '"model":"x","model":"m"');
    duplicated.read(twice('first '));
    expect(duplicated.read(twice('second '))).toEqual(JSON.parse(twice('second ')));
    expect(duplicated.verbatim).toBe(false);
  });
});
