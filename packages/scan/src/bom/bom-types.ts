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

/** An organisation (CycloneDX `organizationalEntity`). */
export interface CdxOrganization {
  name: string;
  url?: string[];
}

export interface CdxExternalReference {
  type: 'website' | 'documentation' | 'distribution' | 'model-card' | 'vcs' | 'other';
  url: string;
}

/** `componentData`: only on components of type `data` (CycloneDX 1.6 §component.data). */
export interface CdxComponentData {
  type: 'source-code' | 'configuration' | 'dataset' | 'definition' | 'other';
  name?: string;
  description?: string;
}

/** `serviceData`: one data flow of a service; direction is relative to the service. */
export interface CdxServiceData {
  flow: 'inbound' | 'outbound' | 'bi-directional' | 'unknown';
  classification: string;
  name?: string;
  description?: string;
}

export interface CdxComponent {
  type: 'machine-learning-model' | 'data' | 'library' | 'application' | 'file' | 'framework';
  'bom-ref': string;
  supplier?: CdxOrganization;
  publisher?: string;
  group?: string;
  name: string;
  version?: string;
  description?: string;
  hashes?: CdxHash[];
  licenses?: { license: { name: string } }[];
  purl?: string;
  externalReferences?: CdxExternalReference[];
  properties?: CdxProperty[];
  modelCard?: CdxModelCard;
  data?: CdxComponentData[];
}

export interface CdxService {
  'bom-ref': string;
  provider?: CdxOrganization;
  group?: string;
  name: string;
  description?: string;
  endpoints?: string[];
  authenticated?: boolean;
  'x-trust-boundary'?: boolean;
  trustZone?: string;
  data?: CdxServiceData[];
  externalReferences?: CdxExternalReference[];
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
