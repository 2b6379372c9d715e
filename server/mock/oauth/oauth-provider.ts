/**
 * A mock of Parallel's OAuth provider (parallel-task-api.md §12) that behaves like a strict one:
 *
 * - `GET /.well-known/oauth-authorization-server` — RFC 8414 metadata (S256 only, public clients,
 *   RFC 9207 `iss` in every redirect);
 * - `POST /getKeys/register` — RFC 7591 registration of public clients;
 * - `GET /getKeys/authorize` — checks client and redirect URI first (a bad one gets an error page,
 *   never a redirect), then the request (code + S256 challenge + `key:read`), then shows Allow / Deny;
 *   `POST /getKeys/authorize` — the decision, redirecting with `code` or `error=access_denied`;
 * - `POST /getKeys/token` — one exchange per code (any second attempt is `invalid_grant`), codes
 *   expire after 10 minutes, and client, redirect URI and verifier must match exactly (RFC 7636 §4.6).
 *
 * The issued `access_token` stands for the user's Parallel API key, as the real one does.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, parseJson, readBody, sendJson, isRecord } from '../http-util.js';
import { sendAuthorizeErrorPage, sendConsentPage } from './consent-page.js';
import { redirectMismatch, redirectUriProblem, S256_CHALLENGE_PATTERN, verifierMatches, type KnownClient } from './oauth-checks.js';
import { CORS, NO_STORE, OAuthHttpError, readForm, sendOAuthError, sendPreflight } from './oauth-http.js';

/** How long an authorization code (and a consent page) stays usable (RFC 6749 §4.1.2: at most 10 minutes). */
export const CODE_LIFETIME_MS = 10 * 60_000;
export const SCOPE = 'key:read';

export interface MockOAuthOptions {
  /** Prefix the mock app strips (the issuer includes it). */
  basePath: string;
  /** Clock in epoch ms; tests may move it. @default Date.now */
  now?: () => number;
}

interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  challenge: string;
  state: string | undefined;
  expiresAt: number;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  expiresAt: number;
  used: boolean;
}

const random = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Routes and state of the mock OAuth provider. */
export class MockOAuthProvider {
  readonly #basePath: string;
  readonly #now: () => number;
  readonly #clients = new Map<string, KnownClient>();
  readonly #transactions = new Map<string, AuthorizationRequest>();
  readonly #codes = new Map<string, IssuedCode>();
  /** Keys handed out, so tests can tell a key from the provider from any other string. */
  readonly issuedKeys = new Set<string>();

  constructor(options: MockOAuthOptions) {
    this.#basePath = options.basePath;
    this.#now = options.now ?? Date.now;
  }

  matches(path: string): boolean {
    return path === '/.well-known/oauth-authorization-server' || path.startsWith('/getKeys/');
  }

