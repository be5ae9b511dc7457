import { lastSegment, rootSegment, type IrCall } from './ir.js';

/**
 * Knowledge about AI SDK call shapes shared by the data-flow engine and the
 * rules: which calls return model output, retrieved documents or AI client
 * objects, which calls sanitise, and which properties carry no content.
 */

/** Methods that run a model when called on an AI object (client, chain, agent, LLM). */
export const MODEL_METHODS = new Set([
  'invoke',
  'ainvoke',
  'run',
  'arun',
  'predict',
  'apredict',
  'call',
  'acall',
  'stream',
  'astream',
  'batch',
  'abatch',
  'generate',
  'agenerate',
  'chat',
  'achat',
  'complete',
  'acomplete',
  'query',
  'aquery',
  'kickoff',
  'kickoff_async',
  'stream_chat',
  'send_message',
  'sendMessage',
  'generate_content',
  'generateContent',
  'generate_content_async',
  'create',
  'parse',
  'stream_complete',
  'respond',
]);

/** Callee suffixes that are model calls whatever the receiver is called. */
const MODEL_SUFFIXES = [
  'chat.completions.create',
  'chat.completions.parse',
  'chat.completions.stream',
  'completions.create',
  'responses.create',
  'responses.parse',
  'responses.stream',
  'messages.create',
  'messages.stream',
  'messages.parse',
  'generate_content',
  'generateContent',
  'generateContentStream',
  'converse',
  'invoke_model',
  'invokeModel',
  'ollama.chat',
  'ollama.generate',
  'litellm.completion',
  'litellm.acompletion',
  'ai.generateText',
  'ai.streamText',
  'ai.generateObject',
  'ai.streamObject',
];

const MODEL_FUNCTIONS = new Set([
  'generateText',
  'streamText',
  'generateObject',
  'streamObject',
  // Vercel AI SDK UI hooks: their state is model output rendered in the browser.
  'useChat',
  'useCompletion',
  'useObject',
  'useAssistant',
]);

/** Constructors and factories whose result is an AI client, model, chain or agent. */
const AI_FACTORY =
  /^(Chat[A-Z]\w*|(Async)?(Azure)?OpenAI|(Async)?Anthropic\w*|\w*LLM|LLMChain|\w+Chain|AgentExecutor|create_\w*agent|create\w*Agent|initialize_agent|Agent|CodeAgent|ToolCallingAgent|Crew|Ollama|Groq|Mistral|MistralClient|CohereClient\w*|GoogleGenerativeAI|GoogleGenAI|GenerativeModel|Client|Bedrock\w*|VertexAI|HuggingFace\w*|InferenceClient|pipeline|as_query_engine|as_chat_engine|from_llm|from_chain_type|init_chat_model|initChatModel|Replicate|Together)$/;

/** Modules whose `Client` is an AI client (avoid matching every `Client`). */
const AI_CLIENT_MODULES =
  /^(openai|anthropic|@anthropic-ai|google\.genai|google\.generativeai|@google|cohere|mistralai|groq|ollama|together|replicate|huggingface_hub|@huggingface|transformers|@langchain|langchain|llama_index|ai$|@ai-sdk|crewai|smolagents|agents|@openai|litellm|vertexai)/;

const AI_RECEIVER =
  /(llm|chain|agent|model|chat|gpt|claude|gemini|openai|anthropic|bot|assistant|crew|graph|qa|rag|executor|completion|ai$|^ai|pipe|generator)/i;

export function isAiFactory(call: IrCall): boolean {
  const last = lastSegment(call.callee);
  if (!AI_FACTORY.test(last)) return false;
  if (
    last === 'Client' ||
    last === 'Agent' ||
    last === 'pipeline' ||
    last === 'Replicate' ||
    last === 'Together'
  ) {
    return AI_CLIENT_MODULES.test(call.callee) && call.callee !== last;
  }
  return true;
}

/** `.suffix` forms, built once (the check runs on every call expression). */
const DOTTED_MODEL_SUFFIXES = MODEL_SUFFIXES.map((suffix) => `.${suffix}`);

/** Whether `call` runs a model; `receiverIsAi` tells whether its receiver is a known AI object. */
export function isModelCall(call: IrCall, receiverIsAi: boolean, calleeIsAi: boolean): boolean {
  const callee = call.callee;
  for (let i = 0; i < MODEL_SUFFIXES.length; i++) {
    const suffix = MODEL_SUFFIXES[i] ?? '';
    if (callee === suffix || callee.endsWith(DOTTED_MODEL_SUFFIXES[i] ?? '')) return true;
  }
  const last = lastSegment(callee);
  if (
    MODEL_FUNCTIONS.has(last) &&
    (callee === last || /^(ai|@ai-sdk\/[\w-]+|ai\/[\w-]+)\./.test(callee))
  ) {
    return true;
  }
  if (calleeIsAi) return true;
  if (!MODEL_METHODS.has(last)) return false;
  if (receiverIsAi) return true;
  if (
    last === 'create' ||
    last === 'parse' ||
    last === 'call' ||
    last === 'query' ||
    last === 'run'
  )
    return false;
  const receiver = receiverName(call);
  return receiver !== '' && AI_RECEIVER.test(receiver);
}

