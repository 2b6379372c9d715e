/**
 * The Shannon form's draft and its validation into a submit body (shannon-streaming-api.md §2).
 */
import { t } from './words.js';
import type { ShannonCreateParams, ShannonMode, ShannonModelTier, ShannonResearchStrategy } from '../providers/shannon/shannon-types.js';
import type { DraftResult } from './parallel-draft.js';
import { parseJsonObject } from './fields.js';

export interface ShannonDraft {
  query: string;
  sessionId: string;
  mode: '' | ShannonMode;
  modelTier: '' | ShannonModelTier;
  modelOverride: string;
  providerOverride: string;
  researchStrategy: '' | ShannonResearchStrategy;
  context: string;
}

export type ShannonField = keyof ShannonDraft;

export const SHANNON_MODES: readonly ShannonMode[] = ['simple', 'standard', 'complex', 'supervisor'];
export const SHANNON_TIERS: readonly ShannonModelTier[] = ['small', 'medium', 'large'];
export const SHANNON_STRATEGIES: readonly ShannonResearchStrategy[] = ['quick', 'standard', 'deep', 'academic'];

const SESSION_ID = /^[A-Za-z0-9:_\-.]{1,128}$/;
const NAME = /^[A-Za-z0-9._:/-]{1,128}$/;

export function emptyShannonDraft(): ShannonDraft {
  return { query: '', sessionId: '', mode: '', modelTier: '', modelOverride: '', providerOverride: '', researchStrategy: '', context: '' };
}

export function shannonDraftFromRequest(params: ShannonCreateParams): ShannonDraft {
  return {
    query: params.query,
    sessionId: params.session_id ?? '',
    mode: params.mode ?? '',
    modelTier: params.model_tier ?? '',
    modelOverride: params.model_override ?? '',
    providerOverride: params.provider_override ?? '',
    researchStrategy: params.research_strategy ?? '',
    context: params.context ? JSON.stringify(params.context, null, 2) : '',
  };
}

export function validateShannonDraft(draft: ShannonDraft): DraftResult<ShannonCreateParams, ShannonField> {
  const errors: Partial<Record<ShannonField, string>> = {};
  if (!draft.query.trim()) errors.query = t('validation.query.required');
  if (draft.sessionId && !SESSION_ID.test(draft.sessionId)) errors.sessionId = t('validation.sessionId');
  if (draft.modelOverride && !NAME.test(draft.modelOverride)) errors.modelOverride = t('validation.modelName');
  if (draft.providerOverride && !NAME.test(draft.providerOverride)) errors.providerOverride = t('validation.providerName');
  const context = parseJsonObject(draft.context, 'validation.what.context');
  if (context.error) errors.context = context.error;
  if (Object.keys(errors).length) return { errors, warnings: {} };
  const params: ShannonCreateParams = { query: draft.query.trim() };
  if (draft.sessionId) params.session_id = draft.sessionId;
  if (draft.mode) params.mode = draft.mode;
  if (draft.modelTier) params.model_tier = draft.modelTier;
  if (draft.modelOverride) params.model_override = draft.modelOverride;
  if (draft.providerOverride) params.provider_override = draft.providerOverride;
  if (draft.researchStrategy) params.research_strategy = draft.researchStrategy;
  if (context.value && Object.keys(context.value).length) params.context = context.value;
  return { params, errors, warnings: {} };
}
