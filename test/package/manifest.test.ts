/**
 * custom-elements.json (built by `npm run build`) is complete and points at what is shipped: every
 * event an element dispatches (with its class), every `part=` in its templates, every `--task-*`
 * custom property its styles read, every custom state it can set (`:state(…)`); module paths into
 * dist/; no private or internal members.
 * (That the committed file is what the build generates is checked by the build step of `npm test`.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Named { name: string; description?: string; type?: { text: string }; privacy?: string }
interface Declaration extends Named {
  tagName?: string; members?: Named[]; events?: Named[]; cssParts?: Named[]; cssProperties?: Named[]; cssStates?: Named[];
}
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as { modules: Array<{ path: string; declarations?: Declaration[] }> };
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);

const ELEMENT_DIRS: Record<string, string> = { 'task-form': 'task-form', 'task-stream': 'task-stream', 'task-history': 'task-history' };
const read = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
const SHARED = 'src/components/shared';
/** Event class name → event name, from events.ts. */
const EVENT_NAMES = new Map([...readFileSync(`${SHARED}/events.ts`, 'utf8').matchAll(/class (\w+) extends Event \{\s*static readonly eventName = '([a-z-]+)'/g)].map((m) => [m[1]!, m[2]!]));

/** Part names a template writes: `part="a b"`, or `part=${`a a-${x}`}` (→ `a`, `a-<…>`). */
function partsIn(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/part="([^"]+)"/g)) m[1]!.split(/\s+/).forEach((n) => names.add(n));
  for (const m of source.matchAll(/part=\$\{`([^`]+)`\}/g)) {
    for (const token of m[1]!.split(/\s+/)) names.add(token.includes('${') ? `${token.slice(0, token.indexOf('${'))}<` : token);
  }
  return names;
}

/** The quoted members of `export type <name> = 'a' | 'b' …;` in `file`. */
function unionMembers(file: string, name: string): string[] {
  const declaration = new RegExp(`export type ${name} =([^;]+);`).exec(readFileSync(file, 'utf8'));
  assert.ok(declaration, `${file} declares ${name}`);
  return [...declaration[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

/**
 * The custom states an element can set: what the callback of its `new CustomStatesController(this, …)`
 * returns — quoted names, a run's status (every `TaskStatus`), `connection-${…}` (every
 * `ConnectionState`).
 */
function statesSetIn(source: string, tag: string): Set<string> {
  const start = source.indexOf('new CustomStatesController(');
  assert.ok(start >= 0, `<${tag}> sets its states through a CustomStatesController`);
  let depth = 0;
  let end = start + 'new CustomStatesController'.length;
  do {
    if (source[end] === '(') depth++;
    if (source[end] === ')') depth--;
    end++;
  } while (depth > 0 && end < source.length);
  const compute = source.slice(start, end);
  const states = new Set([...compute.replace(/`[^`]*`/g, '').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!));
  if (/\.status\b/.test(compute)) unionMembers('src/core/providers/task-event.ts', 'TaskStatus').forEach((s) => states.add(s));
  for (const m of compute.matchAll(/`([a-z-]+)\$\{[^`]*\}`/g)) {
    assert.equal(m[1], 'connection-', `<${tag}>: a state \`${m[1]}…\` this test does not know how to list`);
    unionMembers('src/core/client/stream-types.ts', 'ConnectionState').forEach((s) => states.add(`connection-${s}`));
  }
  return states;
}

test('the manifest describes the three elements', () => {
  assert.deepEqual(elements.map((e) => e.tagName).sort(), ['task-form', 'task-history', 'task-stream']);
  assert.ok(EVENT_NAMES.size >= 9, 'events.ts declares the event classes');
});

