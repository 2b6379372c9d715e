/**
 * Request shapes of the Parallel Task API (parallel-task-api.md §4), as sent on the wire.
 */

export type ParallelOutputSchema =
  | { type: 'auto' }
  | { type: 'text'; description?: string }
  | { type: 'json'; json_schema: Record<string, unknown> }
  | string;

/** The `input_schema` of a Parallel task spec: a JSON Schema object, or a text description (parallel-task-api.md §3). */
export type ParallelInputSchema =
  | { type: 'text'; description?: string }
  | { type: 'json'; json_schema: Record<string, unknown> }
  | string;

/** Body of `POST /v1/tasks/runs`. */
export interface ParallelCreateParams {
  input: string | Record<string, unknown>;
  processor: string;
  task_spec?: { output_schema: ParallelOutputSchema; input_schema?: ParallelInputSchema | null } | null;
  source_policy?: { include_domains?: string[]; exclude_domains?: string[]; after_date?: string };
  metadata?: Record<string, string | number | boolean>;
  enable_events?: boolean | null;
  webhook?: { url: string; event_types?: string[] };
  mcp_servers?: Array<{ type: 'url'; name: string; url: string; headers?: Record<string, string>; allowed_tools?: string[] }>;
  previous_interaction_id?: string;
  advanced_settings?: { location?: string };
}
