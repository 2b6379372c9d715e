import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `task-elements` is installed from the repository by path (a symlink): without `dedupe`, its
// `import 'react'` would resolve next to the repository and load a second React.
export default defineConfig({
  plugins: [react()],
  resolve: { dedupe: ['react', 'react-dom', 'lit', '@lit/react'] },
  // `npm run dev` expects the proxy (`npm run proxy` in the repository, or your own) on port 8788.
  server: { proxy: { '/api': 'http://127.0.0.1:8788' } },
  build: { target: 'es2022' },
});