for (const element of elements) {
  const tag = element.tagName!;
  const own = read(`src/components/${ELEMENT_DIRS[tag]}`);

  test(`<${tag}>: every event it dispatches is in the manifest with its event class`, () => {
    const dispatched = new Set([...own.matchAll(/new (Task\w+Event)\(/g)].map((m) => m[1]!));
    dispatched.add('TaskErrorEvent'); // reportError() in the shared base class
    for (const cls of dispatched) {
      const name = EVENT_NAMES.get(cls);
      assert.ok(name, `${cls} is declared in events.ts`);
      const event = element.events?.find((e) => e.name === name);
      assert.ok(event, `${name} is listed`);
      assert.equal(event.type?.text, cls, `${name} names its class`);
    }
  });

  test(`<${tag}>: every part= in its templates is documented`, () => {
    const documented = (element.cssParts ?? []).map((p) => p.name);
    for (const part of partsIn(own)) {
      const ok = part.endsWith('<') ? documented.some((d) => d.startsWith(part)) : documented.includes(part);
      assert.ok(ok, `part "${part.endsWith('<') ? `${part}…>` : part}" is in the manifest (${documented.join(', ')})`);
    }
  });

  test(`<${tag}>: every --task-* custom property its styles read is documented`, () => {
    const used = new Set([...(own + read(SHARED)).matchAll(/var\((--task-[a-z-]+)/g)].map((m) => m[1]!));
    const ownStyles = new Set([...own.matchAll(/var\((--task-[a-z-]+)/g)].map((m) => m[1]!));
    const theme = new Set([...readFileSync(`${SHARED}/theme.ts`, 'utf8').matchAll(/var\((--task-[a-z-]+)/g)].map((m) => m[1]!));
    const documented = new Set((element.cssProperties ?? []).map((p) => p.name));
    for (const prop of used) if (ownStyles.has(prop) || theme.has(prop)) assert.ok(documented.has(prop), `${prop} is in the manifest`);
  });

  test(`<${tag}>: every custom state it can set is a cssState in the manifest (editors suggest :state(…) from it)`, () => {
    const documented = new Set((element.cssStates ?? []).map((s) => s.name));
    const set = statesSetIn(readFileSync(`src/components/${ELEMENT_DIRS[tag]}/${tag}.ts`, 'utf8'), tag);
    assert.ok(set.size > 0, 'states were read');
    const missing = [...set].filter((state) => !documented.has(state));
    assert.deepEqual(missing, [], `states missing from the manifest: ${missing.join(', ')}`);
    const extra = [...documented].filter((state) => !set.has(state));
    assert.deepEqual(extra, [], `the manifest lists states the element never sets: ${extra.join(', ')}`);
  });

  test(`<${tag}>: only public members, no internals, and expanded unions for the shared attributes`, () => {
    for (const member of element.members ?? []) {
      assert.ok(!member.privacy || member.privacy === 'public', `${member.name} is public`);
      assert.ok(!['endpoint', 'onStoreChange'].includes(member.name), `${member.name} is internal`);
    }
    const provider = element.members?.find((m) => m.name === 'provider') as (Named & { expandedType?: { text: string } }) | undefined;
    assert.equal(provider?.expandedType?.text, "'parallel' | 'shannon'");
  });
}

test('module paths point at files in dist/ (npm run build)', () => {
  for (const mod of manifest.modules) {
    assert.match(mod.path, /^dist\/.+\.js$/);
    assert.ok(existsSync(mod.path), `${mod.path} exists`);
  }
});

test('editor data is generated: VS Code custom data and JetBrains web-types (package.json "web-types")', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { 'web-types'?: string };
  assert.equal(pkg['web-types'], './dist/web-types.json');
  const webTypes = JSON.parse(readFileSync('dist/web-types.json', 'utf8')) as { contributions: { html: { elements: Array<{ name: string }> } } };
  assert.deepEqual(webTypes.contributions.html.elements.map((e) => e.name).sort(), ['task-form', 'task-history', 'task-stream']);
  const html = JSON.parse(readFileSync('dist/vscode.html-custom-data.json', 'utf8')) as { tags: Array<{ name: string; attributes: Array<{ name: string; values?: Array<{ name: string }> }> }> };
  const form = html.tags.find((t) => t.name === 'task-form');
  assert.deepEqual(form?.attributes.find((a) => a.name === 'provider')?.values?.map((v) => v.name), ['parallel', 'shannon']);
  const css = JSON.parse(readFileSync('dist/vscode.css-custom-data.json', 'utf8')) as { properties: Array<{ name: string }> };
  assert.ok(css.properties.some((p) => p.name === '--task-accent'));
});
