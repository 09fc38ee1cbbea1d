// A fake GitHub for the end-to-end suites: one HTTPS server on loopback that plays both
// github.com (pages built from GitHub's own front-end parts: Turbo and <clipboard-copy>) and
// api.github.com (answers scripted per test), told apart by the Host header.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { classicToken, fineGrainedToken } from './tokens.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const modules = join(here, '..', 'node_modules');

// Like github.com's policy in what matters here: no 'wasm-unsafe-eval', no inline script.
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
].join('; ');

/** A certificate for github.com and api.github.com, made now and never stored. */
function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'pat-guard-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=github.com',
      '-addext', 'subjectAltName=DNS:github.com,DNS:api.github.com,IP:127.0.0.1',
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ASSETS = {
  '/assets/turbo.js': join(modules, '@hotwired/turbo/dist/turbo.es2017-esm.js'),
  '/assets/clipboard-copy.js': join(modules, '@github/clipboard-copy-element/dist/bundle.js'),
  '/assets/app.js': join(here, 'site', 'app.js'),
  '/assets/site.css': join(here, 'site', 'site.css'),
};

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Named elements that shadow properties of `document` and `window` (DOM clobbering). */
const HOSTILE = '<a id="browser" href="#top"></a><img name="getSelection" alt=""><img name="activeElement" alt=""><form name="getElementById"></form>';

function layout(title, main, hostile = false) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escape(title)} · GitHub</title>
  <link rel="stylesheet" href="/assets/site.css">
  <script type="module" src="/assets/app.js"></script>
</head>
<body>
  <header class="site-header">
    <a href="/">GitHub</a>
    <a href="/settings/profile">Settings</a>
    <a href="/settings/tokens" id="nav-tokens">Tokens (classic)</a>
  </header>
  <main>
${hostile ? HOSTILE : ''}
${main}
  </main>
