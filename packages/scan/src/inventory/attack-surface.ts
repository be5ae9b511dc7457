import type { AiInventory } from './collect-inventory.js';

/**
 * A plain-text summary of the AI attack surface for people: where untrusted
 * input enters, which models and services are used, which tools an agent can
 * call and which data stores feed it.
 */
export function renderAttackSurface(inventory: AiInventory): string {
  const lines: string[] = ['AI attack surface', '================='];
  const section = (title: string, items: string[], empty = 'none found'): void => {
    lines.push('', `${title} (${items.length})`);
    if (items.length === 0) lines.push(`  ${empty}`);
    for (const item of items.slice(0, 50)) lines.push(`  - ${item}`);
    if (items.length > 50) lines.push(`  … and ${items.length - 50} more`);
  };
  const loc = (l: { path: string; line?: number }): string =>
    l.line === undefined ? l.path : `${l.path}:${l.line}`;
  section(
    'Entry points (untrusted input reaches AI code)',
    inventory.entryPoints.map((e) => `${e.kind}: ${loc(e.location)}`),
  );
  section(
    'Models',
    inventory.models.map(
      (m) => `${m.id} (${m.provider}) — ${m.locations.map(loc).slice(0, 3).join(', ')}`,
    ),
  );
  section(
    'Tools an agent can call',
    inventory.tools.map((t) => `${t.name} [${t.kind}] — ${loc(t.location)}`),
  );
  section(
    'MCP servers',
    inventory.mcpServers.map(
      (s) => `${s.name}: ${s.url ?? `${s.command ?? ''} ${s.package ?? ''}`.trim()} (${s.config})`,
    ),
  );
  section(
    'Data stores (vector stores)',
    inventory.vectorStores.map((v) => `${v.name} — ${v.locations.map(loc).slice(0, 3).join(', ')}`),
  );
  section(
    'Model files',
    inventory.modelFiles.map((f) => `${f.path} (${f.format}, ${f.bytes} bytes)`),
  );
  section(
    'Third-party AI services',
    inventory.services.map((s) => `${s.name} — ${s.evidence.slice(0, 3).join(', ')}`),
  );
  section(
    'AI dependencies',
    inventory.dependencies.map(
      (d) =>
        `${d.name}${d.version ? ` ${d.version}` : ''} [${d.ecosystem}, ${d.category}] — ${d.manifest}`,
    ),
  );
  section('Prompt files', inventory.promptFiles);
  return `${lines.join('\n')}\n`;
}
