// The token page guardian in Chromium against the fake GitHub (real Turbo and
// <clipboard-copy>): notice the fresh token, remind once, track the copy, warn before it is
// lost, and check it in place.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, beforeEach, describe, test } from 'node:test';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { FakeGitHub } from './lib/fake-github.mjs';
import { assertTokenOnlyInAuthorization } from './lib/privacy.mjs';
import { classicToken, mistype } from './lib/tokens.mjs';
import { sleep, waitFor as waitUntil } from './lib/wait.mjs';


const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('guardian', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await new FakeGitHub().start();
    browser = await ExtensionBrowser.launch(server);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://github.com' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    await page?.close({ runBeforeUnload: false }).catch(() => {});
    page = await browser.newPage();
    server.requests.length = 0;
    server.api.clear();
  });

  const bannerFrame = () => page.frames().find((f) => f.url().split('?')[0].endsWith('/banner.html'));
  const banner = async (mode) => {
    const frame = await waitUntil('the banner frame', () => {
      const found = bannerFrame();
      return found && (!mode || found.url().includes(`mode=${mode}`)) ? found : null;
    });
    const element = frame.locator('[data-testid="banner"], [data-testid="token-lost"]');
    await element.first().waitFor();
    return { frame, element: element.first() };
  };
  /** Expect (or not) the browser's leave dialog when reloading; stay on the page if it comes. */
  async function reloadAsksToStay() {
    let asked = false;
    const onDialog = async (dialog) => {
      asked = dialog.type() === 'beforeunload';
      await dialog.dismiss();
    };
    page.on('dialog', onDialog);
    await Promise.race([page.reload({ timeout: 3000 }).catch(() => {}), sleep(1500)]);
    page.off('dialog', onDialog);
    return asked;
  }

  async function generateClassic() {
    await page.goto('https://github.com/settings/tokens/new');
    await page.click('#generate'); // a Turbo form submission, and the user's activation
    await page.locator('#new-oauth-token').waitFor();
    return page.locator('#new-oauth-token').textContent();
  }

  test('classic flow: reminder, leave warning, copy, then no warning', async () => {
    const token = await generateClassic();
    const { frame, element } = await banner();
    assert.equal(await element.getAttribute('data-state'), 'unsaved');
    assert.equal(await element.getAttribute('data-kind'), 'classic');
    assert.doesNotMatch(await frame.locator('body').innerHTML(), new RegExp(token.slice(4)));
    // A Turbo link would swap the page silently: it becomes a full navigation that asks.
    let asked = false;
    page.once('dialog', async (dialog) => { asked = dialog.type() === 'beforeunload'; await dialog.dismiss(); });
    await page.click('#nav-tokens');
    await waitUntil('the leave dialog on a Turbo link', () => asked, 5000);
    assert.equal(await page.locator('#new-oauth-token').count(), 1, 'still on the page');
    assert.equal(await reloadAsksToStay(), true, 'reload asks');
    // Copy with GitHub's own button.
    await page.click('clipboard-copy');
    await waitUntil('the banner to say copied', async () => (await element.getAttribute('data-state')) === 'copied');
    assert.equal(await reloadAsksToStay(), false, 'no dialog once copied');
  });

  test('the leave guard is armed, and then disarmed by acknowledging', async () => {
    await generateClassic();
    const { frame, element } = await banner();
    const guarded = () => page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.equal(await guarded(), true);
    await frame.getByTestId('ack').click();
    await waitUntil('acknowledged', async () => (await element.getAttribute('data-state')) === 'acknowledged');
    await waitUntil('the guard to be disarmed', async () => !(await guarded()));
    const turboClick = await page.evaluate(() => {
      const event = new CustomEvent('turbo:click', { cancelable: true, bubbles: true });
      document.querySelector('#nav-tokens').dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.equal(turboClick, false);
  });

  test('an acknowledged token gets no reminder again, also after a reload', async () => {
    const token = classicToken('ghp', 77);
    server.pendingClassicToken = token;
    await page.goto('https://github.com/settings/tokens');
    const { frame } = await banner();
    await frame.getByTestId('ack').click();
    await waitUntil('acknowledged', async () => (await frame.getByTestId('banner').getAttribute('data-state')) === 'acknowledged');
    server.pendingClassicToken = token; // a page that shows the same token again
    await page.reload();
    await page.locator('#new-oauth-token').waitFor();
    await sleep(1000);
    assert.equal(bannerFrame(), undefined);
  });

  test('a copied token gets no reminder again, also after a reload', async () => {
    const token = classicToken('ghp', 82);
    server.pendingClassicToken = token;
    await page.goto('https://github.com/settings/tokens');
    const { element } = await banner();
    await page.click('clipboard-copy');
    await waitUntil('copied', async () => (await element.getAttribute('data-state')) === 'copied');
    server.pendingClassicToken = token;
    await page.reload();
    await page.locator('#new-oauth-token').waitFor();
    await sleep(1000);
    assert.equal(bannerFrame(), undefined);
    assert.equal(await reloadAsksToStay(), false);
  });

  test('fine-grained flow: found in the copy button, with its expiry, copied by selection', async () => {
    await page.goto('https://github.com/settings/personal-access-tokens/new');
    await page.click('#generate');
    await page.locator('clipboard-copy[value]').waitFor();
    const { element } = await banner();
    assert.equal(await element.getAttribute('data-kind'), 'fine-grained');
    const { frame } = await banner();
    assert.match(await frame.getByTestId('banner-expires').textContent(), /Expires on Tue, Dec 1 2026/);
    assert.equal(await reloadAsksToStay(), true);
    // Select the token in the read-only field and copy it with the keyboard.
    await page.locator('input[readonly]').selectText();
    await page.keyboard.press('Control+C');
    await waitUntil('copied', async () => (await element.getAttribute('data-state')) === 'copied');
    assert.equal(await reloadAsksToStay(), false);
  });

  test('a token shown after a Turbo navigation is noticed', async () => {
    await page.goto('https://github.com/settings/profile');
    await page.evaluate(() => { window.sameDocument = true; });
    server.pendingClassicToken = classicToken('ghp', 78);
    await page.click('#nav-tokens');
    await page.locator('#new-oauth-token').waitFor();
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'Turbo did the navigation');
    const { element } = await banner();
    assert.equal(await element.getAttribute('data-state'), 'unsaved');
  });

  test('a token shown after a React soft navigation is noticed', async () => {
    await page.goto('https://github.com/settings/profile');
    const token = classicToken('ghp', 83);
    // What GitHub's React pages do: change the URL, render, then announce the navigation.
    await page.evaluate((value) => {
      history.pushState({}, '', '/settings/personal-access-tokens/99');
      const main = document.querySelector('main');
      main.replaceChildren();
      const notice = document.createElement('p');
      notice.textContent = 'Make sure to copy your personal access token now as you will not be able to see this again.';
      const copy = document.createElement('clipboard-copy');
      copy.setAttribute('value', value);
      copy.textContent = 'Copy';
      main.append(notice, copy);
      document.dispatchEvent(new Event('soft-nav:end'));
    }, token);
    const { element } = await banner();
    assert.equal(await element.getAttribute('data-kind'), 'classic');
  });

  test('a history navigation away from an unsaved token says it is gone', async () => {
    await page.goto('https://github.com/settings/profile');
    server.pendingClassicToken = classicToken('ghp', 79);
    await page.click('#nav-tokens');
    await page.locator('#new-oauth-token').waitFor();
    await banner();
    await page.goBack();
    await page.waitForURL('**/settings/profile');
    const { frame, element } = await banner('lost');
    assert.equal(await element.getAttribute('data-testid'), 'token-lost');
    assert.equal(await frame.getByTestId('regenerate').getAttribute('href'), 'https://github.com/settings/tokens');
  });

  test("an OAuth app's new client secret gets the same reminder", async () => {
    await page.goto('https://github.com/settings/applications/1234');
    await page.click('#generate-secret');
    await page.locator('#new-oauth-token').waitFor();
    const { frame, element } = await banner();
    assert.equal(await element.getAttribute('data-state'), 'unsaved');
    assert.match(await frame.locator('.banner-text').textContent(), /client secret/);
    assert.equal(await reloadAsksToStay(), true);
  });

  test('no reminder on list, new and other pages, nor for a string that fails its check value', async () => {
    for (const path of ['/settings/tokens', '/settings/tokens/new', '/settings/personal-access-tokens', '/settings/profile', '/octocat/hello']) {
      await page.goto(`https://github.com${path}`);
      await sleep(600);
      assert.equal(bannerFrame(), undefined, path);
    }
    server.pendingClassicToken = mistype(classicToken('ghp', 80));
    await page.goto('https://github.com/settings/tokens');
    await page.locator('#new-oauth-token').waitFor();
    await sleep(800);
    assert.equal(bannerFrame(), undefined, 'a mistyped token is no token');
    assert.equal(await reloadAsksToStay(), false);
  });

  test('Check it: the token is validated in place, without pasting', async () => {
    server.answer('GET /user', () => ({
      headers: { 'x-oauth-scopes': 'repo', 'github-authentication-token-expiration': '2027-03-01 10:00:00 UTC' },
      body: { login: 'octocat', name: 'The Octocat' },
    }));
    const token = await generateClassic();
    const { frame } = await banner();
    await frame.getByTestId('check').click();
    const verdict = frame.getByTestId('verdict');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'valid');
    assert.equal(await verdict.getAttribute('data-kind'), 'classic');
    assert.equal(await frame.getByTestId('login').textContent(), 'octocat');
    assert.equal(await frame.getByTestId('expiry').getAttribute('data-expires'), '2027-03-01T10:00:00Z');
    await waitUntil('the frame to grow to fit the card', async () =>
      (await page.evaluate(() => document.body.scrollHeight)) > 300);
    assertTokenOnlyInAuthorization(server.requests, token);
  });

  test('the popup shows the page state and checks the token in one click', async () => {
    server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'gist' }, body: { login: 'hubot' } }));
    await generateClassic();
    const { frame } = await banner();
    await page.bringToFront();
    let popup = await browser.openPopup();
    const status = popup.getByTestId('page-status');
    await waitUntil('the page status', async () => (await status.getAttribute('data-page')) === 'token-shown');
    assert.equal(await status.getAttribute('data-saved'), 'no');
    await popup.getByTestId('check-page-token').click();
    await popup.getByTestId('verdict').waitFor();
    assert.equal(await popup.getByTestId('verdict').getAttribute('data-verdict'), 'valid');
    assert.equal(await popup.getByTestId('login').textContent(), 'hubot');
    await popup.close();
    await frame.getByTestId('ack').click();
    await waitUntil('acknowledged', async () => (await frame.getByTestId('banner').getAttribute('data-state')) === 'acknowledged');
    popup = await browser.openPopup();
    await waitUntil('saved', async () => (await popup.getByTestId('page-status').getAttribute('data-saved')) === 'yes');
    await popup.close();
    await page.goto('https://github.com/settings/tokens/new');
    popup = await browser.openPopup();
    await waitUntil('the new page', async () => (await popup.getByTestId('page-status').getAttribute('data-page')) === 'token-new');
    await popup.close();
  });

  test('hostile markup does not break the shim, and page scripts see nothing of it', async () => {
    server.hostileMarkup = true;
    try {
      server.pendingClassicToken = classicToken('ghp', 81);
      await page.goto('https://github.com/settings/tokens');
      const { element } = await banner();
      const seen = await page.evaluate(() => ({
        globals: Object.keys(window).filter((k) => /pat|guard/i.test(k)),
        iframes: document.querySelectorAll('iframe').length,
        clobbered: document.getSelection instanceof HTMLImageElement && window.browser instanceof HTMLAnchorElement,
      }));
      assert.deepEqual(seen, { globals: [], iframes: 0, clobbered: true });
      await page.locator('#new-oauth-token').selectText();
      await page.keyboard.press('Control+C');
      await waitUntil('copied despite clobbering', async () => (await element.getAttribute('data-state')) === 'copied');
    } finally {
      server.hostileMarkup = false;
    }
  });

  test('a non-token GitHub page loads no wasm and sends no message', async () => {
    await browser.worker.evaluate(() => {
      globalThis.messagesSeen = 0;
      chrome.runtime.onMessage.addListener(() => { globalThis.messagesSeen += 1; });
    });
    const extensionRequests = [];
    page.on('request', (request) => { if (request.url().startsWith('chrome-extension://')) extensionRequests.push(request.url()); });
    for (const path of ['/octocat/hello', '/settings/profile', '/']) {
      await page.goto(`https://github.com${path}`);
      await page.reload();
      await sleep(500);
    }
    assert.equal(await browser.worker.evaluate(() => globalThis.messagesSeen), 0);
    assert.deepEqual(extensionRequests, []);
    assert.equal(page.frames().length, 1);
  });

  test('the banner has no accessibility violations (axe-core), also with a verdict card', async () => {
    server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: { login: 'octocat' } }));
    await generateClassic();
    const { frame } = await banner();
    const violations = async () => {
      await frame.evaluate(AXE);
      const result = await frame.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    assert.deepEqual(await violations(), []);
    await frame.getByTestId('check').click();
    await frame.getByTestId('verdict').waitFor();
    assert.deepEqual(await violations(), []);
  });

  test('no extension context logged an error', async () => {
    assert.deepEqual(browser.allProblems(), []);
  });
});
