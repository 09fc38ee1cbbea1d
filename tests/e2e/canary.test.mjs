// Canary: every flow that touches a token runs with its own distinctive token (paste and
// validate with each verdict, revoke, the guardian with a copy, an acknowledgement, a check
// in place, leaving). Afterwards no part of any of them (any 8 characters) may be found in a
// storage area, a console message of any context, the extension's DOM outside the popup's
// field, the browser profile on disk, or any request but the Authorization header to
// api.github.com and the revocation body. Every host name resolves to the fake GitHub, so
// every request the browser makes is recorded: only GitHub's hosts may appear.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { FakeGitHub } from './lib/fake-github.mjs';
import { banner, COPY_TOKEN, NEW_CLASSIC, press, reloadAsksToStay, waitForState } from './lib/guardian.mjs';
import { assertTokenOnlyInAuthorization, pieces } from './lib/privacy.mjs';
import { classicToken, fineGrainedToken } from './lib/tokens.mjs';
import { waitFor } from './lib/wait.mjs';

const ALLOWED_HOSTS = new Set(['github.com', 'api.github.com', 'avatars.githubusercontent.com']);
const USER = { login: 'canary', avatar_url: 'https://avatars.githubusercontent.com/u/1?v=4' };

describe('canary: the token is nowhere it should not be', () => {
  let server;
  let browser;
  const tokens = [];
  /** Every request made by one of the extension's own contexts: its pages, the reminder's
   * frames, the service worker. */
  const extensionRequests = [];
  const record = (request) => {
    const from = request.serviceWorker?.()?.url() ?? request.frame?.()?.url() ?? '';
    if (from.startsWith('chrome-extension://')) extensionRequests.push(request.url());
  };
  const openPopup = async () => {
    const popup = await browser.openPopup();
    popup.on('request', record);
    return popup;
  };

  before(async () => {
    server = await new FakeGitHub().start();
    browser = await ExtensionBrowser.launch(server, { everyHost: true });
    browser.context.on('request', record);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://github.com' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Find any 8 characters of any canary token in `text`; returns the token's index or -1. */
  const leakIn = (text) => tokens.findIndex((token) => pieces(token).some((piece) => String(text).includes(piece)));

  test('popup: valid, invalid and unknown verdicts, and a revocation', async () => {
    const page = await browser.newPage();
    await page.goto('https://github.com/');
    await page.bringToFront();
    const popup = await openPopup();
    const cases = [
      [classicToken('ghp', 9001), () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: USER }), 'valid'],
      [fineGrainedToken(9101), () => ({ status: 401, body: { message: 'Bad credentials' } }), 'invalid'],
      [classicToken('gho', 9201), () => ({ status: 429, headers: { 'retry-after': '30' }, body: {} }), 'unknown'],
    ];
    for (const [token, answer, verdict] of cases) {
      tokens.push(token);
      server.answer('GET /user', answer);
      await popup.getByTestId('token-input').fill(token);
      await popup.getByTestId('validate').click();
      await waitFor(verdict, async () => (await popup.getByTestId('verdict').getAttribute('data-verdict').catch(() => null)) === verdict);
      // The extension's DOM holds the token only as the field's value (a property, not markup).
      assert.equal(leakIn(await popup.evaluate(() => document.documentElement.outerHTML)), -1, `popup DOM after ${verdict}`);
      if (verdict === 'valid') {
        server.answer('POST /credentials/revoke', () => ({ status: 202, body: {} }));
        await popup.getByTestId('revoke').click();
        await popup.getByTestId('revoke-confirm').click();
        await popup.getByTestId('revoke-result').waitFor();
      }
    }
    await popup.close();
    await page.close();
    await browser.releasePopups();
  });

  test('guardian: copy, acknowledge, check in place, leave', async () => {
    server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'gist' }, body: USER }));
    const page = await browser.newPage();
    await page.goto('https://github.com/settings/tokens/new');
    await page.click('#generate');
    tokens.push(await page.locator(NEW_CLASSIC).textContent());
    const { frame } = await banner(page);
    await press(frame, 'check');
    await frame.getByTestId('verdict').waitFor();
    assert.equal(leakIn(await frame.evaluate(() => document.documentElement.outerHTML)), -1, 'reminder DOM');
    await page.click(COPY_TOKEN);
    await waitForState(page, 'copied');
    // A fine-grained token, acknowledged from the reminder.
    await page.goto('https://github.com/settings/personal-access-tokens/new');
    await page.click('#generate');
    await page.locator('#new-access-token').waitFor({ state: 'attached' });
    tokens.push(await page.locator('#new-access-token').getAttribute('value'));
    const second = await banner(page);
    assert.equal(await reloadAsksToStay(page), true, 'leaving asks');
    await press(second.frame, 'ack');
    await waitForState(page, 'acknowledged');
    assert.equal(leakIn(await second.frame.evaluate(() => document.documentElement.outerHTML)), -1, 'reminder DOM');
    await page.goto('https://github.com/settings/profile'); // leave
    await page.close();
  });

  test('no storage area holds any part of a token', async () => {
    assert.equal(tokens.length, 5);
    const page = await browser.newPage();
    await page.goto('https://github.com/');
    await page.bringToFront();
    const popup = await openPopup();
    const stored = await popup.evaluate(async () => JSON.stringify({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
      sync: await chrome.storage.sync.get(null),
      web: { ...localStorage },
      webSession: { ...sessionStorage },
    }));
    assert.equal(leakIn(stored), -1, stored.slice(0, 200));
    assert.match(stored, /"memory"/, 'the session memory was read (it holds fingerprints only)');
    await popup.close();
    await page.close();
  });

  test('no console message of any context holds any part of a token', async () => {
    const messages = [...browser.consoleText, ...browser.log.split('\n').filter((line) => /CONSOLE/.test(line))];
    const leaked = messages.filter((text) => leakIn(text) !== -1);
    assert.deepEqual(leaked, []);
  });

  test('every request went to GitHub, the token only in Authorization (or the revocation body)', () => {
    // What the extension's own contexts asked for: its package, and GitHub's hosts only.
    const hosts = new Set(extensionRequests.filter((url) => !url.startsWith('chrome-extension://'))
      .map((url) => new URL(url).host));
    assert.ok(hosts.has('api.github.com'), `the extension's requests were recorded: ${[...hosts]}`);
    assert.deepEqual([...hosts].filter((host) => !ALLOWED_HOSTS.has(host)), [], 'the extension contacted another host');
    // Every name resolves to the fake GitHub: whatever reached another host (the browser's
    // own services) carries no part of a token.
    for (const request of server.requests.filter((r) => !ALLOWED_HOSTS.has(r.host))) {
      const seen = `${request.path}${request.search} ${JSON.stringify(request.headers)} ${request.body}`;
      assert.equal(leakIn(seen), -1, `${request.host}${request.path}`);
    }
    for (const token of tokens) assertTokenOnlyInAuthorization(server.requests, token);
    // And it did reach GitHub where it should: once per validation or check.
    assert.ok(server.requests.filter((r) => r.host === 'api.github.com' && r.headers.authorization).length >= 4);
  });

  test('the profile on disk holds no part of a token once the browser has quit', async () => {
    const closing = browser;
    browser = null;
    let scanned = 0;
    await closing.close({
      inspect: (closed) => {
        const found = [];
        const needles = tokens.flatMap((token) => pieces(token).filter((_, i) => i % 4 === 0))
          .flatMap((piece) => [Buffer.from(piece, 'latin1'), Buffer.from(piece, 'utf16le')]);
        for (const file of closed.profileFiles()) {
          let bytes;
          try { bytes = readFileSync(file); } catch { continue; }
          scanned += 1;
          if (needles.some((needle) => bytes.includes(needle))) found.push(file.slice(closed.profile.length));
        }
        assert.deepEqual(found, [], 'profile files holding part of a token');
      },
    });
    assert.ok(scanned > 20, `the profile was read (${scanned} files)`);
  });
});
