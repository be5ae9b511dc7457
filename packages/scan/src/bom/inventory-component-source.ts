import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  collectInventory,
  type AiInventory,
  type InventoryLocation,
} from '../inventory/collect-inventory.js';
import { sha256File } from '../model/scan-model.js';
import { readTextFile } from '../files/read-text-file.js';
import {
  AI_SERVICES,
  MODEL_PROVIDERS,
  VECTOR_STORES,
  bedrockPublisher,
} from './ai-service-catalogue.js';
import type {
  BomComponentSource,
  BomContribution,
  CdxComponent,
  CdxProperty,
  CdxService,
} from './bom-types.js';
import { packageUrl, pinnedVersion } from './purl.js';

const MAX_LOCATIONS = 5;

const slug = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const byRef = <T extends { 'bom-ref': string }>(a: T, b: T): number =>
  a['bom-ref'] < b['bom-ref'] ? -1 : a['bom-ref'] > b['bom-ref'] ? 1 : 0;
const locationProps = (locations: readonly InventoryLocation[]): CdxProperty[] =>
  locations.slice(0, MAX_LOCATIONS).map((l) => ({
    name: 'bulwark:location',
    value: l.line === undefined ? l.path : `${l.path}:${l.line}`,
  }));

/** AI libraries from manifests (one component per pinned version) and from imports. */
function libraryComponents(inventory: AiInventory): CdxComponent[] {
  const groups = new Map<
    string,
    {
      ecosystem: 'npm' | 'pypi' | 'conda';
      name: string;
      category: string;
      service?: string;
      versions: Set<string>;
      constraints: Set<string>;
      evidence: Set<string>;
    }
  >();
  const group = (ecosystem: 'npm' | 'pypi' | 'conda', name: string, category: string) => {
    const key = `${ecosystem}:${name}`;
    const entry = groups.get(key) ?? {
      ecosystem,
      name,
      category,
      versions: new Set<string>(),
      constraints: new Set<string>(),
      evidence: new Set<string>(),
    };
    groups.set(key, entry);
    return entry;
  };
  for (const dep of inventory.dependencies) {
    const entry = group(dep.ecosystem, dep.name, dep.category);
    if (dep.service !== undefined) entry.service = dep.service;
    const pinned = pinnedVersion(dep.ecosystem, dep.version);
    if (pinned !== undefined) entry.versions.add(pinned);
    else if (dep.version !== undefined) entry.constraints.add(dep.version);
    entry.evidence.add(dep.manifest);
  }
  for (const imported of inventory.imports) {
    const python = imported.files.some((f) => f.endsWith('.py') || f.endsWith('.ipynb'));
    const ecosystem = python ? 'pypi' : 'npm';
    if (groups.has(`${ecosystem}:${imported.module}`) || groups.has(`conda:${imported.module}`))
      continue;
    const entry = group(ecosystem, imported.module, imported.category);
    for (const file of imported.files.slice(0, MAX_LOCATIONS))
      entry.evidence.add(`import in ${file}`);
  }
  const out: CdxComponent[] = [];
  for (const entry of groups.values()) {
    const properties: CdxProperty[] = [{ name: 'bulwark:ai-category', value: entry.category }];
    if (entry.service !== undefined)
      properties.push({ name: 'bulwark:ai-service', value: entry.service });
    for (const constraint of [...entry.constraints].sort())
      properties.push({ name: 'bulwark:version-constraint', value: constraint });
    for (const evidence of [...entry.evidence].sort().slice(0, MAX_LOCATIONS))
      properties.push({ name: 'bulwark:evidence', value: evidence });
    const slash = entry.name.indexOf('/');
    const scope = entry.ecosystem === 'npm' && entry.name.startsWith('@') && slash > 0;
    const versions = entry.versions.size === 0 ? [undefined] : [...entry.versions].sort();
    for (const version of versions) {
      const purl = packageUrl(entry.ecosystem, entry.name, version);
      const component: CdxComponent = {
        type: 'library',
        'bom-ref': purl,
        name: scope ? entry.name.slice(slash + 1) : entry.name,
        purl,
        properties,
      };
      if (scope) component.group = entry.name.slice(0, slash);
      if (version !== undefined) component.version = version;
      out.push(component);
    }
  }
  return out;
}

