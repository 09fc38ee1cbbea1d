// Validating a pasted token with the (fake) GitHub API from the real popup: every outcome of
// docs/github-api.md, and where the token travelled.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { CUT, FakeGitHub, HANG, HUGE } from './lib/fake-github.mjs';
import { assertTokenOnlyInAuthorization } from './lib/privacy.mjs';
import { validateIn } from './lib/popup.mjs';
import { classicToken, fineGrainedToken } from './lib/tokens.mjs';
import { sleep, waitFor } from './lib/wait.mjs';

const waitUntil = (probe, timeoutMs = 5000) => waitFor(String(probe), probe, timeoutMs);

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const USER = {
  login: 'octocat',
  name: 'The Octocat',
  avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
  html_url: 'https://github.com/octocat',
};
const day = 86_400;
const inDays = (days) => new Date(Date.now() + days * day * 1000);
const utcForm = (date) => date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
const offsetForm = (date) => {
  const shifted = new Date(date.getTime() + 2 * 3600 * 1000);
  return shifted.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0200');
};
const rfc3339 = (date) => date.toISOString().replace(/\.\d+Z$/, 'Z');
let seed = 1000;
const nextClassic = () => classicToken('ghp', seed++);

describe('popup: validate with GitHub', () => {
  let server;
  let browser;
  let popup;

  before(async () => {
    server = await new FakeGitHub().start();
    browser = await ExtensionBrowser.launch(server);
    popup = await browser.popupOverGitHub();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  let sent = null; // the token the current test validated, if any

  beforeEach(() => {
    server.requests.length = 0;
    server.api.clear();
    sent = null;
  });

  afterEach(() => {
    // Whatever the outcome, the token travelled only in the Authorization header to the API.
    if (sent) assertTokenOnlyInAuthorization(server.requests, sent);
  });

  const userCalls = () => server.requests.filter((r) => r.host === 'api.github.com' && r.path === '/user');

  function validate(token, answer) {
    sent = token;
    return validateIn(popup, server, token, answer);
  }

  const warnings = () => popup.getByTestId('warning').evaluateAll((items) => items.map((i) => i.dataset.code));
  const scopes = () => popup.getByTestId('scope').evaluateAll((items) => items.map((i) => i.dataset.scope));

  test('valid classic token: owner, scopes, expiry (UTC header form), rate limit, request id', async () => {
    const token = nextClassic();
    const expires = inDays(30);
    const verdict = await validate(token, () => ({
      status: 200,
      headers: {
        'x-oauth-scopes': 'repo, gist',
        'github-authentication-token-expiration': utcForm(expires),
        'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-used': '1',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-github-request-id': 'ABCD:1234',
      },
      body: USER,
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'valid');
    assert.equal(await verdict.getAttribute('data-kind'), 'classic');
    assert.equal(await popup.getByTestId('login').textContent(), 'octocat');
    assert.deepEqual(await scopes(), ['repo', 'gist']);
    assert.equal(await popup.getByTestId('expiry').getAttribute('data-expires'), rfc3339(expires));
    assert.match(await popup.getByTestId('expiry').textContent(), /in (29|30) days/);
    assert.deepEqual(await warnings(), ['broad-scope']);
    assert.match(await popup.getByTestId('rate-limit').textContent(), /4999 of 5000/);
    assert.equal(await popup.getByTestId('request-id').textContent(), 'ABCD:1234');
    await popup.locator('img.avatar').evaluate((img) => img.decode());
    const call = userCalls()[0];
    assert.equal(call.headers.accept, 'application/vnd.github+json');
    assert.equal(assertTokenOnlyInAuthorization(server.requests, token), 1);
  });

  test('valid classic token with the offset header form of the expiry', async () => {
    const token = nextClassic();
    const expires = inDays(90);
    await validate(token, () => ({
      headers: { 'x-oauth-scopes': 'read:org', 'github-authentication-token-expiration': offsetForm(expires) },
      body: USER,
    }));
    assert.equal(await popup.getByTestId('verdict').getAttribute('data-verdict'), 'valid');
    assert.equal(await popup.getByTestId('expiry').getAttribute('data-expires'), rfc3339(expires));
    assert.deepEqual(await warnings(), []);
    assertTokenOnlyInAuthorization(server.requests, token);
  });

  test('valid fine-grained token: no scopes header, no scope list', async () => {
    const token = fineGrainedToken(seed++);
    const verdict = await validate(token, () => ({
      headers: { 'github-authentication-token-expiration': utcForm(inDays(60)) },
      body: USER,
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'valid');
    assert.equal(await verdict.getAttribute('data-kind'), 'fine-grained');
    assert.deepEqual(await scopes(), []);
    await popup.getByTestId('no-scope-list').waitFor();
    assertTokenOnlyInAuthorization(server.requests, token);
  });

  test('a token that never expires says so and warns', async () => {
    const token = nextClassic();
    await validate(token, () => ({ headers: { 'x-oauth-scopes': 'gist' }, body: USER }));
    assert.equal(await popup.getByTestId('expiry').getAttribute('data-expires'), 'never');
    assert.deepEqual(await warnings(), ['no-expiration']);
  });

  test('a token that expires within a week warns', async () => {
    const token = nextClassic();
    await validate(token, () => ({
      headers: { 'x-oauth-scopes': 'gist', 'github-authentication-token-expiration': utcForm(inDays(3)) },
      body: USER,
    }));
    assert.deepEqual(await warnings(), ['expires-soon']);
  });

  test('401 Bad credentials is invalid, with GitHub\'s words and no retry', async () => {
    const token = nextClassic();
    const verdict = await validate(token, () => ({
      status: 401, headers: { 'x-github-request-id': 'EF01:2' }, body: { message: 'Bad credentials' },
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'invalid');
    assert.equal(await popup.getByTestId('github-message').textContent(), 'Bad credentials');
    await sleep(300);
    assert.equal(userCalls().length, 1, 'no automatic retry');
    assertTokenOnlyInAuthorization(server.requests, token);
  });

  test('SSO required: valid, with the authorization link', async () => {
    const link = 'https://github.com/orgs/acme/sso?authorization_request=A1B2C3';
    const verdict = await validate(nextClassic(), () => ({
      status: 403, headers: { 'x-github-sso': `required; url=${link}` },
      body: { message: 'Resource protected by organization SAML enforcement.' },
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'valid');
    assert.deepEqual(await warnings(), ['sso-required']);
    assert.equal(await popup.getByTestId('sso-link').getAttribute('href'), link);
    assert.equal(await popup.getByTestId('sso-link').getAttribute('rel'), 'noopener noreferrer');
  });

  test('SSO partial results: valid, naming the organizations left out', async () => {
    const verdict = await validate(nextClassic(), () => ({
      headers: {
        'x-oauth-scopes': 'read:org', 'x-github-sso': 'partial-results; organizations=21955855,20582480',
        'github-authentication-token-expiration': utcForm(inDays(40)),
      },
      body: USER,
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'valid');
    assert.deepEqual(await warnings(), ['sso-partial']);
    assert.match(await popup.locator('[data-code="sso-partial"]').textContent(), /2 organizations/);
  });

  test('primary rate limit: unknown, with the wait', async () => {
    const verdict = await validate(nextClassic(), () => ({
      status: 403,
      headers: {
        'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1200),
      },
      body: { message: 'API rate limit exceeded for user ID 1.' },
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    assert.deepEqual(await warnings(), ['rate-limited']);
    assert.match(await popup.getByTestId('summary').textContent(), /primary rate limit.*(19|20) minutes/);
  });

  test('secondary rate limit: unknown, with the wait from retry-after', async () => {
    const verdict = await validate(nextClassic(), () => ({
      status: 429, headers: { 'retry-after': '90' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    assert.deepEqual(await warnings(), ['rate-limited']);
    assert.match(await popup.getByTestId('summary').textContent(), /secondary rate limit.*1 minute/);
  });

  test('500: unknown, GitHub\'s own problem', async () => {
    const verdict = await validate(nextClassic(), () => ({ status: 500, body: 'oops' }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    assert.match(await popup.getByTestId('summary').textContent(), /HTTP 500/);
  });

  test('a 200 that is not JSON (a captive portal): unknown', async () => {
    const verdict = await validate(nextClassic(), () => ({
      headers: { 'content-type': 'text/html' }, body: '<html><body>Sign in to the hotel wifi</body></html>',
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    assert.match(await popup.getByTestId('summary').textContent(), /not JSON/);
  });

  test('a redirect is not followed with the token: unknown', async () => {
    const token = nextClassic();
    const verdict = await validate(token, () => ({
      status: 302, headers: { location: 'https://github.com/elsewhere' }, body: '',
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    assert.match(await popup.getByTestId('summary').textContent(), /redirect/);
    await sleep(300);
    assert.deepEqual(server.requests.filter((r) => r.path === '/elsewhere'), []);
    assertTokenOnlyInAuthorization(server.requests, token);
  });

  test('no answer within 10 seconds: unknown, timed out', { timeout: 30_000 }, async () => {
    const verdict = await validate(nextClassic(), () => HANG);
    assert.equal(await popup.getByTestId('progress').count(), 0);
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    assert.match(await popup.getByTestId('summary').textContent(), /10 seconds/);
  });

  test('the network cut mid-answer: unknown, never invalid, and the popup stays usable', async () => {
    const verdict = await validate(nextClassic(), () => CUT);
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    assert.equal(await popup.getByTestId('progress').count(), 0, 'no spinner left');
    assert.equal(await popup.getByTestId('validate').isDisabled(), false);
  });

  test('a huge answer is read only up to its cap, then dropped', async () => {
    const verdict = await validate(nextClassic(), () => HUGE);
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    const request = server.requests.filter((r) => r.path === '/user').at(-1);
    // The answer never ends: only a reader that stopped and dropped it leaves it abandoned.
    // (How many bytes the network stack took before the drop is a matter of speed: not asserted.)
    await waitFor('the connection to be dropped', () => request.abandoned);
  });

  test('rapid repeated clicks and Enter send one request', async () => {
    server.answer('GET /user', async () => { await sleep(600); return { headers: { 'x-oauth-scopes': 'gist' }, body: USER }; });
    sent = nextClassic();
    await popup.getByTestId('token-input').fill(sent);
    await popup.evaluate(() => {
      const button = document.querySelector('[data-testid="validate"]');
      for (let i = 0; i < 5; i++) button.click();
    });
    await popup.getByTestId('token-input').press('Enter');
    await popup.getByTestId('progress').waitFor();
    assert.equal(await popup.getByTestId('validate').isDisabled(), true);
    await popup.getByTestId('verdict').waitFor();
    await sleep(300);
    assert.equal(userCalls().length, 1);
  });

  test('Enter in the field validates; Cancel aborts and decides nothing', async () => {
    server.answer('GET /user', () => HANG);
    sent = nextClassic();
    await popup.getByTestId('token-input').fill(sent);
    await popup.getByTestId('token-input').press('Enter');
    await popup.getByTestId('progress').waitFor();
    await popup.getByTestId('cancel').click();
    await popup.getByTestId('progress').waitFor({ state: 'detached' });
    assert.equal(await popup.getByTestId('verdict').count(), 0);
    assert.equal(await popup.getByTestId('validate').isEnabled(), true);
    assert.equal(userCalls().length, 1);
  });

  test('closing the popup aborts the request in flight', async () => {
    const second = await browser.popupOverGitHub();
    server.answer('GET /user', () => HANG);
    sent = nextClassic();
    await second.getByTestId('token-input').fill(sent);
    await second.getByTestId('validate').click();
    await second.getByTestId('progress').waitFor();
    await waitUntil(() => userCalls().length === 1);
    await second.close();
    await waitUntil(() => userCalls()[0].abandoned);
    // Opening the second popup closed the first: open one again for the tests that follow.
    popup = await browser.popupOverGitHub();
  });

  test('a malformed token is not sent at all', async () => {
    const token = nextClassic();
    const mistyped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    await popup.getByTestId('token-input').fill(mistyped);
    // Its verdict comes at once, offline, and Validate is off, with the reason beside it.
    const verdict = popup.getByTestId('verdict');
    await verdict.waitFor();
    assert.equal(await popup.getByTestId('validate').isDisabled(), true);
    assert.equal(await popup.getByTestId('validate-reason').count(), 1);
    assert.equal(await verdict.getAttribute('data-verdict'), 'malformed');
    assert.equal(await verdict.getAttribute('data-kind'), 'classic');
    assert.deepEqual(await warnings(), ['checksum-mismatch'], 'the cause as a stable code');
    assert.equal(server.requests.length, 0);
  });

  test('a refresh token cannot call the API: said, not sent', async () => {
    await popup.getByTestId('token-input').fill(classicToken('ghr', seed++));
    await popup.getByTestId('verdict').waitFor();
    assert.equal(await popup.getByTestId('validate').isDisabled(), true);
    assert.equal(await popup.getByTestId('verdict').getAttribute('data-verdict'), 'unknown');
    assert.deepEqual(await warnings(), ['cannot-call-api']);
    assert.equal(server.requests.length, 0);
  });

  test('required scopes: stored without the token, missing ones listed with a link', async () => {
    await popup.locator('details.setting summary').click();
    await popup.getByTestId('required-scopes').fill('repo, workflow');
    await popup.getByTestId('required-scopes').press('Enter');
    await popup.getByTestId('required-scopes').blur();
    const token = nextClassic();
    await validate(token, () => ({
      headers: { 'x-oauth-scopes': 'public_repo, workflow', 'github-authentication-token-expiration': utcForm(inDays(20)) },
      body: USER,
    }));
    // workflow is broad, but the user said they need it: only what is missing is flagged.
    assert.deepEqual(await warnings(), ['missing-scope']);
    assert.equal(await popup.getByTestId('summary').textContent(), 'Valid, but missing repo.');
    const link = await popup.getByTestId('new-token-link').getAttribute('href');
    assert.match(link, /^https:\/\/github\.com\/settings\/tokens\/new\?scopes=repo,workflow&description=/);
    const stored = await popup.evaluate(() => chrome.storage.local.get(null));
    assert.deepEqual(stored.settings.requiredScopes, ['repo', 'workflow']);
    assert.doesNotMatch(JSON.stringify(stored), /gh[pousr]_|github_pat_/);
    await popup.getByTestId('required-scopes').fill('');
    await popup.getByTestId('required-scopes').blur();
  });

  test('revoke: confirmed, sent without Authorization, 202 is revoked', async () => {
    const token = nextClassic();
    let revokeBody;
    server.answer('POST /credentials/revoke', (req, body) => { revokeBody = JSON.parse(body); return { status: 202, body: {} }; });
    await validate(token, () => ({ headers: { 'x-oauth-scopes': 'gist' }, body: USER }));
    await popup.getByTestId('revoke').click();
    assert.match(await popup.locator('.confirm').textContent(), /cannot be undone/);
    assert.equal(server.requests.filter((r) => r.method === 'POST').length, 0, 'nothing before confirmation');
    await popup.getByTestId('revoke-confirm').click();
    const result = popup.getByTestId('revoke-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-outcome'), 'revoked');
    assert.deepEqual(revokeBody, { credentials: [token] });
    assertTokenOnlyInAuthorization(server.requests, token);
  });

  test('a check right after a revoke asks GitHub again, never a cache', async () => {
    const token = nextClassic();
    server.answer('POST /credentials/revoke', () => ({ status: 202, body: {} }));
    // GitHub's answer says it may be cached for a minute (the fake sends its headers).
    await validate(token, () => ({ headers: { 'x-oauth-scopes': 'gist' }, body: USER }));
    await popup.getByTestId('revoke').click();
    await popup.getByTestId('revoke-confirm').click();
    await popup.getByTestId('revoke-result').waitFor();
    const before = server.requests.filter((r) => r.path === '/user').length;
    server.answer('GET /user', () => ({ status: 401, body: { message: 'Bad credentials' } }));
    await popup.getByTestId('validate').click();
    await waitFor('the new verdict', async () =>
      (await popup.getByTestId('verdict').getAttribute('data-verdict').catch(() => null)) === 'invalid');
    assert.equal(server.requests.filter((r) => r.path === '/user').length, before + 1, 'GitHub was asked again');
    const last = server.requests.filter((r) => r.path === '/user').at(-1);
    assert.equal(last.headers['if-none-match'], undefined, 'no conditional request from a cache');
  });

  test('revoke: 422 is rejected', async () => {
    server.answer('POST /credentials/revoke', () => ({ status: 422, body: { message: 'Validation Failed' } }));
    await validate(nextClassic(), () => ({ headers: { 'x-oauth-scopes': 'gist' }, body: USER }));
    await popup.getByTestId('revoke').click();
    await popup.getByTestId('revoke-confirm').click();
    const result = popup.getByTestId('revoke-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-outcome'), 'rejected');
  });

  test('hostile strings from the API render as text', async () => {
    await validate(nextClassic(), () => ({
      headers: { 'x-oauth-scopes': 'gist' },
      body: { ...USER, login: '<img src=x id=pwned onerror=alert(1)>', name: '<b>bold</b>', avatar_url: 'javascript:alert(1)' },
    }));
    assert.equal(await popup.getByTestId('login').textContent(), '<img src=x id=pwned onerror=alert(1)>');
    assert.equal(await popup.locator('#pwned, b').count(), 0);
    assert.equal(await popup.locator('img.avatar').count(), 0);
  });

  test('the popup has no accessibility violations (axe-core)', async () => {
    await validate(nextClassic(), () => ({
      headers: { 'x-oauth-scopes': 'repo, gist', 'github-authentication-token-expiration': utcForm(inDays(3)) },
      body: USER,
    }));
    for (const scheme of ['light', 'dark']) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.evaluate(AXE);
      const result = await popup.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
      const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(found, [], `${scheme} scheme`);
    }
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  test('nothing was stored and no context logged an error', async () => {
    const stored = await popup.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      web: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    }));
    assert.doesNotMatch(JSON.stringify(stored), /gh[pousr]_|github_pat_/);
    assert.deepEqual(browser.allProblems(), []);
  });
});

describe('popup: connection refused', () => {
  test('a refused connection is unknown, never invalid', async () => {
    const closed = await new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => resolve(port));
      });
    });
    const server = await new FakeGitHub().start();
    const browser = await ExtensionBrowser.launch(server, { apiPort: closed });
    try {
      const popup = await browser.popupOverGitHub();
      await popup.getByTestId('token-input').fill(nextClassic());
      await popup.getByTestId('validate').click();
      const verdict = popup.getByTestId('verdict');
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
      assert.match(await popup.getByTestId('summary').textContent(), /could not connect/);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
