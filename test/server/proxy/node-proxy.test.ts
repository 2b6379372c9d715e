/**
 * The proxy contract on Node, twice: as `startProxyServer` runs it (node:http upstream requests
 * without timeouts, see node-fetch.ts), and with Node's global fetch, which is what a caller gets
 * when it builds the handler itself (e.g. to mount it in Vite with toNodeMiddleware).
 */
import { startProxyServer } from '../../../server/proxy/node-server.js';
import { proxyOptionsFromEnv } from '../../../server/proxy/proxy-handler.js';
import { describeProxyContract } from './proxy-contract.js';

describeProxyContract('Node', (env) => startProxyServer({ port: 0, options: proxyOptionsFromEnv(env) }));

describeProxyContract('Node with the global fetch', (env) => startProxyServer({ port: 0, options: { ...proxyOptionsFromEnv(env), fetch: globalThis.fetch } }));
