import { expect } from '@open-wc/testing';
import { loadValidationWords } from '../../../src/core/validation/words.js';
import { checkOutputSchema } from '../../../src/core/validation/output-schema.js';

const obj = (properties: object, extra: object = {}) => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false, ...extra });

describe('output schema rules (Parallel)', () => {
  // The checks' words are loaded when a form first shows some (words.ts); these tests read them.
  before(() => loadValidationWords());

  it('accepts a well-formed schema without warnings', () => {
    expect(checkOutputSchema(obj({ name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }))).to.deep.equal({ errors: [], warnings: [] });
  });

  it('requires an object root with properties and no root anyOf', () => {
    expect(checkOutputSchema({ type: 'array' }).errors.join(' ')).to.contain('"type": "object"').and.contain('"properties"');
    expect(checkOutputSchema({ ...obj({ a: { type: 'string' } }), anyOf: [] }).errors.join(' ')).to.contain('anyOf');
    expect(checkOutputSchema('text').errors).to.deep.equal(['The schema must be a JSON object.']);
  });

  it('limits nesting to 5 levels, 100 properties and 500 enum values', () => {
    let nested: object = { type: 'string' };
    for (let i = 0; i < 6; i++) nested = obj({ [`l${i}`]: nested });
    expect(checkOutputSchema(nested).errors.join(' ')).to.contain('6 levels deep');
    const wide = obj(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, { type: 'string' }])));
    expect(checkOutputSchema(wide).errors.join(' ')).to.contain('101 properties');
    const enums = obj({ e: { type: 'string', enum: Array.from({ length: 501 }, (_, i) => `v${i}`) } });
    expect(checkOutputSchema(enums).errors.join(' ')).to.contain('501 enum values');
  });

  it('names every unsupported keyword with its place', () => {
    const report = checkOutputSchema(obj({ email: { type: 'string', format: 'email' }, n: { type: 'integer', minimum: 1 }, list: { type: 'array', items: { type: 'string' }, uniqueItems: true } }));
    expect(report.errors[0]).to.contain('format (at email)').and.contain('minimum (at n)').and.contain('uniqueItems (at list)');
  });

  it('warns about missing required fields, open objects and names that clash with basis', () => {
    const report = checkOutputSchema({ type: 'object', properties: { citations: { type: 'string' }, x: { type: 'string' } } });
    expect(report.errors).to.deep.equal([]);
    const text = report.warnings.join(' ');
    expect(text).to.contain('"required"').and.contain('additionalProperties').and.contain('"citations"');
  });
});
