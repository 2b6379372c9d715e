// Plain DOM (what Angular's template checker sees): HTMLElementTagNameMap and HTMLElementEventMap
// entries come with `task-elements/define`.
import 'task-elements/define';
import type { TaskStateEvent } from 'task-elements/define';

const stream = document.createElement('task-stream');
stream.runId = 'trun_1';
stream.addEventListener('task-complete', (e) => e.output?.type);
document.querySelector('task-form')?.addEventListener('task-created', (e) => e.runId);

// expect-error TS2322: not a provider
stream.provider = 'openai';
// expect-error TS2769: a task-state handler given for task-complete
stream.addEventListener('task-complete', (e: TaskStateEvent) => e.previousStatus);
