import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SCENARIO_CATALOG, SCENARIOS, parseScenario } from '../../../server/mock/scenarios.js';

describe('Mock scenario catalogue (the demo menu)', () => {
  it('lists every scenario once, each with a one-line, plain description and the provider it changes', () => {
    assert.equal(new Set(SCENARIOS).size, SCENARIOS.length);
    for (const s of SCENARIO_CATALOG) {
      assert.match(s.description, /^[A-Z0-9].{20,110}\.$/, s.name);
      assert.doesNotMatch(s.description, /\n/);
      assert.ok(['both', 'parallel', 'shannon'].includes(s.provider));
      assert.equal(parseScenario(s.name), s.name, 'the mock plays it');
    }
    for (const name of ['create-rate-limited', 'unauthorized', 'retry-zero', 'reconnect-204', 'parallel-action-required', 'shannon-done-before-status']) {
      assert.ok(SCENARIOS.includes(name as never), name);
    }
    assert.equal(parseScenario('no-such-scenario'), 'happy');
  });

  it('is what the demo menu is built from', () => {
    const menu = readFileSync(new URL('../../../demo/scenario-menu.ts', import.meta.url), 'utf8');
    const page = readFileSync(new URL('../../../demo/demo.ts', import.meta.url), 'utf8');
    assert.match(menu, /from '\.\.\/server\/mock\/scenario-catalog\.ts'/);
    assert.match(page, /fillScenarioMenu\(/);
  });
});
