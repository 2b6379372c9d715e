import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `task-elements` is installed from the repository by path (a symlink): without `dedupe`, its
// `import 'react'` would resolve next to the repository and load a second React.
export default defineConfig({
  plugins: [react()],
  resolve: { dedupe: ['react', 'react-dom', 'lit', '@lit/react'] },
  // `npm run dev` forwards /api to the proxy (`npm run proxy` in the repository, or your own) on
  // port 8788, or at PROXY_URL. The object form keeps `changeOrigin` off, so the proxy sees the page's
  // own host and takes the page's origin as its own; the short form `'/api': url` turns it on, and the
  // proxy then refuses the page's origin (403 origin-not-allowed) unless listed in ALLOWED_ORIGINS.
  server: { proxy: { '/api': { target: process.env.PROXY_URL ?? 'http://127.0.0.1:8788', changeOrigin: false } } },
  build: { target: 'es2022' },
});
