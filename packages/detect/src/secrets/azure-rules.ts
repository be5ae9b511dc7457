import { type AzureKeyKind, azureKeyValidator } from './azure-identifiable-keys.js';
import { B64, DASH, prefixed, type RuleOptions } from './prefixed-rule.js';
import type { SecretRule } from './secret-rule.js';

/**
 * Azure "identifiable" keys: base64 bytes with a fixed signature and a
 * Marvin32 checksum in the last 4 bytes (see azure-identifiable-keys.ts);
 * layouts as microsoft/security-utilities generates and matches them. A key
 * whose checksum does not verify under its kind's seeds is not a finding.
 */
function azure(kind: AzureKeyKind): RuleOptions {
  return {
    head: 'A-Za-z0-9+/',
    tail: B64,
    validate: azureKeyValidator(kind),
    validation: 'marvin32_checksum',
  };
}

/** The last character of a 32-byte key (44 chars, one `=`): 4 data bits, 2 zero bits. */
const LAST_OF_32_BYTES = '[AEIMQUYcgkosw048]';

export const AZURE_IDENTIFIABLE_KEY_RULES: readonly SecretRule[] = [
  prefixed(
    'azure_storage_key',
    'Azure Storage account key (identifiable)',
    'critical',
    ['+ast'],
    `[A-Za-z0-9+/]{76}\\+ASt[A-Za-z0-9+/]{5}[AQgw]==`,
    azure('storage'),
  ),
  prefixed(
    'azure_cosmosdb_key',
    'Azure Cosmos DB key (identifiable)',
    'critical',
    ['acdb'],
    `[A-Za-z0-9+/]{76}ACDb[A-Za-z0-9+/]{5}[AQgw]==`,
    azure('cosmosDb'),
  ),
  prefixed(
    'azure_apim_key',
    'Azure API Management key (identifiable)',
    'high',
    ['apim'],
    `[A-Za-z0-9+/]{76}APIM[A-Za-z0-9+/]{5}[AQgw]==`,
    azure('apiManagement'),
  ),
  prefixed(
    'azure_function_key',
    'Azure Functions key (identifiable)',
    'high',
    ['azfu'],
    '[A-Za-z0-9_\\-]{44}AzFu[A-Za-z0-9_\\-]{5}[AQgw]==',
    { ...azure('functions'), head: DASH, tail: `${DASH}=` },
  ),
  prefixed(
    'azure_search_key',
    'Azure AI Search key (identifiable)',
    'high',
    ['azse'],
    '[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}',
    azure('search'),
  ),
  prefixed(
    'azure_service_bus_key',
    'Azure Event Hub / Service Bus / Relay key (identifiable)',
    'high',
    ['+aeh', '+asb', '+arm'],
    `[A-Za-z0-9+/]{33}\\+A(?:Eh|Sb|Rm)[A-Za-z0-9+/]{5}${LAST_OF_32_BYTES}=`,
    azure('messaging'),
  ),
  prefixed(
    'azure_iot_key',
    'Azure IoT Hub / Device Provisioning / device key (identifiable)',
    'high',
    ['aiot'],
    `[A-Za-z0-9+/]{33}AIoT[A-Za-z0-9+/]{5}${LAST_OF_32_BYTES}=`,
    azure('iot'),
  ),
  prefixed(
    'azure_container_registry_key',
    'Azure Container Registry key (identifiable)',
    'high',
    ['+acr'],
    `[A-Za-z0-9+/]{42}\\+ACR[A-D][A-Za-z0-9+/]{5}`,
    azure('containerRegistry'),
  ),
];
