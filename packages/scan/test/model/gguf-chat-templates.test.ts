import { describe, expect, it } from 'vitest';
import { gguf } from './format-builders.js';
import { scanBytes } from './scan-helpers.js';

// GGUF metadata and Jinja chat templates (GGUF, tokenizer_config.json, .jinja).

describe('GGUF', () => {
  const benign =
    "{% for message in messages %}{{ '<|' + message['role'] + '|>' + message['content'] }}{% endfor %}";
  it('benign template is clean', async () => {
    const r = await scanBytes(
      'm.gguf',
      gguf({ 'general.name': 'x', 'tokenizer.chat_template': benign }),
    );
    expect(r.format).toBe('gguf');
    expect(r.verdict).toBe('clean');
  });
  const attacks = [
    "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('id') }}",
    "{% set x = lipsum|attr('\\x5f\\x5fglobals\\x5f\\x5f') %}{{ x }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ joiner|attr('x') }}",
  ];
  for (const attack of attacks) {
    it(`flags ${attack.slice(0, 40)}`, async () => {
      const r = await scanBytes('m.gguf', gguf({ 'tokenizer.chat_template.tool_use': attack }));
      expect(r.verdict).toBe('malicious');
    });
  }
  it('implausible counts are suspicious; truncation is inconclusive', async () => {
    expect((await scanBytes('m.gguf', gguf({ a: 'b' }, { kvCount: 2 ** 40 }))).verdict).toBe(
      'suspicious',
    );
    expect((await scanBytes('m.gguf', gguf({ a: 'b' }, { kvCount: 3 }))).verdict).toBe(
      'inconclusive',
    );
  });
  it('tokenizer_config.json chat_template is checked too', async () => {
    const r = await scanBytes(
      'tokenizer_config.json',
      Buffer.from(JSON.stringify({ chat_template: attacks[0] })),
    );
    expect(r.verdict).toBe('malicious');
    expect(
      (
        await scanBytes(
          'tokenizer_config.json',
          Buffer.from(JSON.stringify({ chat_template: benign })),
        )
      ).verdict,
    ).toBe('clean');
  });
  it('templates with double underscores in plain text are not flagged', async () => {
    const r = await scanBytes(
      'm.gguf',
      gguf({
        'tokenizer.chat_template':
          "{{ '<|reserved__token|>' }}{% for m in messages %}{{ m['content'] }}{% endfor %}",
      }),
    );
    expect(r.verdict).toBe('clean');
  });
});

describe('standalone chat templates', () => {
  it('chat_template.jinja files are checked', async () => {
    expect(
      (
        await scanBytes(
          'chat_template.jinja',
          Buffer.from("{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
        )
      ).verdict,
    ).toBe('malicious');
    expect(
      (
        await scanBytes(
          'chat_template.jinja',
          Buffer.from('{% for m in messages %}{{ m.content }}{% endfor %}'),
        )
      ).verdict,
    ).toBe('clean');
  });
});
