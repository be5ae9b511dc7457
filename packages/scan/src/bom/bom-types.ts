/**
 * The subset of CycloneDX 1.6 (cyclonedx.org/docs/1.6/json) Bulwark writes.
 * Kept structural so other producers (AI inventory, services found in code)
 * can contribute through `BomComponentSource`.
 */
export interface CdxHash {
  alg: 'SHA-256';
  content: string;
}

export interface CdxProperty {
  name: string;
  value: string;
}

export interface CdxModelCard {
  modelParameters?: {
    task?: string;
    architectureFamily?: string;
    modelArchitecture?: string;
    approach?: {
      type:
        | 'supervised'
        | 'unsupervised'
        | 'reinforcement-learning'
        | 'semi-supervised'
        | 'self-supervised';
    };
  };
  properties?: CdxProperty[];
}

export interface CdxComponent {
  type: 'machine-learning-model' | 'data' | 'library' | 'application' | 'file' | 'framework';
  'bom-ref': string;
  name: string;
  version?: string;
  description?: string;
  hashes?: CdxHash[];
  licenses?: { license: { name: string } }[];
  properties?: CdxProperty[];
  modelCard?: CdxModelCard;
}

export interface CdxService {
  'bom-ref': string;
  name: string;
  endpoints?: string[];
  properties?: CdxProperty[];
}

export interface CdxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    tools: { components: { type: 'application'; name: string; version: string }[] };
    component?: { type: 'application'; 'bom-ref': string; name: string };
  };
  components: CdxComponent[];
  services?: CdxService[];
}

/** What one source adds to a BOM. */
export interface BomContribution {
  components: CdxComponent[];
  services?: CdxService[];
}

/**
 * Extension point: anything that can describe parts of a project for the
 * AI-BOM (model files here; AI SDK usage and external model services from
 * the inventory scanner later). One method, given the project root.
 */
export interface BomComponentSource {
  contribute(root: string): Promise<BomContribution>;
}
