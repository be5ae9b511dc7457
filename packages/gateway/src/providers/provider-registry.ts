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
  simulated: (options: SimulatedProviderOptions): Provider => createSimulatedProvider(options),
} satisfies Record<string, (options: never) => Provider>;

export type ProviderKind = keyof typeof providerFactories;
