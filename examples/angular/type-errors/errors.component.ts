// ngc must reject each marked binding (e2e/examples.ts compiles this with tsconfig.type-errors.json).
import { CUSTOM_ELEMENTS_SCHEMA, Component } from '@angular/core';
import type { TaskStateEvent } from 'task-elements/define';

@Component({
  selector: 'app-errors',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <!-- expect-error: a task-state handler given for task-complete -->
    <task-stream (task-complete)="onState($event)"></task-stream>
    <!-- expect-error: task-created carries no previousStatus -->
    <task-form (task-created)="note($event.previousStatus)"></task-form>
  `,
})
export class ErrorsComponent {
  onState(e: TaskStateEvent): void {
    void e;
  }
  note(value: string): void {
    void value;
  }
}