/** The variable name the method is called on (`chain` in `chain.invoke`). */
export function receiverName(call: IrCall): string {
  const object = call.calleeExpr.object;
  if (object?.path !== undefined) return lastSegment(object.path);
  return '';
}

const RETRIEVAL_METHODS = new Set([
  'similarity_search',
  'asimilarity_search',
  'similarity_search_with_score',
  'similarity_search_with_relevance_scores',
  'max_marginal_relevance_search',
  'get_relevant_documents',
  'aget_relevant_documents',
  'retrieve',
  'aretrieve',
  'similaritySearch',
  'similaritySearchWithScore',
  'maxMarginalRelevanceSearch',
  'getRelevantDocuments',
  'load_data',
  'lazy_load',
  'aload',
  'search_documents',
]);
const RETRIEVAL_RECEIVER =
  /(retriever|index|store|vector|collection|pinecone|qdrant|chroma|weaviate|milvus|faiss|kb|knowledge|loader|reader|docsearch|search)/i;

export function isRetrievalCall(call: IrCall): boolean {
  const last = lastSegment(call.callee);
  if (RETRIEVAL_METHODS.has(last)) return true;
  const receiver = receiverName(call);
  if (
    ['invoke', 'ainvoke', 'search', 'query', 'load', 'get'].includes(last) &&
    RETRIEVAL_RECEIVER.test(receiver)
  ) {
    return !/engine|chain|agent|llm/i.test(receiver);
  }
  return false;
}

/** Sanitisers and encoders: their result no longer carries attacker-controlled markup or syntax. */
const SANITIZER =
  /^(\w*[Ss]anitiz\w*|sanitize\w*|\w*[Ee]scape\w*|escape\w*|purify|clean|quote|shlex_quote|encodeURIComponent|encodeURI|quote_plus|parseInt|parseFloat|Number|Boolean|int|float|bool|basename|secure_filename|\w*[Rr]edact\w*|redact\w*|mask\w*|\w*[Mm]ask|anonymi[sz]e\w*|hash\w*|sha256|hexdigest|len|count_tokens|countTokens|isinstance|type|id|literal_eval)$/;

export function isSanitizer(call: IrCall): boolean {
  const last = lastSegment(call.callee);
  if (last === 'sanitize' || SANITIZER.test(last)) return true;
  return (
    call.callee === 'DOMPurify.sanitize' ||
    call.callee === 'bleach.clean' ||
    call.callee === 'shlex.quote'
  );
}

/** Response properties that carry metadata, not model-written content. */
export const NON_CONTENT_PROPERTIES = new Set([
  'usage',
  'id',
  'model',
  'created',
  'finish_reason',
  'stop_reason',
  'length',
  'status',
  'status_code',
  'statusCode',
  'total_tokens',
  'prompt_tokens',
  'completion_tokens',
  'input_tokens',
  'output_tokens',
  'object',
  'system_fingerprint',
  'response_metadata',
  'usage_metadata',
  'latency',
  'elapsed',
]);

/** Request objects and globals whose data an end user controls. */
export const USER_INPUT_PARAM =
  /^(req|request|body|payload|data|user|user_?\w+|\w*_?user_input|question|query|message|msg|input|input_?text|text|content|prompt|comment|feedback|bio|profile)$/i;

export function isUserInputPath(path: string | undefined): boolean {
  if (path === undefined) return false;
  return (
    /^(flask\.request|fastapi\.Request|request|req|ctx\.request|c\.req|event\.body|sys\.argv|process\.argv|location|window\.location|document\.location)(\.|$)/.test(
      path,
    ) || /\.(text_input|chat_input|text_area)$/.test(path)
  );
}

export function isUserInputCall(call: IrCall): boolean {
  return (
    call.callee === 'input' ||
    call.callee === 'prompt' ||
    /\.(text_input|chat_input|text_area|get_json|getParameter)$/.test(call.callee) ||
    /^(flask\.request|request|req)\./.test(call.callee)
  );
}

/** Tool factories: functions passed to them are called with model-chosen arguments. */
export const TOOL_FACTORY = new Set([
  'tool',
  'DynamicTool',
  'DynamicStructuredTool',
  'registerTool',
  'defineTool',
  'createTool',
  'betaZodTool',
  'StructuredTool',
  'Tool',
  'FunctionTool',
  'from_function',
  'from_defaults',
  'function_tool',
  'kernel_function',
  'ai_function',
  'FunctionDeclaration',
]);

export function isToolFactory(call: IrCall): boolean {
  return TOOL_FACTORY.has(lastSegment(call.callee));
}

export function isHttpClientCall(callee: string): boolean {
  const root = rootSegment(callee);
  const last = lastSegment(callee);
  if (
    callee === 'fetch' ||
    callee === 'undici.fetch' ||
    callee === 'undici.request' ||
    callee === 'axios' ||
    callee === 'got' ||
    callee === 'ky'
  )
    return true;
  if (
    ['axios', 'got', 'ky', 'requests', 'httpx', 'superagent', 'needle', 'http', 'https'].includes(
      root,
    )
  ) {
    return [
      'get',
      'post',
      'put',
      'delete',
      'patch',
      'head',
      'request',
      'stream',
      'options',
    ].includes(last);
  }
  return (
    callee === 'urllib.request.urlopen' ||
    callee === 'urllib.request.Request' ||
    callee === 'urllib3.request'
  );
}
