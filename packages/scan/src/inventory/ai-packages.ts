/**
 * Known AI packages by ecosystem, with what they are and which third-party
 * AI service (if any) they talk to. Names are normalised (PyPI: lower-case,
 * `_` -> `-`).
 */
export type AiPackageCategory =
  | 'llm-sdk'
  | 'agent-framework'
  | 'ml-framework'
  | 'vector-store'
  | 'mcp'
  | 'inference-runtime'
  | 'ai-tooling';

export interface AiPackageInfo {
  category: AiPackageCategory;
  service?: string;
}

const p = (category: AiPackageCategory, service?: string): AiPackageInfo =>
  service === undefined ? { category } : { category, service };

export const NPM_AI_PACKAGES: Record<string, AiPackageInfo> = {
  openai: p('llm-sdk', 'OpenAI API'),
  '@anthropic-ai/sdk': p('llm-sdk', 'Anthropic API'),
  ai: p('llm-sdk'),
  '@ai-sdk/openai': p('llm-sdk', 'OpenAI API'),
  '@ai-sdk/anthropic': p('llm-sdk', 'Anthropic API'),
  '@ai-sdk/google': p('llm-sdk', 'Google Gemini API'),
  '@ai-sdk/mistral': p('llm-sdk', 'Mistral API'),
  '@ai-sdk/amazon-bedrock': p('llm-sdk', 'AWS Bedrock'),
  '@ai-sdk/azure': p('llm-sdk', 'Azure OpenAI'),
  '@google/generative-ai': p('llm-sdk', 'Google Gemini API'),
  '@google/genai': p('llm-sdk', 'Google Gemini API'),
  '@google-cloud/vertexai': p('llm-sdk', 'Google Vertex AI'),
  '@aws-sdk/client-bedrock-runtime': p('llm-sdk', 'AWS Bedrock'),
  '@azure/openai': p('llm-sdk', 'Azure OpenAI'),
  'cohere-ai': p('llm-sdk', 'Cohere API'),
  '@mistralai/mistralai': p('llm-sdk', 'Mistral API'),
  'groq-sdk': p('llm-sdk', 'Groq API'),
  ollama: p('llm-sdk', 'Ollama (local)'),
  replicate: p('llm-sdk', 'Replicate API'),
  'together-ai': p('llm-sdk', 'Together AI API'),
  '@huggingface/inference': p('llm-sdk', 'Hugging Face Inference API'),
  '@huggingface/transformers': p('ml-framework'),
  '@xenova/transformers': p('ml-framework'),
  langchain: p('agent-framework'),
  llamaindex: p('agent-framework'),
  '@openai/agents': p('agent-framework', 'OpenAI API'),
  '@mastra/core': p('agent-framework'),
  '@modelcontextprotocol/sdk': p('mcp'),
  '@pinecone-database/pinecone': p('vector-store', 'Pinecone'),
  chromadb: p('vector-store'),
  '@qdrant/js-client-rest': p('vector-store'),
  'weaviate-client': p('vector-store'),
  '@zilliz/milvus2-sdk-node': p('vector-store'),
  'faiss-node': p('vector-store'),
  'hnswlib-node': p('vector-store'),
  '@lancedb/lancedb': p('vector-store'),
  pgvector: p('vector-store'),
  'onnxruntime-node': p('inference-runtime'),
  'onnxruntime-web': p('inference-runtime'),
  '@tensorflow/tfjs': p('ml-framework'),
  '@tensorflow/tfjs-node': p('ml-framework'),
  'js-tiktoken': p('ai-tooling'),
  'gpt-tokenizer': p('ai-tooling'),
};

