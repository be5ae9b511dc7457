import type { CdxOrganization } from './bom-types.js';

/**
 * What the AI-BOM says about hosted model providers and third-party AI
 * services the inventory names: who supplies them, their public endpoint
 * (omitted where it is per-account or per-region, e.g. Azure OpenAI, Bedrock)
 * and whether calling them crosses the application's trust boundary.
 */
export interface ProviderInfo {
  organization: CdxOrganization;
  /** Where the provider documents its models. */
  modelDocs: string;
}

const org = (name: string, url: string): CdxOrganization => ({ name, url: [url] });

/** Hosted model providers by the inventory's provider key. */
export const MODEL_PROVIDERS: Record<string, ProviderInfo> = {
  openai: {
    organization: org('OpenAI', 'https://openai.com'),
    modelDocs: 'https://platform.openai.com/docs/models',
  },
  anthropic: {
    organization: org('Anthropic', 'https://www.anthropic.com'),
    modelDocs: 'https://docs.anthropic.com/en/docs/about-claude/models',
  },
  google: {
    organization: org('Google', 'https://ai.google.dev'),
    modelDocs: 'https://ai.google.dev/gemini-api/docs/models',
  },
  'aws-bedrock': {
    organization: org('Amazon Web Services', 'https://aws.amazon.com/bedrock/'),
    modelDocs: 'https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html',
  },
  mistral: {
    organization: org('Mistral AI', 'https://mistral.ai'),
    modelDocs: 'https://docs.mistral.ai/getting-started/models/',
  },
  cohere: {
    organization: org('Cohere', 'https://cohere.com'),
    modelDocs: 'https://docs.cohere.com/docs/models',
  },
  xai: { organization: org('xAI', 'https://x.ai'), modelDocs: 'https://docs.x.ai/docs/models' },
};

/** Who published a model served through Bedrock, from its id prefix (`us.anthropic.claude…`). */
export function bedrockPublisher(id: string): string | undefined {
  const vendor = /^(?:[a-z]{2}\.)?(anthropic|amazon|meta|cohere|ai21|mistral)\./.exec(id)?.[1];
  const names: Record<string, string> = {
    anthropic: 'Anthropic',
    amazon: 'Amazon',
    meta: 'Meta',
    cohere: 'Cohere',
    ai21: 'AI21 Labs',
    mistral: 'Mistral AI',
  };
  return vendor === undefined ? undefined : names[vendor];
}

export interface ServiceInfo {
  provider: CdxOrganization;
  endpoint?: string;
  /** false for services on the developer's own machine (Ollama). */
  remote: boolean;
}

/** Third-party AI services by the inventory's service name. */
export const AI_SERVICES: Record<string, ServiceInfo> = {
  'OpenAI API': {
    provider: org('OpenAI', 'https://openai.com'),
    endpoint: 'https://api.openai.com/v1',
    remote: true,
  },
  'Anthropic API': {
    provider: org('Anthropic', 'https://www.anthropic.com'),
    endpoint: 'https://api.anthropic.com',
    remote: true,
  },
  'Azure OpenAI': { provider: org('Microsoft', 'https://azure.microsoft.com'), remote: true },
  'Google Gemini API': {
    provider: org('Google', 'https://ai.google.dev'),
    endpoint: 'https://generativelanguage.googleapis.com',
    remote: true,
  },
  'Google Vertex AI': {
    provider: org('Google Cloud', 'https://cloud.google.com'),
    endpoint: 'https://aiplatform.googleapis.com',
    remote: true,
  },
  'AWS Bedrock': { provider: org('Amazon Web Services', 'https://aws.amazon.com'), remote: true },
  'Mistral API': {
    provider: org('Mistral AI', 'https://mistral.ai'),
    endpoint: 'https://api.mistral.ai',
    remote: true,
  },
  'Groq API': {
    provider: org('Groq', 'https://groq.com'),
    endpoint: 'https://api.groq.com',
    remote: true,
  },
  'Cohere API': {
    provider: org('Cohere', 'https://cohere.com'),
    endpoint: 'https://api.cohere.com',
    remote: true,
  },
  OpenRouter: {
    provider: org('OpenRouter', 'https://openrouter.ai'),
    endpoint: 'https://openrouter.ai/api/v1',
    remote: true,
  },
  'Together AI API': {
    provider: org('Together AI', 'https://www.together.ai'),
    endpoint: 'https://api.together.xyz',
    remote: true,
  },
  'Hugging Face': {
    provider: org('Hugging Face', 'https://huggingface.co'),
    endpoint: 'https://huggingface.co',
    remote: true,
  },
  'Hugging Face Hub': {
    provider: org('Hugging Face', 'https://huggingface.co'),
    endpoint: 'https://huggingface.co',
    remote: true,
  },
  'Hugging Face Inference API': {
    provider: org('Hugging Face', 'https://huggingface.co'),
    endpoint: 'https://api-inference.huggingface.co',
    remote: true,
  },
  'Replicate API': {
    provider: org('Replicate', 'https://replicate.com'),
    endpoint: 'https://api.replicate.com',
    remote: true,
  },
  'Ollama (local)': {
    provider: org('Ollama', 'https://ollama.com'),
    endpoint: 'http://localhost:11434',
    remote: false,
  },
  'DeepSeek API': {
    provider: org('DeepSeek', 'https://www.deepseek.com'),
    endpoint: 'https://api.deepseek.com',
    remote: true,
  },
  'xAI API': { provider: org('xAI', 'https://x.ai'), endpoint: 'https://api.x.ai', remote: true },
  Pinecone: { provider: org('Pinecone', 'https://www.pinecone.io'), remote: true },
};

/**
 * Vector stores by canonical name: `embedded` ones keep their index in the
 * application's process or files (a `data` component); the rest are database
 * services, `hosted` ones run by a third party.
 */
export const VECTOR_STORES: {
  pattern: RegExp;
  name: string;
  kind: 'embedded' | 'hosted' | 'server';
}[] = [
  { pattern: /faiss/i, name: 'FAISS', kind: 'embedded' },
  { pattern: /hnswlib/i, name: 'HNSWLib', kind: 'embedded' },
  { pattern: /lancedb/i, name: 'LanceDB', kind: 'embedded' },
  { pattern: /pinecone/i, name: 'Pinecone', kind: 'hosted' },
  { pattern: /mongodb/i, name: 'MongoDB Atlas Vector Search', kind: 'hosted' },
  { pattern: /chroma/i, name: 'Chroma', kind: 'server' },
  { pattern: /qdrant/i, name: 'Qdrant', kind: 'server' },
  { pattern: /weaviate/i, name: 'Weaviate', kind: 'server' },
  { pattern: /milvus/i, name: 'Milvus', kind: 'server' },
  { pattern: /pgvector/i, name: 'pgvector', kind: 'server' },
  { pattern: /redis/i, name: 'Redis vector store', kind: 'server' },
  { pattern: /elasticsearch|opensearch/i, name: 'Elasticsearch/OpenSearch', kind: 'server' },
];
