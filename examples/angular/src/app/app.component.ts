// The plain tags in an Angular standalone component (strictTemplates). The key lives in a signal and
// reaches the elements as the `apiKey` *property* ([apiKey]); events update signals, and `$event` is
// typed (TaskCreatedEvent, TaskProgressEvent …) through the HTMLElementEventMap entries that
// `task-elements/define` declares.
import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import type { TaskCompleteEvent, TaskCreatedEvent, TaskErrorEvent, TaskProgressEvent, TaskStateEvent, TaskStatus } from 'task-elements/define';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Research tasks</h1>
      <label class="key">API key
        <input type="password" autocomplete="off" [value]="apiKey()" (input)="apiKey.set($any($event.target).value)" />
      </label>
      <task-form auth-mode="api-key" [apiKey]="apiKey()" (task-created)="created($event)" (task-error)="failed($event)"></task-form>
      <output class="app-state" data-testid="app-state">
        @if (runId(); as id) {
          Run <code>{{ id }}</code>: <b data-testid="status">{{ status() }}</b>, <span data-testid="events">{{ events() }}</span> events
        } @else {
          No run yet
        }
      </output>
      @if (errors().length) {
        <ul class="errors">@for (m of errors(); track $index) { <li>{{ m }}</li> }</ul>
      }
      <task-stream auth-mode="api-key" [apiKey]="apiKey()" (task-state)="state($event)" (task-progress)="progress($event)"
        (task-complete)="complete($event)"></task-stream>
      <task-history auth-mode="api-key" [apiKey]="apiKey()"></task-history>
    </main>
  `,
})
export class AppComponent {
  readonly apiKey = signal('');
  readonly runId = signal<string | undefined>(undefined);
  readonly status = signal<TaskStatus | undefined>(undefined);
  readonly events = signal(0);
  readonly errors = signal<string[]>([]);

  created(e: TaskCreatedEvent): void {
    this.runId.set(e.runId);
    this.status.set(e.run.status);
    this.events.set(0);
  }
  state(e: TaskStateEvent): void {
    this.status.set(e.status);
  }
  progress(e: TaskProgressEvent): void {
    this.events.update((n) => n + e.events.length);
  }
  complete(e: TaskCompleteEvent): void {
    this.status.set(e.status);
  }
  failed(e: TaskErrorEvent): void {
    this.errors.update((list) => [...list, e.message]);
  }
}
