export type { FrameworkEntry, FrameworkEntryKind, FrameworkInfo } from './framework-entry.js';
export { FRAMEWORK_NAMES } from './framework-entry.js';
export {
  frameworkInfo,
  frameworkUrl,
  isKnownFrameworkId,
  listFramework,
  lookupFrameworkRef,
  resolveFrameworkRefs,
} from './lookup.js';
export { crosswalkOwaspLlm, owaspLlmCrosswalk, type OwaspLlmCrosswalk } from './crosswalk.js';
