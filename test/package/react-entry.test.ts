/**
 * task-elements/react on a server: the entry imports without a DOM, and server-rendered HTML carries
 * no property value (above all, never the API key). Runs against the built package (`npm run build`),
 * imported by its own name, the way an app imports it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

assert.ok(existsSync('dist/react/index.js'), 'dist/ is missing: run `npm run build` first (npm test does)');

test('task-elements/react imports on a server (no DOM) and exports the three components', async () => {
  const entry = await import('task-elements/react');
  assert.equal(typeof globalThis.document, 'undefined');
  for (const name of ['TaskForm', 'TaskStream', 'TaskHistory'] as const) {
    assert.equal(typeof entry[name], 'object', `${name} is a React component`);
    assert.equal((entry[name] as { displayName?: string }).displayName, name);
  }
});

test('server-rendered wrappers write the tags but never the key or other properties into the HTML', async () => {
  const { TaskForm, TaskStream, TaskHistory } = await import('task-elements/react');
  const html = renderToString(createElement('main', null,
    createElement(TaskForm, { apiKey: 'secret-key-123', provider: 'shannon', authMode: 'api-key', onTaskCreated: () => {} }),
    createElement(TaskStream, { runId: 'trun_1', apiKey: 'secret-key-123', onTaskComplete: () => {} }),
    createElement(TaskHistory, { store: 'other', className: 'runs' })));
  assert.match(html, /<task-form[\s>]/);
  assert.match(html, /<task-stream[\s>]/);
  assert.match(html, /<task-history class="runs"[\s>]/);
  assert.doesNotMatch(html, /secret-key-123/);
  assert.doesNotMatch(html, /apikey|api-key/i);
});

test('every entry point but the browser bundle imports on a server', async () => {
  for (const entry of ['task-elements', 'task-elements/define', 'task-elements/core', 'task-elements/react']) {
    await assert.doesNotReject(import(entry), entry);
  }
});
