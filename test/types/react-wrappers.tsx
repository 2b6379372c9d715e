// The task-elements/react wrappers: typed properties and onTask* event props.
import { TaskForm, TaskHistory, TaskStream } from 'task-elements/react';
import type { TaskStateEvent } from 'task-elements/react';

export const fine = (
  <>
    <TaskForm provider="parallel" proxyUrl="/api/parallel" authMode="bearer" apiKey="k" onTaskCreated={(e) => e.runId} />
    <TaskStream runId="trun_1" onTaskComplete={(e) => e.output} onTaskConnection={(e) => e.state} />
    <TaskHistory store="s" onTaskSelect={(e) => e.provider} onTaskRerun={(e) => e.run.id} />
  </>
);

// expect-error TS2322: not a provider
export const wrongProvider = <TaskForm provider="openai" />;
// expect-error TS2322: a task-state handler given for task-complete
export const mismatchedHandler = <TaskStream onTaskComplete={(e: TaskStateEvent) => e.previousStatus} />;
