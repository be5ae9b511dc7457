import { isAiFactory } from '../ai-apis.js';
import { lastSegment } from '../ir.js';
import { callRule, isTrue, kwarg, type CodeRule } from './code-rule.js';

/**
 * Model API keys in code and in the browser (OWASP LLM02:2025 Sensitive
 * Information Disclosure, ATLAS AML.T0055 Unsecured Credentials). Generic
 * secret formats are the secrets scanner's job; these rules look at how keys
 * are handed to AI clients.
 */
const KEY_ARGS = [
  'api_key',
  'apiKey',
  'openai_api_key',
  'openAIApiKey',
  'anthropic_api_key',
  'anthropicApiKey',
  'google_api_key',
  'groq_api_key',
  'mistral_api_key',
  'cohere_api_key',
  'token',
  'hf_token',
  'huggingfacehub_api_token',
];
const PLACEHOLDER =
  /^(|.*(your|xxx|\.\.\.|<|\{|\$|example|dummy|placeholder|changeme|replace|fake|test|sample|none|null|todo|ollama|lm-studio|not-needed|EMPTY).*)$/i;
const KEY_NAME =
  /^(OPENAI|ANTHROPIC|CLAUDE|GROQ|MISTRAL|COHERE|GEMINI|GOOGLE_AI|GOOGLE|HF|HUGGINGFACE(HUB)?|REPLICATE|TOGETHER|PINECONE|AZURE_OPENAI|DEEPSEEK|XAI|PERPLEXITY|FIREWORKS|VOYAGE|LANGCHAIN|LANGSMITH|OPENROUTER)_?(API_?)?(KEY|TOKEN)$/i;

/** `os.environ["OPENAI_API_KEY"]` / `process.env.OPENAI_API_KEY` / `OPENAI_API_KEY` -> `OPENAI_API_KEY`. */
function keyName(target: string): string {
  return /\[["'](\w+)["']\]$/.exec(target)?.[1] ?? lastSegment(target);
}

function looksLikeKey(value: string | undefined): boolean {
  return value !== undefined && value.length >= 16 && !/\s/.test(value) && !PLACEHOLDER.test(value);
}

export const keyRules: CodeRule[] = [
  {
    ...{
      id: 'ai.secrets.hardcoded-model-api-key',
      title: 'Model API key hard-coded in source',
      description:
        'A literal API key is passed to an AI client or assigned to a provider key variable; anyone with the code (or the bundle) can spend and read through it.',
      remediation:
        'Load keys from the environment or a secret manager at run time; rotate the exposed key.',
      severity: 'high' as const,
      cwe: ['CWE-798'],
      refs: ['LLM02:2025', 'CWE-798', 'AML.T0055'],
    },
    languages: ['python', 'typescript'] as const,
    visitor(report) {
      return {
        onCall(call) {
          if (!isAiFactory(call) && !/embeddings|client|openai|anthropic/i.test(call.callee))
            return;
          const key = kwarg(call, ...KEY_ARGS);
          if (key?.kind === 'string' && looksLikeKey(key.value)) {
            report({
              line: call.line,
              column: call.column,
              evidence: call.text.replace(key.value ?? '', '<redacted>'),
              message: `A literal API key is passed to ${call.callee}.`,
            });
          }
        },
        onAssign(targets, value, _flow, line, column) {
          const target = targets.map(keyName).find((t) => KEY_NAME.test(t));
          if (target !== undefined && value.kind === 'string' && looksLikeKey(value.value)) {
            report({
              line,
              column,
              evidence: `${target} = <redacted>`,
              message: `${target} is assigned a literal key.`,
            });
          }
        },
      };
    },
  },
  callRule(
    {
      id: 'ai.secrets.browser-model-client',
      title: 'Model SDK client allowed in the browser',
      description:
        'dangerouslyAllowBrowser: true ships the provider API key to every visitor of the page.',
      remediation:
        'Call the model from your server (or an edge function) and give the browser a short-lived, scoped token instead.',
      severity: 'high',
      cwe: ['CWE-522', 'CWE-200'],
      refs: ['LLM02:2025', 'CWE-200', 'AML.T0055'],
    },
    ['typescript', 'python'],
    (call) =>
      isTrue(kwarg(call, 'dangerouslyAllowBrowser'))
        ? `${call.callee} is configured with dangerouslyAllowBrowser: true.`
        : undefined,
  ),
  {
    id: 'ai.secrets.public-env-model-key',
    title: 'Model API key in a client-exposed environment variable',
    description:
      'NEXT_PUBLIC_ / VITE_ / REACT_APP_ / EXPO_PUBLIC_ variables are inlined into the browser bundle; a model API key in one is published to every visitor.',
    remediation:
      'Rename the variable without the public prefix, read it only on the server, and rotate the key.',
    severity: 'high',
    cwe: ['CWE-200', 'CWE-798'],
    refs: ['LLM02:2025', 'CWE-200', 'AML.T0055'],
    // A line-based rule: analyse-source.ts and the .env config rule apply it.
    languages: [],
    visitor: () => ({}),
  },
];

/** Public (client-exposed) env var prefixes combined with an AI provider key name. */
export const PUBLIC_AI_KEY_ENV =
  /\b(NEXT_PUBLIC|VITE|REACT_APP|EXPO_PUBLIC|NUXT_PUBLIC|GATSBY|PUBLIC|VUE_APP|NG_APP)_[A-Z0-9_]*?(OPENAI|ANTHROPIC|CLAUDE|GEMINI|GROQ|MISTRAL|COHERE|HUGGINGFACE|HF|REPLICATE|TOGETHER|DEEPSEEK|PERPLEXITY|OPENROUTER|LLM|AI)_[A-Z0-9_]*?(KEY|TOKEN|SECRET)\b/;
