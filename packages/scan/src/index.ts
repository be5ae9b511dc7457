export type { Scanner, ScanTarget, ScannerResult } from './scanner.js';
