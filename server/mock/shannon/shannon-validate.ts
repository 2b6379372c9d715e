/**
 * Validates a task submission (`TaskRequest`, shannon-streaming-api.md §2) the way the gateway
 * does: Go's JSON decoding errors for wrong types, "Query is required" (unless attachments are
 * present), then the enumerated options with the gateway's own messages. Every failure is a 400
 * `{"error": …}`.
 */
import { isRecord } from '../http-util.js';
import { ShannonHttpError } from './shannon-gateway.js';

/** A validated submission. */
export interface SubmitRequest {
  query: string;
  sessionId: string | undefined;
  context: Record<string, unknown>;
  mode: string | undefined;
  modelTier: string | undefined;
  modelOverride: string | undefined;
}

const FIELD_TYPES: Record<string, { js: 'string' | 'object' | 'number' | 'boolean'; go: string }> = {
  query: { js: 'string', go: 'string' },
  session_id: { js: 'string', go: 'string' },
  context: { js: 'object', go: 'map[string]interface {}' },
  mode: { js: 'string', go: 'string' },
  skill: { js: 'string', go: 'string' },
  model_tier: { js: 'string', go: 'string' },
  model_override: { js: 'string', go: 'string' },
  provider_override: { js: 'string', go: 'string' },
  research_strategy: { js: 'string', go: 'string' },
  max_iterations: { js: 'number', go: 'int' },
  max_concurrent_agents: { js: 'number', go: 'int' },
  enable_verification: { js: 'boolean', go: 'bool' },
};
const PROVIDERS = ['openai', 'anthropic', 'google', 'groq', 'xai', 'deepseek', 'qwen', 'zai', 'ollama', 'mistral', 'cohere'];

function bad(message: string): ShannonHttpError {
  return new ShannonHttpError(400, message);
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return isRecord(value) ? 'object' : typeof value;
}

/** Validates a parsed JSON body. */
export function validateSubmit(body: unknown): SubmitRequest {
  if (!isRecord(body)) throw bad(`Invalid request body: json: cannot unmarshal ${jsonKind(body)} into Go value of type handlers.TaskRequest`);
  for (const [field, type] of Object.entries(FIELD_TYPES)) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    const ok = type.js === 'object' ? isRecord(value) : type.js === 'number' ? Number.isInteger(value) : typeof value === type.js;
    if (!ok) throw bad(`Invalid request body: json: cannot unmarshal ${jsonKind(value)} into Go struct field TaskRequest.${field} of type ${type.go}`);
  }
  const context = isRecord(body.context) ? { ...body.context } : {};
  let query = typeof body.query === 'string' ? body.query : '';
  if (query === '' && Array.isArray(context.attachments) && context.attachments.length > 0) query = '[User sent file attachments]';
  if (query === '') throw bad('Query is required');

  const str = (key: string): string | undefined => {
    const value = body[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const modelTier = str('model_tier')?.toLowerCase();
  if (modelTier && !['small', 'medium', 'large'].includes(modelTier)) throw bad('Invalid model_tier (allowed: small, medium, large)');
  const provider = str('provider_override')?.toLowerCase();
  if (provider && !PROVIDERS.includes(provider)) throw bad(`Invalid provider_override: ${provider} (allowed: ${PROVIDERS.join(', ')})`);
  const strategy = str('research_strategy')?.toLowerCase();
  if (strategy && !['quick', 'standard', 'deep', 'academic'].includes(strategy)) {
    throw bad('Invalid research_strategy (allowed: quick, standard, deep, academic)');
  }
  const iterations = body.max_iterations;
  if (typeof iterations === 'number' && (iterations <= 0 || iterations > 50)) throw bad('max_iterations out of range (1..50)');
  const agents = body.max_concurrent_agents;
  if (typeof agents === 'number' && (agents <= 0 || agents > 20)) throw bad('max_concurrent_agents out of range (1..20)');
  const mode = str('mode')?.toLowerCase();
  if (mode && !['simple', 'standard', 'complex', 'supervisor'].includes(mode)) {
    throw bad('Invalid mode (allowed: simple, standard, complex, supervisor)');
  }
  if (modelTier) context.model_tier = modelTier;
  if (strategy) context.research_strategy = strategy;
  if (provider) context.provider_override = provider;
  return { query, sessionId: str('session_id'), context, mode, modelTier, modelOverride: str('model_override') };
}
