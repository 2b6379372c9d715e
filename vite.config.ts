/**
 * Three builds (specs/toolchain.md §2):
 * - default: the npm library, one ES module per source module, runtime dependencies left as imports;
 * - `--mode bundle`: dist/task-elements.bundle.js, minified, with its lazily loaded chunks in
 *   dist/task-elements.chunks/ (no other dependency), which defines each element on first use when a
 *   page loads it with a plain `<script type="module">`;
 * - the dev server (`npm start` drives it through scripts/start.mjs) serving demo/.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig } from 'vite';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * What the library build leaves as imports: every package of package.json's dependencies and peer
 * dependencies, by name and any subpath (`lit/decorators.js`). The app installs each once and
 * dedupes it with its own copy; nothing is copied into dist/node_modules. The script-tag bundle
 * includes them all.
 */
const PACKAGE = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
const RUNTIME_PACKAGES = new Set([...Object.keys(PACKAGE.dependencies), ...Object.keys(PACKAGE.peerDependencies)]);
const isRuntimePackage = (id: string): boolean => {
  const name = id.split('/').slice(0, id.startsWith('@') ? 2 : 1).join('/');
  return RUNTIME_PACKAGES.has(name);
};

/** The path of a module inside the project (`src/core/…`, `node_modules/lit/…`), with `/`. */
const projectPath = (id: string): string => relative(ROOT, id).replaceAll('\\', '/');

/**
 * Modules of the bundle's connection chunk, imported when a run is first watched or a request is
 * made (lazy-session.ts, task-store.ts): the stream client, SSE decoding, the providers' request
 * builders and event mappers, the run session, its stream job and its lifecycle, the cross-tab sharing. A page that only shows stored runs,
 * or no run, does not download it.
 */
const CONNECTION_CHUNK = (id: string): boolean => {
  const path = projectPath(id);
  return /(^|\/)node_modules\/eventsource-parser\//.test(path) ||
    (/^src\/core\/(client|sse)\//.test(path) && !/http-failure/.test(path)) ||
    /^src\/core\/providers\/(parallel|shannon)\/(?!processors|batch-|group-|map-group|csv-rows)/.test(path) ||
    /^src\/core\/providers\/provider\.ts$/.test(path) ||
    /^src\/core\/store\/(run-session|run-lifecycle|run-lifecycle-types|run-stream|run-status|run-policy|backfill|providers|api-actions|restore-events)\.ts$/.test(path) ||
    /^src\/core\/tabs\//.test(path); // sharing one connection per run across tabs (issue 14 §1)
};

/** A language's catalog (src/components/shared/i18n/de.ts): a chunk of its own, loaded for pages in that language. */
const I18N_LANGUAGE = (path: string): boolean => /^src\/components\/shared\/i18n\/(?!catalog|locales)[a-z-]+\.ts$/.test(path);

/**
 * What the run view (loaded when a `<task-stream>` first shows a run) shares with the connection
 * chunk: the wording of HTTP failures and the usage totals. A chunk of their own, so that neither
 * lazily loaded chunk pulls in the other, and a page that shows no run downloads neither.
 */
const VIEW_SHARED_CHUNK = (id: string): boolean => /^src\/core\/(client\/http-failure|providers\/usage)\.ts$/.test(projectPath(id));

/**
 * Modules under src/core or src/components/shared that stay out of the shared chunk: they load
 * later, with what needs them (the view-shared chunk; links and the run's usage report, with the
 * run view; failed requests' words, with the run view or the form's request error; the list of
 * Parallel processors and two small readers, with the form and the connection code).
 */
const LOADED_LATER = (id: string): boolean =>
  VIEW_SHARED_CHUNK(id) || /^src\/(components\/shared\/(link|safe-url|error-text|error-strings)|core\/providers\/(usage-(ledger|report)|parallel\/processors)|core\/util\/(read|own-string))\.ts$/.test(projectPath(id));

/**
 * Modules of the bundle's shared chunk; element-specific and lazily loaded code stays out of it.
 * Our modules are matched on their path inside the project (`src/core/…`), never on the absolute
 * path: a checkout in a folder whose name contains "oauth" or "markdown" must build the same chunks.
 * Packages are matched by their `node_modules/<name>/` segment wherever that folder is (hoisted in a
 * monorepo, or a linked node_modules).
 */
const SHARED_CHUNK = (id: string): boolean => {
  const path = projectPath(id);
  if (LOADED_LATER(id)) return false;
  return /(^|\/)node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(path) ||
    /^src\/core\/auth\/oauth\/return-capture\.ts$/.test(path) || // wipes a sign-in's answer from the URL before the sign-in loads
    (/^src\/(core|components\/shared)\//.test(path) && !/oauth|validation|markdown|json-tree|idb-|group-|batch-|csv-rows/.test(path) &&
      !I18N_LANGUAGE(path) && !CONNECTION_CHUNK(id));
};

/** The oldest engines the elements support (README, "Browser support"), for lightningcss: version << 16 | minor << 8. */
const CSS_TARGETS = { chrome: 98 << 16, firefox: 94 << 16, safari: (16 << 16) | (4 << 8) };

export default defineConfig(({ mode }) => {
  const server = { host: '127.0.0.1', port: 5173, strictPort: true };
  if (mode === 'bundle') {
    return {
      // The elements' css`…` styles minified by lightningcss (comments and spaces go: −1.0 kB gzip on a
      // page with all three elements, −1.8 kB over everything), for the engines the README supports.
      // html`…` templates are left as written: whitespace there can be text.
      plugins: [minifyHtmlLiterals({ options: { shouldMinify: () => false, minifyOptions: { minifyCSS: { targets: CSS_TARGETS } } } })],
      build: {
        target: 'es2022',
        outDir: 'dist',
        emptyOutDir: false, // the library build ran first and owns dist/
        sourcemap: true,
        minify: true,
        lib: { entry: 'src/bundle.ts', formats: ['es'], fileName: () => 'task-elements.bundle.js' },
        // dist/.vite/bundle-manifest.json: the chunk graph, from which .size-limit.js derives what each
        // kind of page downloads.
        manifest: 'bundle-manifest.json',
        // Library mode keeps whitespace in ES output by default; this file is for <script> tags only.
        // The bundle is a small loader: each element, the markdown renderer and the OAuth flow are
        // chunks in task-elements.chunks/ beside it, imported by relative URL when first needed.
        rolldownOptions: {
          output: {
            minify: true,
            chunkFileNames: 'task-elements.chunks/[name]-[hash].js',
            // What every element needs (Lit, the store, the stream client, the providers, the shared
            // base class) is one chunk, not many small ones: one request, and it compresses better.
            // `shared` first: what shared modules import stays in it, not in the connection chunk.
            codeSplitting: { groups: [{ name: 'shared', test: SHARED_CHUNK, priority: 3 }, { name: 'view-shared', test: VIEW_SHARED_CHUNK, priority: 2 }, { name: 'connection', test: CONNECTION_CHUNK, priority: 1 }] },
          },
        },
      },
    };
  }
  return {
    server,
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      lib: {
        entry: { index: 'src/index.ts', define: 'src/define.ts', 'core/index': 'src/core/index.ts', 'react/index': 'src/react/index.ts',
          'frameworks/jsx': 'src/frameworks/jsx.ts', 'frameworks/vue': 'src/frameworks/vue.ts' },
        formats: ['es'],
      },
      rolldownOptions: {
        external: isRuntimePackage,
        // One file per source module (dist/components/task-form/task-form.js …): importing one event
        // class pulls in that module alone, and custom-elements.json can point at real files.
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
});
