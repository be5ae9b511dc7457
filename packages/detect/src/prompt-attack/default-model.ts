import modelFile from '../../models/prompt-attack.json' with { type: 'json' };
import { loadLinearModel, type LinearModel, type PromptAttackModelFile } from './linear-model.js';

let cached: LinearModel | undefined;

/**
 * The model shipped in `models/prompt-attack.json`, decoded once on first use.
 * Imported as JSON so bundlers inline it: it works from the CLI bundle too.
 */
export function defaultPromptAttackModel(): LinearModel {
  cached ??= loadLinearModel(modelFile as PromptAttackModelFile);
  return cached;
}
