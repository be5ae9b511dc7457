import { randomUUID } from 'node:crypto';
import type { ChatCompletion } from '../providers/openai-types.js';
import type { ChatEncoder } from './chat-encoder.js';

interface OutputItem {
  type: 'message' | 'function_call';
  id: string;
  status: 'in_progress' | 'completed';
  role?: 'assistant';
  content?: { type: 'output_text'; text: string; annotations: [] }[];
  call_id?: string;
  name?: string;
  arguments?: string;
}

/**
 * OpenAI Responses API encoding (platform.openai.com/docs/api-reference/responses
 * and its streaming events): `response.created`, output items with text or
 * function-call deltas, `response.completed`; errors as `event: error`.
 */
export function responsesEncoder(model: string): ChatEncoder {
  const id = `resp_${randomUUID().replaceAll('-', '')}`;
  const created = Math.floor(Date.now() / 1000);
  const output: OutputItem[] = [];
  let usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  let sequence = 0;
  let started = false;
  let textItem: OutputItem | undefined;

  const envelope = (status: string) => ({
    id,
    object: 'response',
    created_at: created,
    status,
    model,
    output,
    usage: status === 'completed' ? usage : null,
    error: null,
    incomplete_details: null,
  });
  const frame = (type: string, data: Record<string, unknown>): string =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`;
  const start = (): string => {
    if (started) return '';
    started = true;
    return frame('response.created', { response: envelope('in_progress') });
  };
  const closeText = (): string => {
    if (!textItem) return '';
    const item = textItem;
    textItem = undefined;
    const index = output.indexOf(item);
    const part = item.content?.[0] ?? { type: 'output_text', text: '', annotations: [] };
    item.status = 'completed';
    return (
      frame('response.output_text.done', {
        item_id: item.id,
        output_index: index,
        content_index: 0,
        text: part.text,
      }) +
      frame('response.content_part.done', {
        item_id: item.id,
        output_index: index,
        content_index: 0,
        part,
      }) +
      frame('response.output_item.done', { output_index: index, item })
    );
  };

  return {
    json(completion: ChatCompletion) {
      const message = completion.choices[0]?.message;
      if (typeof message?.content === 'string' && message.content !== '') {
        output.push({
          type: 'message',
          id: `msg_${randomUUID().replaceAll('-', '')}`,
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: message.content, annotations: [] }],
        });
      }
      for (const call of message?.tool_calls ?? []) {
        output.push({
          type: 'function_call',
          id: `fc_${call.id}`,
          call_id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
          status: 'completed',
        });
      }
      const u = completion.usage;
      usage = {
        input_tokens: u?.prompt_tokens ?? 0,
        output_tokens: u?.completion_tokens ?? 0,
        total_tokens: u?.total_tokens ?? 0,
      };
      return JSON.stringify(envelope('completed'));
    },
    chunk(chunk) {
      let out = start();
      if (chunk.usage) {
        usage = {
          input_tokens: chunk.usage.prompt_tokens,
          output_tokens: chunk.usage.completion_tokens,
          total_tokens: chunk.usage.total_tokens,
        };
      }
      const delta = chunk.choices?.[0]?.delta;
      const text = delta?.content;
      if (typeof text === 'string' && text !== '') {
        if (!textItem) {
          textItem = {
            type: 'message',
            id: `msg_${randomUUID().replaceAll('-', '')}`,
            status: 'in_progress',
            role: 'assistant',
            content: [{ type: 'output_text', text: '', annotations: [] }],
          };
          output.push(textItem);
          const index = output.length - 1;
          out += frame('response.output_item.added', {
            output_index: index,
            item: { ...textItem, content: [] },
          });
          out += frame('response.content_part.added', {
            item_id: textItem.id,
            output_index: index,
            content_index: 0,
            part: { type: 'output_text', text: '', annotations: [] },
          });
        }
        const part = textItem.content?.[0];
        if (part) part.text += text;
        out += frame('response.output_text.delta', {
          item_id: textItem.id,
          output_index: output.indexOf(textItem),
          content_index: 0,
          delta: text,
        });
      }
      for (const call of delta?.tool_calls ?? []) {
        out += closeText();
        const item: OutputItem = {
          type: 'function_call',
          id: `fc_${call.id ?? ''}`,
          call_id: call.id ?? '',
          name: call.function?.name ?? '',
          arguments: '',
          status: 'in_progress',
        };
        output.push(item);
        const index = output.length - 1;
        const args = call.function?.arguments ?? '';
        out += frame('response.output_item.added', { output_index: index, item: { ...item } });
        out += frame('response.function_call_arguments.delta', {
          item_id: item.id,
          output_index: index,
          delta: args,
        });
        item.arguments = args;
        item.status = 'completed';
        out += frame('response.function_call_arguments.done', {
          item_id: item.id,
          output_index: index,
          arguments: args,
        });
        out += frame('response.output_item.done', { output_index: index, item });
      }
      return out;
    },
    done() {
      return (
        start() + closeText() + frame('response.completed', { response: envelope('completed') })
      );
    },
    error(message, code, ruleId) {
      // The documented error event, plus an `error` object so SDK stream readers raise it.
      return frame('error', {
        code,
        message,
        param: null,
        error: { message, type: 'invalid_request_error', code, bulwark: { rule_id: ruleId } },
      });
    },
  };
}
