import { scriptedText, type CannedReply, type ReceivedRequest } from './mock-anthropic.js';
import { startUpstream } from './harness.js';

const FILTER_OK = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
};

/**
 * A local mock of the Azure OpenAI data plane on 127.0.0.1: answers only
 * `/openai/deployments/{deployment}/(chat/completions|embeddings)?api-version=…`
 * (404 otherwise), with the content-filter annotations Azure adds — a
 * leading stream event holding only `prompt_filter_results` (empty id and
 * model), `content_filter_results` on choices. The reply follows the last
 * user message's `[[say:TEXT]]`, `[[reverse:TEXT]]` or `[[tool:NAME {json}]]` script.
 */
export async function startMockAzure() {
  const received: ReceivedRequest[] = [];
  const queue: CannedReply[] = [];
  const upstream = await startUpstream((req, res, raw) => {
    const body = raw as Record<string, unknown>;
    received.push({ path: req.url ?? '', headers: req.headers, body });
    const canned = queue.shift();
    if (canned) {
      res.writeHead(canned.status, { 'content-type': 'application/json', ...canned.headers });
      res.end(JSON.stringify(canned.body));
      return;
    }
    const route =
      /^\/openai\/deployments\/([^/?]+)\/(chat\/completions|embeddings)\?api-version=[\w-]+$/.exec(
        req.url ?? '',
      );
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: '404', message: 'Resource not found' } }));
      return;
    }
    const model = `gpt-4o-2024-08-06 (${decodeURIComponent(route[1] ?? '')})`;
    if (route[2] === 'embeddings') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }],
          model,
          usage: { prompt_tokens: 2, total_tokens: 2 },
        }),
      );
      return;
    }
    const messages = body.messages as { role: string; content: string }[];
    const text = String(messages.at(-1)?.content ?? '');
    const tool = /\[\[tool:(\w+) (\{[^\]]*\})\]\]/.exec(text);
    const say = scriptedText(text) ?? 'Hello from mock Azure.';
    const toolCall = tool
      ? { id: 'call_az1', type: 'function', function: { name: tool[1], arguments: tool[2] } }
      : undefined;
    const usage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 };
    const promptFilter = [{ prompt_index: 0, content_filter_results: FILTER_OK }];
    if (body.stream !== true) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-az1',
          object: 'chat.completion',
          created: 1,
          model,
          prompt_filter_results: promptFilter,
          choices: [
            {
              index: 0,
              message: toolCall
                ? { role: 'assistant', content: null, tool_calls: [toolCall] }
                : { role: 'assistant', content: say },
              finish_reason: toolCall ? 'tool_calls' : 'stop',
              content_filter_results: FILTER_OK,
            },
          ],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    const chunk = (delta: unknown, finish: string | null, filter = true) => ({
      id: 'chatcmpl-az2',
      object: 'chat.completion.chunk',
      created: 1,
      model,
      choices: [
        {
          index: 0,
          delta,
          finish_reason: finish,
          ...(filter ? { content_filter_results: FILTER_OK } : {}),
        },
      ],
    });
    send({
      id: '',
      object: '',
      created: 0,
      model: '',
      prompt_filter_results: promptFilter,
      choices: [],
    });
    send(chunk({ role: 'assistant', content: '' }, null, false));
    if (toolCall) {
      send(chunk({ tool_calls: [{ index: 0, ...toolCall }] }, null, false));
    } else {
      for (const word of say.match(/\S+\s*/g) ?? []) send(chunk({ content: word }, null));
    }
    send(chunk({}, toolCall ? 'tool_calls' : 'stop', false));
    const options = body.stream_options as { include_usage?: boolean } | undefined;
    if (options?.include_usage) send({ ...chunk({}, null), choices: [], usage });
    res.write('data: [DONE]\n\n');
    res.end();
  });
  return { ...upstream, endpoint: upstream.url.replace(/\/v1$/, ''), received, queue };
}
