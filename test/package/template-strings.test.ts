/**
 * A static check beside the pseudo-language tests (test/components/*-l10n.test.ts): no template of an
 * element holds literal words, as text between tags or in an attribute people read (aria-label,
 * title, placeholder, alt). Words come from the catalog (`t('…')`); what is listed here are example
 * values, not words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Literal values that are examples of input, not language. */
const EXAMPLES = new Set(['https://example.com/hooks/parallel', 'US', 'example.org', '{"project": "q3-review"}',
  '[{"type":"url","name":"docs","url":"https://mcp.example.com"}]', '{"force_research": true}']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.ts$/.test(name) && !/strings\.ts$|\.styles\.ts$/.test(name) ? [path] : [];
  });
}

/** The html`…` templates of a source file (top level and nested), with `${…}` parts blanked. */
function templates(source: string): string[] {
  const found: string[] = [];
  for (let at = source.indexOf('html`'); at >= 0; at = source.indexOf('html`', at + 5)) {
    let depth = 0;
    let text = '';
    for (let i = at + 5; i < source.length; i++) {
      const c = source[i];
      if (depth === 0 && c === '`') break;
      if (c === '$' && source[i + 1] === '{') {
        depth++;
        i++;
        continue;
      }
      if (depth > 0) {
        if (c === '{') depth++;
        else if (c === '}') depth--;
        if (c === '`') {
          // A nested template inside `${…}`: skip it (it is scanned on its own).
          const end = source.indexOf('`', i + 1);
          i = end < 0 ? source.length : end;
        }
        continue;
      }
      text += c;
    }
    found.push(text);
  }
  return found;
}

test('element templates hold no literal words: text and spoken attributes come from the catalog', () => {
  const problems: string[] = [];
  for (const file of files('src/components')) {
    for (const template of templates(readFileSync(file, 'utf8'))) {
      for (const [, text] of template.matchAll(/>([^<>]*)</g)) {
        if (/[A-Za-z]{2,}/.test(text!) && !EXAMPLES.has(text!.trim())) problems.push(`${file}: text "${text!.trim()}"`);
      }
      for (const [, name, value] of template.matchAll(/\b(aria-label|aria-description|title|placeholder|alt)=["']([^"']*)["']/g)) {
        if (/[A-Za-z]{2,}/.test(value!) && !EXAMPLES.has(value!)) problems.push(`${file}: ${name}="${value}"`);
      }
    }
  }
  assert.deepEqual(problems, [], 'Words in templates go through the catalog: add a key to the element\'s strings.ts (and German to components/shared/i18n/de.ts), then use t(\'key\').');
});

test('the check finds a literal word in a template', () => {
  const [template] = templates('const x = html`<p title="Hello">${a}</p><button>Run task</button>`;');
  assert.match(template!, /<button>Run task<\/button>/);
  assert.match(template!, /title="Hello"/);
});
