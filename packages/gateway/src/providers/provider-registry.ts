import { createAnthropicProvider, type AnthropicOptions } from './anthropic-provider.js';
import { createAzureOpenAiProvider, type AzureOpenAiOptions } from './azure-openai-provider.js';
import {
  createOpenAiCompatibleProvider,
  type OpenAiCompatibleOptions,
} from './openai-compatible-provider.js';
import { createSimulatedProvider, type SimulatedProviderOptions } from './simulated-provider.js';
import type { Provider } from './provider.js';

/** Provider adapters by config name; each has its own options type. */
export const providerFactories = {
  'openai-compatible': (options: OpenAiCompatibleOptions): Provider =>
    createOpenAiCompatibleProvider(options),
  anthropic: (options: AnthropicOptions): Provider => createAnthropicProvider(options),
  'azure-openai': (options: AzureOpenAiOptions): Provider => createAzureOpenAiProvider(options),
  simulated: (options: SimulatedProviderOptions): Provider => createSimulatedProvider(options),
} satisfies Record<string, (options: never) => Provider>;

export type ProviderKind = keyof typeof providerFactories;
