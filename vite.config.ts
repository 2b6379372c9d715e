/**
 * Three builds (specs/toolchain.md §2):
 * - default: the npm library, one ES module per source module, runtime dependencies left as imports;
 * - `--mode bundle`: dist/task-elements.bundle.js, self-contained and minified, which registers the
 *   elements when a page loads it with a plain `<script type="module">`;
 * - the dev server (`npm start` drives it through scripts/start.mjs) serving demo/.
 */
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  const server = { host: '127.0.0.1', port: 5173, strictPort: true };
  if (mode === 'bundle') {
    return {
      build: {
        target: 'es2022',
        outDir: 'dist',
        emptyOutDir: false, // the library build ran first and owns dist/
        sourcemap: true,
        minify: true,
        lib: { entry: 'src/bundle.ts', formats: ['es'], fileName: () => 'task-elements.bundle.js' },
        // Library mode keeps whitespace in ES output by default; this file is for <script> tags only.
        // One self-contained file: lazily imported modules (the OAuth flow) are inlined, not split into chunks.
        rolldownOptions: { output: { minify: true, codeSplitting: false } },
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
        external: [/^lit(\/|$)/, /^@lit\//, /^marked(\/|$)/, /^eventsource-parser(\/|$)/, /^react(\/|$)/],
        // One file per source module (dist/components/task-form/task-form.js …): importing one event
        // class pulls in that module alone, and custom-elements.json can point at real files.
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
});
