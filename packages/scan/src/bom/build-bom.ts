import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { BomComponentSource, CdxBom } from './bom-types.js';
import { InventoryComponentSource } from './inventory-component-source.js';
import { ModelFileComponentSource } from './model-component-source.js';

/**
 * BOM sources by name, in order: a bom-ref claimed by an earlier source wins
 * (model files found by content before the inventory's name-matched ones).
 */
export const bomComponentSources = {
  models: () => new ModelFileComponentSource(),
  inventory: () => new InventoryComponentSource(),
} satisfies Record<string, () => BomComponentSource>;

/** Property order of `component` and `service` in the CycloneDX 1.6 JSON schema. */
const COMPONENT_KEYS = [
  'type',
  'mime-type',
  'bom-ref',
  'supplier',
  'manufacturer',
  'authors',
  'publisher',
  'group',
  'name',
  'version',
  'description',
  'scope',
  'hashes',
  'licenses',
  'copyright',
  'purl',
  'externalReferences',
  'modelCard',
  'data',
  'properties',
];
const SERVICE_KEYS = [
  'bom-ref',
  'provider',
  'group',
  'name',
  'version',
  'description',
  'endpoints',
  'authenticated',
  'x-trust-boundary',
  'trustZone',
  'data',
  'licenses',
  'externalReferences',
  'properties',
];

/** The same object with its keys in schema order (unknown keys last), for readable, stable output. */
function inSchemaOrder<T extends object>(value: T, keys: readonly string[]): T {
  const rank = (key: string): number => {
    const index = keys.indexOf(key);
    return index < 0 ? keys.length : index;
  };
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => rank(a) - rank(b))) as T;
}

export interface BuildBomOptions {
  toolVersion: string;
  /** Extra sources (e.g. AI inventory) beyond the built-in ones. */
  sources?: readonly BomComponentSource[];
  now?: Date;
}

/** Builds a CycloneDX 1.6 AI-BOM for a project or model directory. */
export async function buildBom(root: string, options: BuildBomOptions): Promise<CdxBom> {
  const sources = [
    ...Object.values(bomComponentSources).map((make) => make()),
    ...(options.sources ?? []),
  ];
  const bom: CdxBom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: (options.now ?? new Date()).toISOString(),
      tools: {
        components: [{ type: 'application', name: 'bulwark', version: options.toolVersion }],
      },
      component: { type: 'application', 'bom-ref': 'root', name: basename(root) },
    },
    components: [],
  };
  const refs = new Set<string>();
  for (const source of sources) {
    const contribution = await source.contribute(root);
    for (const component of contribution.components) {
      if (refs.has(component['bom-ref'])) continue;
      refs.add(component['bom-ref']);
      bom.components.push(component);
    }
    if (contribution.services !== undefined && contribution.services.length > 0) {
      bom.services = [
        ...(bom.services ?? []),
        ...contribution.services.filter((s) => !refs.has(s['bom-ref'])),
      ];
      for (const s of contribution.services) refs.add(s['bom-ref']);
    }
  }
  // Sorted by bom-ref (code-unit order, not locale) for stable diffs between runs.
  const byRef = (a: { 'bom-ref': string }, b: { 'bom-ref': string }): number =>
    a['bom-ref'] < b['bom-ref'] ? -1 : a['bom-ref'] > b['bom-ref'] ? 1 : 0;
  bom.components = bom.components.sort(byRef).map((c) => inSchemaOrder(c, COMPONENT_KEYS));
  if (bom.services !== undefined)
    bom.services = bom.services.sort(byRef).map((s) => inSchemaOrder(s, SERVICE_KEYS));
  return bom;
}
