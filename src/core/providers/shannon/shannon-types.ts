/**
 * Request shapes of Shannon's gateway (shannon-streaming-api.md §2), as sent on the wire.
 */

export type ShannonMode = 'simple' | 'standard' | 'complex' | 'supervisor';
/** Shannon `model_tier`: the size of model the task may use. */
export type ShannonModelTier = 'small' | 'medium' | 'large';
/** Shannon `research_strategy` (research mode): how broad and deep the research goes. */
export type ShannonResearchStrategy = 'quick' | 'standard' | 'deep' | 'academic';

/** Body of `POST /api/v1/tasks/stream` and `POST /api/v1/tasks`. */
export interface ShannonCreateParams {
  query: string;
  session_id?: string;
  context?: Record<string, unknown>;
  mode?: ShannonMode;
  model_tier?: ShannonModelTier;
  model_override?: string;
  provider_override?: string;
  research_strategy?: ShannonResearchStrategy;
  max_iterations?: number;
  max_concurrent_agents?: number;
  enable_verification?: boolean;
}
