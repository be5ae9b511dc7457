import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { BomComponentSource, CdxBom } from './bom-types.js';
import { ModelFileComponentSource } from './model-component-source.js';

/** BOM sources by name; the AI inventory adds its own entry here. */
export const bomComponentSources = {
  models: () => new ModelFileComponentSource(),
} satisfies Record<string, () => BomComponentSource>;

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
  return bom;
}
