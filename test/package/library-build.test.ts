/**
 * The library build (dist/, what the npm entries load; not the script-tag bundle
 * task-elements.bundle.js and its task-elements.chunks/) as an app's bundler sees it: every runtime
 * package is imported by its name, so the app installs it once and dedupes it with its own copy;
 * and no module is imported only for its side effects when package.json's "sideEffects" says it has
 * none (esbuild, which Angular and Vite use, warns "Ignoring this import because … was marked as
 * having no side effects" for each).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

assert.ok(existsSync('dist/index.js'), 'dist/ is missing: run `npm run build` first (npm test does)');

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>; peerDependencies: Record<string, string>; sideEffects: string[];
};

/** Every .js file of the library build, with `/` separators (the script-tag bundle left out). */
function libraryFiles(dir = 'dist'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = `${dir}/${name}`;
    if (path === 'dist/task-elements.bundle.js' || path === 'dist/task-elements.chunks') continue;
    if (statSync(path).isDirectory()) out.push(...libraryFiles(path));
    else if (name.endsWith('.js')) out.push(path);
  }
  return out.sort();
}

/** The specifiers a module imports: `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`. */
function specifiers(source: string): Array<{ specifier: string; bare: boolean }> {
  const out: Array<{ specifier: string; bare: boolean }> = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s[^'"`;]*?\bfrom\s*["']([^"']+)["']/gm)) out.push({ specifier: m[1]!, bare: false });
  for (const m of source.matchAll(/^\s*import\s*["']([^"']+)["']/gm)) out.push({ specifier: m[1]!, bare: true });
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push({ specifier: m[1]!, bare: false });
  return out;
}

/** `lit/decorators.js` → `lit`, `@lit/task` → `@lit/task`. */
const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

const files = libraryFiles();

test('the library build reads as ES modules: the scan found the entries and their imports', () => {
  for (const entry of ['dist/index.js', 'dist/define.js', 'dist/core/index.js', 'dist/react/index.js']) assert.ok(files.includes(entry), entry);
  assert.ok(files.reduce((n, file) => n + specifiers(readFileSync(file, 'utf8')).length, 0) > 200, 'imports were read');
});

test('the library build copies no package into dist/: each runtime dependency is imported by its name', () => {
  const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
  assert.equal(existsSync('dist/node_modules'), false, `dist/node_modules holds ${existsSync('dist/node_modules') ? readdirSync('dist/node_modules').join(', ') : ''}`);
  const copied = files.filter((file) => file.includes('/node_modules/'));
  assert.deepEqual(copied, [], 'packages copied into dist/');
  const used = new Set<string>();
  for (const file of files) {
    for (const { specifier } of specifiers(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        assert.doesNotMatch(specifier, /node_modules/, `${file} imports a copied package: ${specifier}`);
        continue;
      }
      if (specifier.startsWith('node:')) continue; // the Node proxy adapter
      const name = packageName(specifier);
      assert.ok(allowed.has(name), `${file} imports ${specifier}, and ${name} is not a dependency or peer dependency`);
      used.add(name);
    }
  }
  for (const name of ['lit', 'valibot', 'idb', 'jsonc-parser', 'oauth4webapi']) assert.ok(used.has(name), `${name} is imported by name`);
});

// Where they come from: a value re-exported (`export { x } from './y.js'`) that nothing imports
// through that module. The build drops the binding but keeps `import './y.js'` (one file per module
// keeps its imports in order), whatever "sideEffects" says. Import from the defining module instead.
test('no module of the library build is imported for its side effects alone unless package.json lists it in "sideEffects"', () => {
  const listed = new Set(pkg.sideEffects.map((path) => path.replace(/^\.\//, '')));
  const bare: string[] = [];
  for (const file of files) {
    for (const { specifier, bare: sideEffectOnly } of specifiers(readFileSync(file, 'utf8'))) {
      if (!sideEffectOnly) continue;
      const target = specifier.startsWith('.') ? relative('.', join(dirname(file), specifier)).replaceAll('\\', '/') : specifier;
      if (!listed.has(target)) bare.push(`${file}: import "${specifier}"`);
    }
  }
  assert.deepEqual(bare, []);
});
