/**
 * Every named mock scenario with a one-line description, for the demo's scenario menu and the
 * docs. No imports: the demo page loads this file in the browser. A task picks a scenario with
 * `metadata.mock_scenario` (Parallel) or `context.mock_scenario` (Shannon); a scenario meant for
 * the other provider plays `happy`.
 */

/** Which API half a scenario changes. */
export type ScenarioProvider = 'both' | 'parallel' | 'shannon';

export interface ScenarioInfo {
  name: string;
  provider: ScenarioProvider;
  /** One line, plain language: what the server does. */
  description: string;
}

export const SCENARIO_CATALOG = [
  { name: 'happy', provider: 'both', description: 'The run behaves as the real server usually does and completes.' },
  { name: 'slow', provider: 'both', description: 'Everything takes four times longer; Shannon goes silent for 45 s after a step.' },
  { name: 'drop-mid-stream', provider: 'both', description: 'The first two event streams are cut in the middle of an event.' },
  { name: 'stream-timeout', provider: 'both', description: 'The server closes the event stream early, again and again, until the run ends.' },
  { name: 'server-error-then-ok', provider: 'both', description: 'The first two stream requests fail with 503 and Retry-After, then it works.' },
  { name: 'rate-limited', provider: 'both', description: 'The first stream request gets 429 and Retry-After, then it works.' },
  { name: 'create-rate-limited', provider: 'both', description: 'Submitting gets 429 and Retry-After once; the same request sent again is accepted.' },
  { name: 'unauthorized', provider: 'both', description: 'The task is created, then every request about it is refused with 401.' },
  { name: 'fails', provider: 'both', description: 'The run fails part-way with an error message.' },
  { name: 'malformed', provider: 'both', description: 'A few broken events (cut JSON, wrong shapes) arrive among valid ones.' },
  { name: 'huge-event', provider: 'both', description: 'One event of about 2 MB arrives among normal ones.' },
  { name: 'many-events', provider: 'both', description: '10,000 events arrive as fast as possible.' },
  { name: 'xss', provider: 'both', description: 'Hostile HTML, scripts and javascript: links in every text field.' },
  { name: 'retry-zero', provider: 'both', description: 'Every stream sends "retry: 0", one old event and ends at once; only the status API moves on.' },
  { name: 'reconnect-204', provider: 'both', description: 'The first stream ends early; every reconnect gets 204 No Content.' },
  { name: 'parallel-action-required', provider: 'parallel', description: 'The run stops and waits for the user (action_required): one state event, stream closed.' },
  { name: 'parallel-cancelled', provider: 'parallel', description: 'The run is cancelled part-way: cancelling (still active), then cancelled.' },
  { name: 'parallel-full-replay', provider: 'parallel', description: 'A finished run replays its whole trace on connect (older server behaviour).' },
  { name: 'parallel-error-event', provider: 'parallel', description: 'The stream sends an error event and closes; the run itself goes on.' },
  { name: 'shannon-done-before-status', provider: 'shannon', description: 'The stream says done, but the status API says RUNNING twice more before COMPLETED.' },
  { name: 'shannon-timeout', provider: 'shannon', description: 'The workflow times out: events stop, the stream only pings, status TIMEOUT.' },
  { name: 'shannon-stream-expired', provider: 'shannon', description: 'After the run the event stream expires: connecting gives pings only; the status API keeps the result.' },
] as const satisfies readonly ScenarioInfo[];

export type ScenarioName = (typeof SCENARIO_CATALOG)[number]['name'];

/** Every scenario name, in menu order. */
export const SCENARIOS: readonly ScenarioName[] = SCENARIO_CATALOG.map((s) => s.name);