  /** Handles one of {@link matches}'s paths; never throws. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    try {
      await this.#route(req, res, path, url);
    } catch (error) {
      const failure = error instanceof OAuthHttpError ? error
        : error instanceof BodyTooLargeError ? new OAuthHttpError(413, 'invalid_request', 'Request body too large')
        : new OAuthHttpError(500, 'server_error', 'Internal server error');
      sendOAuthError(res, failure);
    }
  }

  #issuer(req: IncomingMessage): string {
    return `http://${req.headers.host ?? '127.0.0.1'}${this.#basePath}`;
  }

  async #route(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const route = `${method} ${path}`;
    if (method === 'OPTIONS' && (path === '/getKeys/register' || path === '/getKeys/token')) return sendPreflight(res);
    switch (route) {
      case 'GET /.well-known/oauth-authorization-server': return this.#metadata(req, res);
      case 'POST /getKeys/register': return this.#register(req, res);
      case 'GET /getKeys/authorize': return this.#authorize(req, res, url);
      case 'POST /getKeys/authorize': return this.#decide(req, res);
      case 'POST /getKeys/token': return this.#token(req, res);
      default: throw new OAuthHttpError(path.startsWith('/getKeys/') && this.#knownPath(path) ? 405 : 404, 'invalid_request', `No route for ${route}`);
    }
  }

  #knownPath(path: string): boolean {
    return ['/getKeys/register', '/getKeys/authorize', '/getKeys/token'].includes(path);
  }

  #metadata(req: IncomingMessage, res: ServerResponse): void {
    const issuer = this.#issuer(req);
    sendJson(res, 200, {
      issuer,
      authorization_endpoint: `${issuer}/getKeys/authorize`,
      token_endpoint: `${issuer}/getKeys/token`,
      registration_endpoint: `${issuer}/getKeys/register`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      token_endpoint_auth_methods_supported: ['none'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: [SCOPE],
      authorization_response_iss_parameter_supported: true,
    }, CORS);
  }

  async #register(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = parseJson(await readBody(req, 64 * 1024));
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw error;
      throw new OAuthHttpError(400, 'invalid_client_metadata', 'The body must be a JSON object of client metadata');
    }
    if (!isRecord(body)) throw new OAuthHttpError(400, 'invalid_client_metadata', 'The body must be a JSON object of client metadata');
    const uris = body.redirect_uris;
    if (!Array.isArray(uris) || uris.length === 0) throw new OAuthHttpError(400, 'invalid_redirect_uri', 'redirect_uris must list at least one URI');
    for (const uri of uris) {
      const problem = redirectUriProblem(uri);
      if (problem) throw new OAuthHttpError(400, 'invalid_redirect_uri', problem);
    }
    const auth = body.token_endpoint_auth_method ?? 'none';
    if (auth !== 'none') throw new OAuthHttpError(400, 'invalid_client_metadata', 'Only public clients (token_endpoint_auth_method "none") can register');
    const client: KnownClient = { clientId: `client_${random(16)}`, redirectUris: uris as string[] };
    this.#clients.set(client.clientId, client);
    sendJson(res, 201, {
      client_id: client.clientId,
      client_id_issued_at: Math.floor(this.#now() / 1000),
      redirect_uris: client.redirectUris,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }, { ...CORS, ...NO_STORE });
  }

  #authorize(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const params = url.searchParams;
    for (const name of new Set(params.keys())) {
      if (params.getAll(name).length > 1) return sendAuthorizeErrorPage(res, 400, `The parameter ${name} was sent more than once.`);
    }
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!clientId) return sendAuthorizeErrorPage(res, 400, 'The request has no client_id.');
    const registered = this.#clients.get(clientId);
    if (!registered && clientId.startsWith('client_')) return sendAuthorizeErrorPage(res, 400, `Unknown client_id ${clientId}.`);
    const mismatch = redirectMismatch(clientId, redirectUri, registered);
    if (mismatch) return sendAuthorizeErrorPage(res, 400, `The redirect URI is not allowed: ${mismatch}.`);

    const state = params.get('state') ?? undefined;
    const fail = (error: string, description: string) => this.#redirect(req, res, redirectUri, { error, error_description: description, state });
    if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported');
    const challenge = params.get('code_challenge');
    if (!challenge) return fail('invalid_request', 'code_challenge is required (PKCE)');
    if (params.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
    if (!S256_CHALLENGE_PATTERN.test(challenge)) return fail('invalid_request', 'code_challenge is not a base64url SHA-256 value');
    const scope = params.get('scope');
    if (scope !== null && scope !== SCOPE) return fail('invalid_scope', `Only the scope ${SCOPE} is supported`);

    const transaction = random();
    this.#transactions.set(transaction, { clientId, redirectUri, challenge, state, expiresAt: this.#now() + CODE_LIFETIME_MS });
    sendConsentPage(res, { transaction, clientId, redirectHost: new URL(redirectUri).host, action: `${this.#basePath}/getKeys/authorize` });
  }

  async #decide(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let form: Map<string, string>;
    try {
      form = await readForm(req);
    } catch (error) {
      if (error instanceof OAuthHttpError) return sendAuthorizeErrorPage(res, 400, error.description);
      throw error;
    }
    const id = form.get('transaction') ?? '';
    const request = this.#transactions.get(id);
    this.#transactions.delete(id);
    if (!request || request.expiresAt < this.#now()) return sendAuthorizeErrorPage(res, 400, 'This consent page has expired or was already answered. Go back to the app and sign in again.');
    const { redirectUri, state } = request;
    if (form.get('decision') !== 'allow') {
      return this.#redirect(req, res, redirectUri, { error: 'access_denied', error_description: 'The user denied access', state });
    }
    const code = random();
    this.#codes.set(code, { clientId: request.clientId, redirectUri, challenge: request.challenge, expiresAt: this.#now() + CODE_LIFETIME_MS, used: false });
    this.#redirect(req, res, redirectUri, { code, state });
  }

  async #token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    if (form.get('grant_type') !== 'authorization_code') throw new OAuthHttpError(400, 'unsupported_grant_type', 'Only grant_type=authorization_code is supported');
    const clientId = form.get('client_id');
    if (!clientId) throw new OAuthHttpError(401, 'invalid_client', 'client_id is required (public client)');
    if (clientId.startsWith('client_') && !this.#clients.has(clientId)) throw new OAuthHttpError(401, 'invalid_client', `Unknown client_id ${clientId}`);
    const code = this.#codes.get(form.get('code') ?? '');
    if (!code) throw new OAuthHttpError(400, 'invalid_grant', 'The authorization code is unknown');
    const firstUse = !code.used;
    code.used = true; // single use, also after a failed attempt: a code cannot be tried twice
    if (!firstUse) throw new OAuthHttpError(400, 'invalid_grant', 'The authorization code was already used');
    if (code.expiresAt < this.#now()) throw new OAuthHttpError(400, 'invalid_grant', 'The authorization code has expired');
    if (code.clientId !== clientId) throw new OAuthHttpError(400, 'invalid_grant', 'The authorization code was issued to another client');
    if (form.get('redirect_uri') !== code.redirectUri) throw new OAuthHttpError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
    const verifier = form.get('code_verifier') ?? '';
    if (!verifier) throw new OAuthHttpError(400, 'invalid_request', 'code_verifier is required (PKCE)');
    if (!verifierMatches(verifier, code.challenge)) throw new OAuthHttpError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    const key = `par_mock_${random(24)}`;
    this.issuedKeys.add(key);
    sendJson(res, 200, { access_token: key, token_type: 'bearer', scope: SCOPE }, { ...CORS, ...NO_STORE });
  }

  /** Redirects back to the client with `params` (and `iss`, RFC 9207). */
  #redirect(req: IncomingMessage, res: ServerResponse, redirectUri: string, params: Record<string, string | undefined>): void {
    const target = new URL(redirectUri);
    for (const [name, value] of Object.entries(params)) if (value !== undefined) target.searchParams.set(name, value);
    target.searchParams.set('iss', this.#issuer(req));
    res.writeHead(302, { Location: target.href, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Content-Length': '0' });
    res.end();
  }
}
