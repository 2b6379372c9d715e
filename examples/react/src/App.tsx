// The three elements through task-elements/react: properties (never attributes) and typed onTask*
// event props. The API key lives in React state and reaches the elements as the `apiKey` property.
import { useState } from 'react';
import { TaskForm, TaskHistory, TaskStream } from 'task-elements/react';
import type { TaskStatus } from 'task-elements/react';

interface RunState {
  runId: string;
  status: TaskStatus;
  events: number;
  connection: string;
}

export function App() {
  const [apiKey, setApiKey] = useState('');
  const [run, setRun] = useState<RunState | undefined>();
  const [errors, setErrors] = useState<string[]>([]);
  const update = (patch: Partial<RunState>) => setRun((r) => (r ? { ...r, ...patch } : r));

  return (
    <main>
      <h1>Research tasks</h1>
      <label className="key">
        API key <input type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
      </label>
      <TaskForm
        authMode="api-key"
        apiKey={apiKey}
        onTaskCreated={(e) => setRun({ runId: e.runId, status: e.run.status, events: 0, connection: 'connecting' })}
        onTaskError={(e) => setErrors((list) => [...list, e.message])}
      />
      <output className="app-state" data-testid="app-state">
        {run ? (
          <>Run <code>{run.runId}</code>: <b data-testid="status">{run.status}</b>, <span data-testid="events">{run.events}</span> events, connection {run.connection}</>
        ) : 'No run yet'}
      </output>
      {errors.length > 0 && <ul className="errors">{errors.map((m, i) => <li key={i}>{m}</li>)}</ul>}
      <TaskStream
        authMode="api-key"
        apiKey={apiKey}
        onTaskState={(e) => update({ status: e.status })}
        onTaskProgress={(e) => setRun((r) => (r ? { ...r, events: r.events + e.events.length } : r))}
        onTaskConnection={(e) => update({ connection: e.state })}
        onTaskComplete={(e) => update({ status: e.status })}
      />
      <TaskHistory authMode="api-key" apiKey={apiKey} onTaskSelect={(e) => setRun({ runId: e.runId, status: 'unknown', events: 0, connection: 'connecting' })} />
    </main>
  );
}
