export { buildBom, bomComponentSources } from './build-bom.js';
export type { BuildBomOptions } from './build-bom.js';
export { ModelFileComponentSource } from './model-component-source.js';
export type {
  BomComponentSource,
  BomContribution,
  CdxBom,
  CdxComponent,
  CdxService,
  CdxModelCard,
  CdxHash,
  CdxProperty,
} from './bom-types.js';
