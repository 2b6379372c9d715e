// The plain tags in React 19 JSX, typed by task-elements/jsx. Lines after an `expect-error` marker must
// fail with that code (test/package/types.test.ts compiles this file and compares).
import type {} from 'task-elements/jsx';
import 'task-elements/define';
import type { TaskCompleteEvent, TaskStateEvent } from 'task-elements';

export const fine = (
  <main>
    <task-form provider="shannon" proxy-url="/api/shannon" auth-mode="api-key" apiKey="k" className="form"
      ontask-created={(e) => e.runId.toUpperCase()} ontask-submit={(e) => e.preventDefault()} />
    <task-stream run-id="trun_1" ontask-complete={(e: TaskCompleteEvent) => e.output} ontask-state={(e) => e.previousStatus} />
    <task-history store="other" refresh-interval={0} ontask-select={(e) => e.runId} />
  </main>
);

// expect-error TS2322: not a provider
export const wrongProvider = <task-form provider="openai" />;
// expect-error TS2322: a task-state handler given for task-complete
export const mismatchedHandler = <task-stream ontask-complete={(e: TaskStateEvent) => e.previousStatus} />;
// expect-error TS2322: React would listen for an event named "TaskComplete": the plain tag takes ontask-complete
export const camelCaseHandler = <task-stream onTaskComplete={() => undefined} />;
// expect-error TS2322: not an auth mode
export const wrongAuthMode = <task-history auth-mode="password" />;
