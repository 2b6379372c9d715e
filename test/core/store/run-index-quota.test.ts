/**
 * The run index against each engine's real localStorage when it is full: every engine refuses the
 * write with its own error, and the index must recognise it as "full" (isQuotaError) to say so.
 * The error each engine throws is stated per engine.
 */
import { expect } from '@open-wc/testing';
import { browserLocalStorage } from '../../../src/core/store/memory-storage.js';
import { createRunIndex, isQuotaError } from '../../../src/core/store/run-index.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { engine, perEngine } from '../../support/engine.js';

const FILLER = 'quota-test-filler-';

/** Fills localStorage with 512 KiB strings until the engine refuses one; returns that refusal. */
function fillLocalStorage(): unknown {
  const chunk = 'x'.repeat(512 * 1024);
  for (let i = 0; i < 200; i++) {
    try {
      localStorage.setItem(`${FILLER}${i}`, chunk);
    } catch (error) {
      return error;
    }
  }
  throw new Error('localStorage took 100 MiB without refusing anything');
}

const INDEX_NAME = 'quota-test';

function removeFiller(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(FILLER)) localStorage.removeItem(key);
}

describe('run index: a full localStorage in this engine', () => {
  afterEach(() => {
    removeFiller();
    localStorage.removeItem(`task-elements:${INDEX_NAME}`);
  });

  it(`refuses a write with a DOMException the index recognises as "full" (QuotaExceededError, code 22 in Chromium, Firefox and WebKit): ${engine}`, () => {
    const refusal = fillLocalStorage() as DOMException;
    expect(refusal).to.be.instanceOf(DOMException);
    expect({ name: refusal.name, code: refusal.code }).to.deep.equal(perEngine({
      chromium: { name: 'QuotaExceededError', code: 22 },
      firefox: { name: 'QuotaExceededError', code: 22 },
      webkit: { name: 'QuotaExceededError', code: 22 },
    }));
    expect(isQuotaError(refusal)).to.equal(true);
  });

  it(`writing the history into it returns false and warns that storage is full, without throwing: ${engine}`, () => {
    fillLocalStorage();
    const warnings: string[] = [];
    const index = createRunIndex(browserLocalStorage()!, INDEX_NAME, (m) => warnings.push(m));
    const runs: TaskRun[] = Array.from({ length: 50 }, (_, i) => ({ id: `run-${i}`, provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', title: 'y'.repeat(20_000) }) as TaskRun);
    expect(index.write(runs, undefined)).to.equal(false);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('storage is full');
    removeFiller();
    expect(index.write(runs, undefined), 'saved once there is room').to.equal(true);
  });
});