/** Models named in code and config: hosted models by provider, Hugging Face repos by purl. */
function modelComponents(inventory: AiInventory): CdxComponent[] {
  const out: CdxComponent[] = [];
  for (const model of inventory.models) {
    const properties: CdxProperty[] = [
      { name: 'bulwark:model-provider', value: model.provider },
      ...locationProps(model.locations),
    ];
    if (model.provider === 'huggingface') {
      const slash = model.id.indexOf('/');
      const revisions = model.revisions === undefined ? [undefined] : model.revisions;
      for (const revision of revisions) {
        const purl = packageUrl('huggingface', model.id, revision);
        const component: CdxComponent = {
          type: 'machine-learning-model',
          'bom-ref': purl,
          name: slash > 0 ? model.id.slice(slash + 1) : model.id,
          purl,
          externalReferences: [{ type: 'distribution', url: `https://huggingface.co/${model.id}` }],
          properties: [
            ...properties,
            { name: 'bulwark:revision-pinned', value: String(revision !== undefined) },
          ],
        };
        if (slash > 0) {
          component.group = model.id.slice(0, slash);
          component.publisher = model.id.slice(0, slash);
        }
        if (revision !== undefined) component.version = revision;
        out.push(component);
      }
      continue;
    }
    const provider = MODEL_PROVIDERS[model.provider];
    const component: CdxComponent = {
      type: 'machine-learning-model',
      'bom-ref': `model-id:${model.provider}/${model.id}`,
      name: model.id,
      properties: [
        ...properties,
        { name: 'bulwark:hosting', value: provider === undefined ? 'unknown' : 'provider-hosted' },
      ],
    };
    if (provider !== undefined) {
      component.supplier = provider.organization;
      component.publisher =
        model.provider === 'aws-bedrock'
          ? (bedrockPublisher(model.id) ?? provider.organization.name)
          : provider.organization.name;
      component.externalReferences = [{ type: 'documentation', url: provider.modelDocs }];
    }
    out.push(component);
  }
  return out;
}

/** Third-party AI APIs as services that cross the trust boundary (local ones do not). */
function aiServices(inventory: AiInventory): CdxService[] {
  return inventory.services.map((found) => {
    const info = AI_SERVICES[found.name];
    const store = VECTOR_STORES.some((v) => v.pattern.test(found.name));
    const service: CdxService = {
      'bom-ref': `service:${slug(found.name)}`,
      name: found.name,
      data: [
        {
          flow: 'bi-directional',
          classification: store ? 'embeddings-and-documents' : 'ai-prompts-and-completions',
        },
      ],
      properties: [
        { name: 'bulwark:category', value: store ? 'vector-store' : 'ai-service' },
        ...found.evidence
          .slice()
          .sort()
          .slice(0, MAX_LOCATIONS)
          .map((value) => ({ name: 'bulwark:evidence', value })),
      ],
    };
    if (info !== undefined) {
      service.provider = info.provider;
      if (info.endpoint !== undefined) service.endpoints = [info.endpoint];
      service['x-trust-boundary'] = info.remote;
      service.trustZone = info.remote ? 'third-party' : 'local';
      if (info.remote) service.authenticated = true;
    }
    return service;
  });
}

/** The package an MCP runner (`npx`, `uvx`, …) starts, as a purl. */
function mcpPackagePurl(command: string | undefined, spec: string): string | undefined {
  const runner =
    (command ?? '')
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.(cmd|exe)$/, '') ?? '';
  if (/^(npx|bunx|pnpm|yarn|npm)$/.test(runner)) {
    const at = spec.lastIndexOf('@');
    const name = at > 0 ? spec.slice(0, at) : spec;
    const version = at > 0 ? pinnedVersion('npm', spec.slice(at + 1)) : undefined;
    return /^(@[\w.-]+\/)?[\w.-]+$/.test(name) ? packageUrl('npm', name, version) : undefined;
  }
  if (/^(uvx|uv|pipx)$/.test(runner)) {
    const [name = '', version] = spec.split('==');
    return /^[\w.-]+$/.test(name)
      ? packageUrl('pypi', name.toLowerCase().replace(/[_.]/g, '-'), version)
      : undefined;
  }
  return undefined;
}

/** MCP servers from client configs: remote ones cross the trust boundary, stdio ones run locally. */
function mcpServices(inventory: AiInventory): CdxService[] {
  return inventory.mcpServers.map((server) => {
    const properties: CdxProperty[] = [
      { name: 'bulwark:category', value: 'mcp-server' },
      { name: 'bulwark:mcp-config', value: server.config },
    ];
    if (server.command !== undefined)
      properties.push({ name: 'bulwark:mcp-command', value: server.command });
    if (server.package !== undefined) {
      properties.push({ name: 'bulwark:mcp-package', value: server.package });
      const purl = mcpPackagePurl(server.command, server.package);
      if (purl !== undefined) properties.push({ name: 'bulwark:mcp-package-purl', value: purl });
    }
    const service: CdxService = {
      'bom-ref': `mcp:${server.config}#${server.name}`,
      group: 'mcp',
      name: server.name,
      data: [{ flow: 'bi-directional', classification: 'mcp-tool-calls-and-results' }],
      properties,
    };
    if (server.url !== undefined) {
      service.endpoints = [server.url];
      service['x-trust-boundary'] = true;
      service.trustZone = 'remote';
    } else service.trustZone = 'local-process';
    return service;
  });
}

