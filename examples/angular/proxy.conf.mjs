// `npm start` forwards /api to the proxy (`npm run proxy` in the repository, or your own) on port
// 8788, or at PROXY_URL. `changeOrigin` stays off, so the proxy sees the page's own host and takes
// the page's origin as its own (on, it would refuse it: 403 origin-not-allowed).
export default { '/api': { target: process.env.PROXY_URL ?? 'http://127.0.0.1:8788', secure: false, changeOrigin: false } };