export const PYPI_AI_PACKAGES: Record<string, AiPackageInfo> = {
  openai: p('llm-sdk', 'OpenAI API'),
  anthropic: p('llm-sdk', 'Anthropic API'),
  'google-generativeai': p('llm-sdk', 'Google Gemini API'),
  'google-genai': p('llm-sdk', 'Google Gemini API'),
  'google-cloud-aiplatform': p('llm-sdk', 'Google Vertex AI'),
  vertexai: p('llm-sdk', 'Google Vertex AI'),
  cohere: p('llm-sdk', 'Cohere API'),
  mistralai: p('llm-sdk', 'Mistral API'),
  groq: p('llm-sdk', 'Groq API'),
  ollama: p('llm-sdk', 'Ollama (local)'),
  litellm: p('llm-sdk'),
  replicate: p('llm-sdk', 'Replicate API'),
  together: p('llm-sdk', 'Together AI API'),
  'huggingface-hub': p('llm-sdk', 'Hugging Face Hub'),
  langchain: p('agent-framework'),
  'langchain-core': p('agent-framework'),
  'langchain-community': p('agent-framework'),
  'langchain-experimental': p('agent-framework'),
  'langchain-openai': p('agent-framework', 'OpenAI API'),
  'langchain-anthropic': p('agent-framework', 'Anthropic API'),
  'langchain-google-genai': p('agent-framework', 'Google Gemini API'),
  langgraph: p('agent-framework'),
  'llama-index': p('agent-framework'),
  'llama-index-core': p('agent-framework'),
  crewai: p('agent-framework'),
  autogen: p('agent-framework'),
  pyautogen: p('agent-framework'),
  'autogen-agentchat': p('agent-framework'),
  smolagents: p('agent-framework'),
  'semantic-kernel': p('agent-framework'),
  'openai-agents': p('agent-framework', 'OpenAI API'),
  dspy: p('agent-framework'),
  'dspy-ai': p('agent-framework'),
  'haystack-ai': p('agent-framework'),
  instructor: p('ai-tooling'),
  guidance: p('ai-tooling'),
  tiktoken: p('ai-tooling'),
  mcp: p('mcp'),
  fastmcp: p('mcp'),
  transformers: p('ml-framework'),
  torch: p('ml-framework'),
  tensorflow: p('ml-framework'),
  keras: p('ml-framework'),
  jax: p('ml-framework'),
  'sentence-transformers': p('ml-framework'),
  diffusers: p('ml-framework'),
  accelerate: p('ml-framework'),
  peft: p('ml-framework'),
  'scikit-learn': p('ml-framework'),
  xgboost: p('ml-framework'),
  lightgbm: p('ml-framework'),
  safetensors: p('ml-framework'),
  vllm: p('inference-runtime'),
  onnxruntime: p('inference-runtime'),
  onnx: p('ml-framework'),
  'llama-cpp-python': p('inference-runtime'),
  pinecone: p('vector-store', 'Pinecone'),
  'pinecone-client': p('vector-store', 'Pinecone'),
  chromadb: p('vector-store'),
  'qdrant-client': p('vector-store'),
  'weaviate-client': p('vector-store'),
  'faiss-cpu': p('vector-store'),
  'faiss-gpu': p('vector-store'),
  pymilvus: p('vector-store'),
  lancedb: p('vector-store'),
  pgvector: p('vector-store'),
};

export function lookupNpm(name: string): AiPackageInfo | undefined {
  if (NPM_AI_PACKAGES[name]) return NPM_AI_PACKAGES[name];
  if (name.startsWith('@langchain/') || name.startsWith('@llamaindex/'))
    return p('agent-framework');
  if (name.startsWith('@ai-sdk/')) return p('llm-sdk');
  if (name.startsWith('@modelcontextprotocol/')) return p('mcp');
  return undefined;
}

export function normalisePypi(name: string): string {
  return name.toLowerCase().replace(/[_.]/g, '-');
}

export function lookupPypi(name: string): AiPackageInfo | undefined {
  const n = normalisePypi(name);
  if (PYPI_AI_PACKAGES[n]) return PYPI_AI_PACKAGES[n];
  if (n.startsWith('langchain-') || n.startsWith('llama-index-')) return p('agent-framework');
  return undefined;
}