/** Vector stores: embedded indexes as `data` components, databases as services. */
function vectorStores(inventory: AiInventory): {
  components: CdxComponent[];
  services: CdxService[];
} {
  const components = new Map<string, CdxComponent>();
  const services = new Map<string, CdxService>();
  for (const store of inventory.vectorStores) {
    const known = VECTOR_STORES.find((v) => v.pattern.test(store.name));
    const name = known?.name ?? store.name;
    const properties: CdxProperty[] = [
      { name: 'bulwark:category', value: 'vector-store' },
      ...locationProps(store.locations),
    ];
    if (known?.kind === 'embedded') {
      const ref = `vector-store:${slug(name)}`;
      if (components.has(ref)) continue;
      components.set(ref, {
        type: 'data',
        'bom-ref': ref,
        name,
        data: [{ type: 'dataset', name: `${name} vector index`, description: 'embeddings index' }],
        properties,
      });
      continue;
    }
    const ref = `service:${slug(name)}`;
    if (services.has(ref)) continue;
    const service: CdxService = {
      'bom-ref': ref,
      name,
      data: [{ flow: 'bi-directional', classification: 'embeddings-and-documents' }],
      properties,
    };
    if (known?.kind === 'hosted') {
      service['x-trust-boundary'] = true;
      service.trustZone = 'third-party';
    }
    services.set(ref, service);
  }
  return { components: [...components.values()], services: [...services.values()] };
}

/** Prompt files as `data` components: prompts are instructions a model executes (data-as-code). */
function promptComponents(root: string, inventory: AiInventory): CdxComponent[] {
  return inventory.promptFiles.map((path) => {
    const component: CdxComponent = {
      type: 'data',
      'bom-ref': `prompt:${path}`,
      name: path,
      data: [{ type: 'source-code', name: path, description: 'prompt template' }],
      properties: [{ name: 'bulwark:category', value: 'prompt' }],
    };
    const read = readTextFile(root, path, 1024 * 1024);
    if (read.ok)
      component.hashes = [
        { alg: 'SHA-256', content: createHash('sha256').update(read.text).digest('hex') },
      ];
    return component;
  });
}

/** Model files matched by name only (formats the model scanner does not parse, e.g. .tflite). */
async function modelFileComponents(root: string, inventory: AiInventory): Promise<CdxComponent[]> {
  const out: CdxComponent[] = [];
  for (const file of inventory.modelFiles) {
    const component: CdxComponent = {
      type: 'machine-learning-model',
      // Same bom-ref as ModelFileComponentSource: a file it described wins the dedupe.
      'bom-ref': `model:${file.path}`,
      name: file.path,
      properties: [
        { name: 'bulwark:format', value: file.format },
        { name: 'bulwark:size', value: String(file.bytes) },
        { name: 'bulwark:detected-by', value: 'file-name' },
      ],
    };
    try {
      component.hashes = [{ alg: 'SHA-256', content: await sha256File(join(root, file.path)) }];
    } catch {
      /* unreadable: listed without a hash */
    }
    out.push(component);
  }
  return out;
}

/**
 * `InventoryComponentSource`: maps the AI inventory of a repository onto
 * CycloneDX 1.6 — AI libraries (purls), models named in code (hosted and
 * Hugging Face), vector stores, prompt files and name-matched model files as
 * components; third-party AI APIs, MCP servers and vector databases as
 * services. Output is sorted by bom-ref, so the same tree gives the same BOM.
 */
export class InventoryComponentSource implements BomComponentSource {
  private readonly collect: (root: string) => Promise<AiInventory>;

  constructor(collect: (root: string) => Promise<AiInventory> = (root) => collectInventory(root)) {
    this.collect = collect;
  }

  async contribute(root: string): Promise<BomContribution> {
    const inventory = await this.collect(root);
    const stores = vectorStores(inventory);
    const components = new Map<string, CdxComponent>();
    for (const component of [
      ...libraryComponents(inventory),
      ...modelComponents(inventory),
      ...stores.components,
      ...promptComponents(root, inventory),
      ...(await modelFileComponents(root, inventory)),
    ])
      if (!components.has(component['bom-ref'])) components.set(component['bom-ref'], component);
    const services = new Map<string, CdxService>();
    for (const service of [...aiServices(inventory), ...mcpServices(inventory), ...stores.services])
      if (!services.has(service['bom-ref'])) services.set(service['bom-ref'], service);
    return {
      components: [...components.values()].sort(byRef),
      services: [...services.values()].sort(byRef),
    };
  }
}
