export * from './severity.js';
export * from './result.js';
export * from './errors.js';
export * from './finding.js';
export * from './fingerprint.js';
export * from './detection.js';
export * from './report/index.js';
export * from './frameworks/index.js';
