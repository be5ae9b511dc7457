export type { Scanner, ScanTarget, ScannerResult } from './scanner.js';
export * from './model/index.js';
export * from './integrity/index.js';
export * from './bom/index.js';
