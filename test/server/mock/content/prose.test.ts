import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topicOf } from '../../../../server/mock/content/prose.js';

describe('the mock\'s topic phrase (titles and prose of the demo)', () => {
  it('drops the question words and whole filler words only, never the start of a word', () => {
    // A new user's question: "annual" lost its "a" to the filler word "a" ("Nnual revenue of Acme GmbH in").
    assert.equal(topicOf('What is the annual revenue of Acme GmbH in Germany?'), 'annual revenue of Acme GmbH in Germany');
    assert.equal(topicOf('Who are analysts covering Acme?'), 'analysts covering Acme');
    assert.equal(topicOf('Tell me about onshore wind in Europe'), 'onshore wind in Europe');
    assert.equal(topicOf('Research the EU AI Act'), 'EU AI Act');
    assert.equal(topicOf('What is a heat pump?'), 'heat pump');
  });

  it('takes a JSON input\'s first values, and says so when nothing is left', () => {
    assert.equal(topicOf({ company: 'Acme', country: 'DE' }), 'Acme DE');
    assert.equal(topicOf('What is?'), 'the requested topic');
  });
});
