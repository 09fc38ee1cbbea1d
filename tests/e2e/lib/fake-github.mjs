// A fake GitHub for the end-to-end suites: one HTTPS server on loopback that plays both
// github.com (pages built from GitHub's own front-end parts: Turbo and <clipboard-copy>) and
// api.github.com (answers scripted per test), told apart by the Host header.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as pages from './site/pages.mjs';
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
  '/assets/include-fragment.js': join(modules, '@github/include-fragment-element/dist/include-fragment-element-define.js'),
  '/assets/include-fragment-element.js': join(modules, '@github/include-fragment-element/dist/include-fragment-element.js'),
  '/assets/app.js': join(here, 'site', 'app.js'),
  '/assets/site.css': join(here, 'site', 'site.css'),
};

const { escape } = pages;

/** Named elements that shadow properties of `document` and `window` (DOM clobbering). */
const HOSTILE = '<a id="browser" href="#top"></a><img name="getSelection" alt=""><img name="activeElement" alt=""><form name="getElementById"></form>';

/** GitHub's colour settings on <html> (docs/github-pages.md), `auto` by default as GitHub's. */
const DEFAULT_COLORS = { mode: 'auto', light: 'light', dark: 'dark' };

function layout(title, main, hostile = false, colors = DEFAULT_COLORS) {
  return `<!doctype html>
<html lang="en" data-color-mode="${escape(colors.mode)}" data-light-theme="${escape(colors.light)}" data-dark-theme="${escape(colors.dark)}">
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

/** A tiny PNG, the avatar every fake user has. */
const AVATAR = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhgHOXKcq3QAAAABJRU5ErkJggg==',
  'base64',
);

/** Return this from an API handler to never answer (a request that times out). */
export const HANG = Symbol('hang');

/** Return this to send the head and half a body, then cut the connection. */
export const CUT = Symbol('cut');

/**
 * Return this to stream a body that does not end (up to 4 GiB), as fast as the client reads it.
 * Only a client that stops reading and drops the connection leaves it `abandoned`; how many
 * bytes went out before that depends on the machine's speed, so tests do not assert it.
 */
export const HUGE = Symbol('huge');

/** The GitHub Enterprise Server the fake also plays (web and API on one host). */
export const ENTERPRISE_SERVER = 'github.acme.test';
/** The GHE.com tenant it plays (web on SUB.ghe.com, API on api.SUB.ghe.com). */
export const ENTERPRISE_CLOUD = 'octo.ghe.com';

export class FakeGitHub {
  constructor() {
    this.requests = [];
    this.api = new Map(); // "METHOD /path" -> (req, body) => { status, headers, body }
    this.pendingClassicToken = null;
    this.fineGrained = new Map(); // id -> token, shown once
    this.pendingClientSecret = null;
    this.hostileMarkup = false;
    this.colors = { ...DEFAULT_COLORS }; // GitHub's theme setting, as its pages state it
    // How the fine-grained flow behaves, as GitHub has served it over the years:
    //   confirm: null (no dialog), 'frame', 'full' or 'redirect' (how the token comes back);
    //   tag: the tag of #new-access-token; rows: how many other tokens the list shows.
    this.fineGrainedFlow = { confirm: null, tag: 'input', rows: 300 };
    this.expirationDelayMs = 1200; // include-fragments answer this late
    this.classicRows = 40;
    this.tokenSeed = 1;
    this.issued = []; // every token and secret the site showed, for the canary checks
    this.posts = []; // what issues, comments and gists were posted: { path, fields }
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
      // `baseline.test` serves the same site where no content script runs: the benchmark's
      // baseline for what the extension costs a page.
      if (host === 'github.com' || host === 'baseline.test') return this.#site(req, res, url, body);
      // Gists live on their own host, with GitHub's pages.
      if (host === 'gist.github.com') {
        return this.#site(req, res, url.pathname === '/' ? new URL('/gist/new', url) : url, body);
      }
      if (host === 'api.github.com') return this.#api(req, res, url, body, record);
      // GitHub Enterprise: a Server (API under /api/v3 on its own host) and a GHE.com tenant
      // (API on api.SUB.ghe.com), with the same pages and API as github.com.
      if (host === ENTERPRISE_SERVER) {
        if (url.pathname === '/api/v3' || url.pathname.startsWith('/api/v3/')) {
          record.api = true;
          return this.#api(req, res, new URL(url.pathname.slice('/api/v3'.length) + url.search, url), body, record);
        }
        return this.#site(req, res, url, body);
      }
      if (host === ENTERPRISE_CLOUD) return this.#site(req, res, url, body);
      if (host === `api.${ENTERPRISE_CLOUD}`) return this.#api(req, res, url, body, record);
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
    res.end(layout(title, main, this.hostileMarkup, this.colors));
  }

  #site(req, res, url, body) {
    // A script that never arrives (a slow network): a page that loads it stays "loading".
    if (url.pathname === '/assets/late.js') return undefined; // stop() closes the connection
    const asset = ASSETS[url.pathname];
    if (asset) {
      const type = asset.endsWith('.css') ? 'text/css' : 'text/javascript';
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      return res.end(readFileSync(asset));
    }
    const path = url.pathname.replace(/\/$/, '') || '/';
    const route = `${req.method} ${path}`;
    const form = new URLSearchParams(body);
    const flow = this.fineGrainedFlow;
    let match;
    switch (route) {
      case 'GET /favicon.ico':
        return res.writeHead(204).end();
      case 'GET /':
        return this.#page(res, 'Home', '<h1>Home</h1><p>Your dashboard.</p>');
      case 'GET /settings/profile':
        return this.#page(res, 'Profile', '<h1>Public profile</h1><p>Name, bio, and more.</p>');
      case 'GET /settings/tokens': {
        if (url.searchParams.get('type') === 'beta') {
          return this.#page(res, 'Fine-grained personal access tokens', pages.fineGrainedList(this.#takeFineGrained(), flow));
        }
        const token = this.pendingClassicToken;
        this.pendingClassicToken = null; // shown exactly once, like GitHub
        return this.#page(res, 'Personal access tokens (classic)', pages.classicList(token, { rows: this.classicRows }));
      }
      case 'GET /settings/tokens/new':
        return this.#page(res, 'New personal access token (classic)', pages.classicNew());
      case 'POST /settings/tokens':
        this.pendingClassicToken = classicToken('ghp', this.tokenSeed++);
        this.issued.push(this.pendingClassicToken);
        return this.#redirect(res, '/settings/tokens');
      case 'GET /settings/personal-access-tokens':
        return this.#page(res, 'Fine-grained personal access tokens', pages.fineGrainedList(this.#takeFineGrained(), flow));
      case 'GET /settings/personal-access-tokens/new':
        return this.#page(res, 'New fine-grained personal access token', pages.fineGrainedNew({ confirm: flow.confirm !== null }));
      case 'POST /settings/personal-access-tokens': {
        if (flow.confirm && form.get('confirm') !== '1') {
          return this.#fragment(res, pages.fineGrainedConfirm(flow.confirm));
        }
        const id = 40 + this.tokenSeed;
        const token = fineGrainedToken(this.tokenSeed++);
        this.issued.push(token);
        if (flow.confirm === 'frame') return this.#fragment(res, pages.fineGrainedInFrame(id, token));
        if (flow.confirm === 'full') {
          return this.#page(res, 'Fine-grained personal access tokens', pages.fineGrainedList({ id, token }, flow));
        }
        this.fineGrained.set(id, token);
        return this.#redirect(res, '/settings/personal-access-tokens');
      }
      default:
        break;
    }
    if ((match = /^GET \/settings\/personal-access-tokens\/(\d+)\/expiration$/.exec(route))) {
      // New tokens (ids below 1000) expire on another day than the other rows, so a test
      // can tell which row's date was read; markup splits the words two ways.
      const id = Number(match[1]);
      const date = id < 1000 ? 'Tue, Jul 28 2026' : 'Sat, Mar 6 2027';
      const text = id % 2 ? `Expires on <strong>${date}</strong>.` : `Expires\n  on <time>${date}</time>.`;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(`<span class="expiration">${text}</span>`);
      }, this.expirationDelayMs);
      return undefined;
    }
    if ((match = /^GET \/settings\/personal-access-tokens\/(\d+)$/.exec(route))) {
      return this.#page(res, 'Fine-grained personal access token', pages.fineGrainedDetail(match[1]));
    }
    if ((match = /^GET \/settings\/tokens\/(\d+)$/.exec(route))) {
      const id = Number(match[1]);
      const token = this.regenerated?.id === id ? this.regenerated.token : null;
      this.regenerated = null;
      return this.#page(res, 'ci', token ? pages.classicRegenerated(id, token) : pages.classicDetail(id));
    }
    if ((match = /^GET \/settings\/tokens\/(\d+)\/regenerate$/.exec(route))) {
      return this.#page(res, 'Regenerate token', pages.classicRegenerate(match[1]));
    }
    if ((match = /^POST \/settings\/tokens\/(\d+)\/regenerate$/.exec(route))) {
      this.regenerated = { id: Number(match[1]), token: classicToken('ghp', this.tokenSeed++) };
      this.issued.push(this.regenerated.token);
      return this.#redirect(res, `/settings/tokens/${match[1]}`);
    }
    // OAuth apps and GitHub Apps, personal or an organisation's: a client secret shown once.
    const app = /^(GET|POST) ((?:\/organizations\/[\w-]+)?\/settings\/(?:applications|apps)\/[\w-]+)(\/client_secret)?$/.exec(route);
    if (app) {
      const [, method, base, secretPath] = app;
      if (method === 'POST' && secretPath) {
        this.pendingClientSecret = Array.from({ length: 40 }, (_, i) => '0123456789abcdef'[(i * 7 + this.tokenSeed) % 16]).join('');
        this.tokenSeed++;
        return this.#redirect(res, base);
      }
      if (method === 'GET' && !secretPath) {
        const secret = this.pendingClientSecret;
        this.pendingClientSecret = null;
        return this.#page(res, 'Acme CI', pages.appSettings(base, 'Acme CI', secret));
      }
    }
    // Where text is posted: an issue form (Turbo), an issue with a React-style comment box
    // (script state, fetch), a repository secret form, and a gist editor (on gist.github.com).
    if (route === 'GET /octo/repo/issues/new') {
      // `?late`: the rest of the page waits for a script, as a page on a slow network does.
      const late = url.searchParams.has('late') ? '\n<script src="/assets/late.js"></script>\n<p>The rest of the page.</p>' : '';
      return this.#page(res, 'New issue', pages.newIssue() + late);
    }
    if (route === 'POST /octo/repo/issues') {
      this.posts.push({ path: url.pathname, fields: Object.fromEntries(form) });
      return this.#redirect(res, '/octo/repo/issues/1');
    }
    if (route === 'GET /octo/repo/issues/1') return this.#page(res, 'An issue', pages.issue(this.posts));
    if (route === 'POST /octo/repo/issues/1/comments') {
      this.posts.push({ path: url.pathname, fields: Object.fromEntries(form) });
      res.writeHead(201, { 'content-type': 'application/json' });
      return res.end('{}');
    }
    if (route === 'GET /octo/repo/settings/secrets/actions/new') return this.#page(res, 'New secret', pages.newSecret());
    if (route === 'POST /octo/repo/settings/secrets/actions') {
      this.posts.push({ path: url.pathname, fields: Object.fromEntries(form) });
      return this.#redirect(res, '/octo/repo/settings/secrets/actions/new');
    }
    if (route === 'GET /gist/new') return this.#page(res, 'New gist', pages.newGist());
    if (route === 'POST /gists') {
      this.posts.push({ path: url.pathname, fields: Object.fromEntries(form) });
      return this.#redirect(res, '/gist/new');
    }
    if (route === 'GET /octocat/hello') {
      return this.#page(res, 'octocat/hello', '<h1>octocat/hello</h1><p>A repository. ghp_ is a prefix people talk about.</p>');
    }
    return this.#page(res, 'Page not found', '<h1>404</h1>', 404);
  }

  #takeFineGrained() {
    const [first] = this.fineGrained;
    if (!first) return null;
    this.fineGrained.delete(first[0]); // shown once
    return { id: first[0], token: first[1] };
  }

  #redirect(res, location) {
    res.writeHead(303, { location, 'cache-control': 'no-store' });
    res.end();
  }

  /** An HTML fragment (a Turbo frame's answer), under the page's CSP. */
  #fragment(res, html) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store' });
    res.end(`<!doctype html><html><head><title>GitHub</title></head><body>${html}</body></html>`);
  }

  async #api(req, res, url, body, record) {
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
    if (answer === HUGE) {
      res.writeHead(200, { ...cors, 'content-type': 'application/json; charset=utf-8' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let i = 0; i < 64 * 1024 && !res.destroyed; i++) {
        if (!res.write(chunk)) await new Promise((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
      }
      res.end();
      return;
    }
    if (answer === CUT) {
      res.writeHead(200, { ...cors, 'content-type': 'application/json; charset=utf-8', 'content-length': '4096' });
      res.write('{"login":"octo');
      setTimeout(() => res.socket?.destroy(), 100);
      return;
    }
    // What GitHub sends on GET /user where it matters: the answer may be cached for a minute,
    // per Authorization. A check that came from a cache would not be a check.
    const caching = req.method === 'GET' && (answer.status ?? 200) === 200 ? {
      'cache-control': 'private, max-age=60, s-maxage=60',
      etag: `W/"${Buffer.from(String(req.headers.authorization ?? '')).toString('base64url').slice(-16)}"`,
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
      'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT',
    } : {};
    res.writeHead(answer.status ?? 200, { ...cors, ...caching, 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
  }
}
