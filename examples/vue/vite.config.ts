import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    // The task-* tags are custom elements, not Vue components.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('task-') } } }),
  ],
  // `task-elements` is installed from the repository by path (a symlink): one copy of Lit.
  resolve: { dedupe: ['vue', 'lit'] },
  // `npm run dev` expects the proxy (`npm run proxy` in the repository, or your own) on port 8788.
  server: { proxy: { '/api': 'http://127.0.0.1:8788' } },
  build: { target: 'es2022' },
});
