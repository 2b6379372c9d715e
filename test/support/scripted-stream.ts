/**
 * Browser-side access to the scripted SSE endpoints of test/support/sse-script-middleware.mjs:
 * real HTTP responses whose status, headers, bytes, timing and cut-offs a test decides.
 */

export interface ScriptedEvent {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comment?: string;
}

export interface ScriptedResponse {
  /** Only URLs containing this text get this response; responses sharing `when` form their own sequence. */
  when?: string;
  status?: number;
  headers?: Record<string, string>;
  chunks?: string[];
  events?: ScriptedEvent[];
  resume?: boolean;
  delayMs?: number;
  end?: 'close' | 'destroy' | 'hang';
  destroyAfterBytes?: number;
}

export interface LoggedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  closed: boolean;
}

export interface Script {
  url: string;
  log(): Promise<LoggedRequest[]>;
}

let counter = 0;

/**
 * Registers a sequence of responses; every request to `url` (or a path below it) takes the next one
 * (the last repeats).
 */
export async function scriptStream(responses: ScriptedResponse[]): Promise<Script> {
  const session = `s${Date.now().toString(36)}${(++counter).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const put = await fetch(`/sse/script/${session}`, { method: 'PUT', body: JSON.stringify({ responses }) });
  if (!put.ok) throw new Error(`could not register the script: ${put.status}`);
  return {
    url: `/sse/script/${session}`,
    log: async () => (await fetch(`/sse/log/${session}`)).json() as Promise<LoggedRequest[]>,
  };
}

/** Resolves when `check()` is true, polling every 10 ms; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A JSON response for a scripted sequence. */
export const json = (body: unknown, status = 200, extra: Partial<ScriptedResponse> = {}): ScriptedResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  chunks: [JSON.stringify(body)],
  ...extra,
});