</body>
</html>`;
}

/** The page GitHub shows right after generating a classic token (FIELD-GUIDE §4). */
function classicTokenShown(token) {
  return `
    <h1>Personal access tokens (classic)</h1>
    <div class="flash flash-full flash-success">
      Make sure to copy your personal access token now. You won’t be able to see it again!
    </div>
    <ul class="token-list">
      <li class="access-token new-token">
        <code id="new-oauth-token" class="token">${escape(token)}</code>
        <clipboard-copy for="new-oauth-token" aria-label="Copy token" class="btn">Copy</clipboard-copy>
      </li>
    </ul>
    <p><a href="/settings/tokens/new" id="generate-another">Generate another token</a></p>`;
}

function classicList() {
  return `
    <h1>Personal access tokens (classic)</h1>
    <p>Tokens you have generated that can be used to access the GitHub API.</p>
    <p><a href="/settings/tokens/new" id="generate-new">Generate new token (classic)</a></p>`;
}

function classicNew() {
  return `
    <h1>New personal access token (classic)</h1>
    <form action="/settings/tokens" method="post" id="new-token-form">
      <label>Note <input name="description" id="token-note" value="ci"></label>
      <label><input type="checkbox" name="scopes" value="repo" checked> repo</label>
      <button type="submit" id="generate">Generate token</button>
    </form>`;
}

/** A tiny PNG, the avatar every fake user has. */
const AVATAR = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhgHOXKcq3QAAAABJRU5ErkJggg==',
  'base64',
);

/** Return this from an API handler to never answer (a request that times out). */
export const HANG = Symbol('hang');

/** The fine-grained token page (markup unconfirmed in the field guide: a likely shape). */
function fineGrainedShown(token) {
  return `
    <h1>Fine-grained personal access tokens</h1>
    <div class="flash flash-success">
      Make sure to copy your personal access token now as you will not be able to see this again.
    </div>
    <div class="token-box">
      <input type="text" readonly class="form-control" aria-label="Token" value="${escape(token)}">
      <clipboard-copy value="${escape(token)}" aria-label="Copy token" class="btn">Copy</clipboard-copy>
    </div>
    <p>Expires on Tue, Dec 1 2026.</p>
    <p><a href="/settings/personal-access-tokens" id="back-to-list">Back to tokens</a></p>`;
}

function fineGrainedNew() {
  return `
    <h1>New fine-grained personal access token</h1>
    <form action="/settings/personal-access-tokens" method="post" id="new-token-form">
      <label>Token name <input name="name" value="deploy"></label>
      <button type="submit" id="generate">Generate token</button>
    </form>`;
}

function oauthApp(secret) {
  return `
    <h1>OAuth app: Acme CI</h1>
    ${secret ? `
    <div class="flash flash-success">Make sure to copy your new client secret now. You won’t be able to see it again.</div>
    <code id="new-oauth-token" class="token">${escape(secret)}</code>
    <clipboard-copy for="new-oauth-token" aria-label="Copy" class="btn">Copy</clipboard-copy>` : ''}
    <form action="/settings/applications/1234/client_secret" method="post">
      <button type="submit" id="generate-secret">Generate a new client secret</button>
    </form>`;
}

export class FakeGitHub {
  constructor() {
    this.requests = [];
    this.api = new Map(); // "METHOD /path" -> (req, body) => { status, headers, body }
    this.pendingClassicToken = null;
    this.fineGrained = new Map(); // id -> token, shown once
    this.pendingClientSecret = null;
    this.hostileMarkup = false;
    this.tokenSeed = 1;
    this.server = null;
    this.port = 0;
  }

  /** Start listening on 127.0.0.1 (port 0: any free port). */
  async start(port = 0) {
    this.server = createServer(makeCertificate(), (req, res) => this.#handle(req, res));
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    this.port = this.server.address().port;
    return this;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve()));
  }

  /** Script an API answer: `answer('GET /user', () => ({ status: 200, headers, body }))`. */
  answer(route, handler) {
    this.api.set(route, handler);
  }

  async #handle(req, res) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url, `https://${host || 'invalid'}`);
    const record = { method: req.method, host, path: url.pathname, search: url.search, headers: req.headers, body, abandoned: false };
    this.requests.push(record);
    // The client gave up (aborted, or its page closed) before we answered.
    res.on('close', () => { if (!res.writableEnded) record.abandoned = true; });
    try {
      if (host === 'github.com') return this.#site(req, res, url, body);
      if (host === 'api.github.com') return this.#api(req, res, url, body);
      if (host === 'avatars.githubusercontent.com') {
        res.writeHead(200, { 'content-type': 'image/png' });
        return res.end(AVATAR);
      }
      // Any other host name: a plain website that is not GitHub.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Elsewhere</title><link rel="icon" href="data:,"><h1>Not GitHub</h1>');
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  }

  #page(res, title, main, status = 200) {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-store',
    });
    res.end(layout(title, main, this.hostileMarkup));
  }

  #site(req, res, url, body) {
    const asset = ASSETS[url.pathname];
    if (asset) {
      const type = asset.endsWith('.css') ? 'text/css' : 'text/javascript';
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      return res.end(readFileSync(asset));
    }
    const route = `${req.method} ${url.pathname.replace(/\/$/, '') || '/'}`;
    switch (route) {
      case 'GET /favicon.ico':
        return res.writeHead(204).end();
      case 'GET /':
        return this.#page(res, 'Home', '<h1>Home</h1><p>Your dashboard.</p>');
      case 'GET /settings/profile':
        return this.#page(res, 'Profile', '<h1>Public profile</h1><p>Name, bio, and more.</p>');
      case 'GET /settings/tokens': {
        const token = this.pendingClassicToken;
        this.pendingClassicToken = null;
    this.fineGrained = new Map(); // id -> token, shown once
    this.pendingClientSecret = null; // shown exactly once, like GitHub
        return token
          ? this.#page(res, 'Personal access tokens (classic)', classicTokenShown(token))
          : this.#page(res, 'Personal access tokens (classic)', classicList());
      }
      case 'GET /settings/tokens/new':
        return this.#page(res, 'New personal access token (classic)', classicNew());
      case 'POST /settings/tokens':
        this.pendingClassicToken = classicToken('ghp', this.tokenSeed++);
        res.writeHead(303, { location: '/settings/tokens' });
        return res.end();
      case 'GET /settings/personal-access-tokens':
        return this.#page(res, 'Fine-grained personal access tokens',
          '<h1>Fine-grained personal access tokens</h1><p><a href="/settings/personal-access-tokens/new" id="generate-new">Generate new token</a></p>');
      case 'GET /settings/personal-access-tokens/new':
        return this.#page(res, 'New fine-grained personal access token', fineGrainedNew());
      case 'POST /settings/personal-access-tokens': {
        const id = 40 + this.tokenSeed;
        this.fineGrained.set(id, fineGrainedToken(this.tokenSeed++));
        res.writeHead(303, { location: `/settings/personal-access-tokens/${id}` });
        return res.end();
      }
      case 'GET /settings/applications/1234': {
        const secret = this.pendingClientSecret;
        this.pendingClientSecret = null;
        return this.#page(res, 'Acme CI', oauthApp(secret));
      }
      case 'POST /settings/applications/1234/client_secret':
        this.pendingClientSecret = Array.from({ length: 40 }, (_, i) => '0123456789abcdef'[(i * 7 + this.tokenSeed) % 16]).join('');
        this.tokenSeed++;
        res.writeHead(303, { location: '/settings/applications/1234' });
        return res.end();
      default: {
        const match = /^GET \/settings\/personal-access-tokens\/(\d+)$/.exec(route);
        if (match) {
          const token = this.fineGrained.get(Number(match[1]));
          this.fineGrained.delete(Number(match[1])); // shown once
          return this.#page(res, 'Fine-grained personal access token',
            token ? fineGrainedShown(token) : '<h1>Fine-grained personal access token</h1><p>deploy · Expires on Tue, Dec 1 2026</p>');
        }
        if (route === 'GET /octocat/hello') {
          return this.#page(res, 'octocat/hello', '<h1>octocat/hello</h1><p>A repository. ghp_ is a prefix people talk about.</p>');
        }
        return this.#page(res, 'Page not found', '<h1>404</h1>', 404);
      }
    }
  }

  async #api(req, res, url, body) {
    const handler = this.api.get(`${req.method} ${url.pathname}`);
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'Authorization, Accept, Content-Type, X-GitHub-Api-Version',
      'access-control-expose-headers': 'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE' });
      return res.end();
    }
    if (!handler) {
      res.writeHead(404, { ...cors, 'content-type': 'application/json; charset=utf-8' });
      return res.end(JSON.stringify({ message: 'Not Found' }));
    }
    const answer = (await handler(req, body)) ?? {};
    if (answer === HANG) return; // never answer; stop() closes the connection
    res.writeHead(answer.status ?? 200, { ...cors, 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
  }
}
