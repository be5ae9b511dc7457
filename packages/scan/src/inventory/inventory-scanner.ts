import type { Scanner, ScannerResult, ScanTarget } from '../scanner.js';
import { collectInventory, type AiInventory } from './collect-inventory.js';

/**
 * `InventoryScanner`: collects the AI inventory as part of `bulwark scan`. It
 * reports no findings; its summary is a note in the report and the inventory
 * itself is kept for `bulwark scan inventory` / `bulwark bom`.
 */
export function createInventoryScanner(): Scanner & { inventory: AiInventory | undefined } {
  const scanner = {
    inventory: undefined as AiInventory | undefined,
    async scan(target: ScanTarget): Promise<ScannerResult> {
      const inventory = await collectInventory(target.root, { files: target.files });
      scanner.inventory = inventory;
      const message = `AI inventory: ${inventory.dependencies.length} AI dependencies, ${inventory.models.length} models, ${inventory.tools.length} agent tools, ${inventory.mcpServers.length} MCP servers, ${inventory.vectorStores.length} vector stores, ${inventory.modelFiles.length} model files, ${inventory.entryPoints.length} entry points, ${inventory.services.length} third-party AI services`;
      return { findings: [], rules: [], notices: [{ level: 'note', message }] };
    },
  };
  return scanner;
}
