export { buildBom, bomComponentSources } from './build-bom.js';
export type { BuildBomOptions } from './build-bom.js';
export { ModelFileComponentSource } from './model-component-source.js';
export { InventoryComponentSource } from './inventory-component-source.js';
export type {
  BomComponentSource,
  BomContribution,
  CdxBom,
  CdxComponent,
  CdxService,
  CdxModelCard,
  CdxHash,
  CdxProperty,
  CdxOrganization,
  CdxExternalReference,
  CdxComponentData,
  CdxServiceData,
} from './bom-types.js';
