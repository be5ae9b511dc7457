import { lastSegment } from '../ir.js';
import { callRule, hasSpread, kwarg, type CodeRule } from './code-rule.js';

/**
 * Unbounded consumption (OWASP LLM10:2025, ATLAS AML.T0034 Cost Harvesting /
 * AML.T0029 Denial of AI Service): model calls without an output token cap,
 * SDK clients without a timeout, model calls inside loops with no bound.
 */
const TOKEN_CAPS = [
  'max_tokens',
  'max_completion_tokens',
  'maxTokens',
  'max_output_tokens',
  'maxOutputTokens',
  'maxCompletionTokens',
  'max_new_tokens',
  'maxNewTokens',
  'num_predict',
  'generation_config',
  'generationConfig',
  'config',
];
const CAPPED_CALLS = [
  /(^|\.)chat\.completions\.(create|parse|stream)$/,
  /(^|\.)completions\.create$/,
  /(^|\.)responses\.(create|parse|stream)$/,
  /(^|\.)messages\.(create|stream)$/,
  /^(ai\.)?(generateText|streamText|generateObject|streamObject)$/,
  /^litellm\.a?completion$/,
];
const CAPPED_CONSTRUCTORS = new Set(['ChatOpenAI', 'AzureChatOpenAI', 'OpenAI', 'AzureOpenAI']);
const LANGCHAIN = /^(@?langchain|langchain_openai|langchain_community)/;
const SDK_CLIENTS =
  /^(openai(\.(Async)?(Azure)?OpenAI)?|anthropic\.(Async)?Anthropic\w*|@anthropic-ai\/sdk(\.(default|Anthropic))?|openai\.default)$/;

export const consumptionRules: CodeRule[] = [
  callRule(
    {
      id: 'ai.consumption.no-max-tokens',
      title: 'Model call without an output token limit',
      description:
        'A completion call (or LangChain OpenAI model) sets no max_tokens / maxOutputTokens, so one request can consume the whole context window in cost and latency.',
      remediation:
        'Set max_tokens (max_completion_tokens, maxOutputTokens) to what the feature needs.',
      severity: 'low',
      cwe: ['CWE-770'],
      refs: ['LLM10:2025', 'CWE-770', 'AML.T0034'],
    },
    ['python', 'typescript'],
    (call) => {
      const c = call.callee;
      const isCall = CAPPED_CALLS.some((re) => re.test(c));
      const isCtor = CAPPED_CONSTRUCTORS.has(lastSegment(c)) && LANGCHAIN.test(c);
      if (!isCall && !isCtor) return undefined;
      if (kwarg(call, ...TOKEN_CAPS) || hasSpread(call)) return undefined;
      if (
        call.args.length > 0 &&
        call.kwargs.size === 0 &&
        call.args.some((a) => a.kind === 'name')
      )
        return undefined;
      return `${c}() sets no output token limit.`;
    },
  ),
  callRule(
    {
      id: 'ai.consumption.client-no-timeout',
      title: 'Model SDK client without a timeout',
      description:
        'An OpenAI / Anthropic client is created without an explicit timeout; the SDK default is ten minutes per request, plus retries.',
      remediation:
        'Pass timeout= (seconds in Python, milliseconds in JS) and a bounded max_retries.',
      severity: 'info',
      cwe: ['CWE-400'],
      refs: ['LLM10:2025', 'CWE-400', 'AML.T0029'],
    },
    ['python', 'typescript'],
    (call) => {
      if (!SDK_CLIENTS.test(call.callee)) return undefined;
      if (kwarg(call, 'timeout', 'http_client', 'httpClient', 'fetch') || hasSpread(call))
        return undefined;
      if (call.args.some((a) => a.kind === 'name')) return undefined;
      return `${call.callee} client has no timeout.`;
    },
  ),
  {
    id: 'ai.consumption.unbounded-model-loop',
    title: 'Model called in a loop with no bound',
    description:
      'A while(true) / while True / for(;;) loop calls a model and only stops when the model says so; a confused or manipulated model keeps it running and billing.',
    remediation:
      'Bound the loop with a maximum number of iterations (and a time or token budget) and break when it is reached.',
    severity: 'medium',
    cwe: ['CWE-400', 'CWE-770'],
    refs: ['LLM10:2025', 'CWE-770', 'AML.T0034'],
    languages: ['python', 'typescript'],
    visitor(report) {
      return {
        onLoop(loop, containsModelCall) {
          if (loop.unbounded && containsModelCall) {
            report({
              line: loop.line,
              column: loop.column,
              evidence: loop.text,
              message: 'An unbounded loop calls a model.',
            });
          }
        },
      };
    },
  },
];
