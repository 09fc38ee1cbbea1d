// The token page guardian in Chromium against the fake GitHub (real Turbo and
// <clipboard-copy>): notice the fresh token, remind once, track the copy, warn before it is
// lost, and check it in place.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeEach, describe, test } from 'node:test';

import { banner as bannerOf, bannerFrame as frameOf, generateClassic as generateIn, COPY_TOKEN, NEW_CLASSIC, press, READING_MS, reloadAsksToStay as asksToStay, waitForState, freshPage, decided, memoryMark, withGitHub, contentScriptRuns } from './lib/guardian.mjs';
import { assertTokenOnlyInAuthorization, holdsPart } from './lib/privacy.mjs';
import { classicToken, mistype } from './lib/tokens.mjs';
import { HANG } from './lib/fake-github.mjs';
import { sleep, waitFor as waitUntil } from './lib/wait.mjs';


const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('guardian', () => {
  let server;
  let browser;
  let page;

  withGitHub((launched) => ({ server, browser } = launched));

  beforeEach(async () => {
    page = await freshPage(browser, page);
    server.requests.length = 0;
    server.api.clear();
  });

  const bannerFrame = () => frameOf(page);
  const banner = (mode) => bannerOf(page, mode);
  const reloadAsksToStay = () => asksToStay(page);

  const generateClassic = () => generateIn(page);

  test('classic flow: reminder, leave warning, copy, then no warning', async () => {
    const token = await generateClassic();
    const { frame, element } = await banner();
    assert.equal(await element.getAttribute('data-state'), 'unsaved');
    assert.equal(await element.getAttribute('data-kind'), 'classic');
    assert.ok(!holdsPart(await frame.locator('body').innerHTML(), token), 'the reminder holds no part of the token');
    // A Turbo link would swap the page silently: it becomes a full navigation that asks.
    let asked = false;
    page.once('dialog', async (dialog) => { asked = dialog.type() === 'beforeunload'; await dialog.dismiss(); });
    await page.click('#nav-tokens');
    await waitUntil('the leave dialog on a Turbo link', () => asked, 5000);
    assert.equal(await page.locator(NEW_CLASSIC).count(), 1, 'still on the page');
    assert.equal(await reloadAsksToStay(), true, 'reload asks');
    // Copy with GitHub's own button.
    await page.click(COPY_TOKEN);
    await waitUntil('the banner to say copied', async () => (await element.getAttribute('data-state')) === 'copied');
    assert.equal(await reloadAsksToStay(), false, 'no dialog once copied');
  });

  test('the leave guard is armed, and then disarmed by acknowledging', async () => {
    await generateClassic();
    const { frame, element } = await banner();
    assert.equal(await reloadAsksToStay(), true);
    await press(frame, 'ack');
    await waitUntil('acknowledged', async () => (await element.getAttribute('data-state')) === 'acknowledged');
    await waitUntil('the guard to be disarmed', async () => !(await reloadAsksToStay()));
  });

  test('the page cannot fake a copy, probe the guard or send a Turbo visit elsewhere', async () => {
    const token = await generateClassic();
    await banner();
    const probed = await page.evaluate((value) => {
      // A script-made copy of a selection that holds the token, and a forged copy button.
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('.new-token #new-oauth-token'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.dispatchEvent(new Event('copy', { bubbles: true }));
      const button = document.querySelector('clipboard-copy[aria-label="Copy token"]');
      button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      button.dispatchEvent(new CustomEvent('clipboard-copy', { bubbles: true, detail: { value } }));
      // A script-made beforeunload and turbo:click learn nothing.
      const unload = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(unload);
      const link = document.querySelector('#nav-tokens');
      const click = new CustomEvent('turbo:click', { cancelable: true, bubbles: true, detail: { url: link.href, originalEvent: new MouseEvent('click') } });
      link.dispatchEvent(click);
      // A forged Turbo visit to another site is not followed.
      const visit = new CustomEvent('turbo:before-visit', { cancelable: true, bubbles: true, detail: { url: 'https://elsewhere.example/' } });
      document.dispatchEvent(visit);
      return { unload: unload.defaultPrevented, click: click.defaultPrevented, visit: visit.defaultPrevented };
    }, token);
    assert.deepEqual(probed, { unload: false, click: false, visit: false });
    await sleep(500);
    assert.equal(new URL(page.url()).host, 'github.com');
    assert.equal(await (await banner()).element.getAttribute('data-state'), 'unsaved', 'no copy was counted');
    assert.equal(await reloadAsksToStay(), true, 'still armed');
  });

  test('a banner the page framed itself cannot acknowledge, dismiss, check or resize the real one', async () => {
    await generateClassic();
    const { frame: real } = await banner();
    const realHeight = await page.evaluate(() => document.querySelector('li.new-token + div').getBoundingClientRect().height);
    // The page frames the web-accessible banner.html with whatever it can guess.
    await page.evaluate((id) => {
      const iframe = document.createElement('iframe');
      iframe.id = 'forged';
      iframe.src = `chrome-extension://${id}/banner.html?kind=classic&secret=token&fp=00ff#state=unsaved&key=${'0'.repeat(32)}`;
      iframe.style.height = '300px';
      document.querySelector('main').prepend(iframe);
    }, browser.extensionId);
    const forged = await waitUntil('the forged frame', () =>
      page.frames().find((f) => f.url().includes('fp=00ff')));
    await forged.getByTestId('banner').waitFor();
    // Its buttons, and the same messages sent straight from inside it: all refused by the
    // background, which knows the frame it mounted by the key in that frame's address.
    await press(forged, 'ack');
    await press(forged, 'dismiss');
    const replies = await forged.evaluate(async () => Promise.all([
      { type: 'token-acknowledged', fingerprint: '00ff' },
      { type: 'banner-dismissed' },
      { type: 'resize-banner', height: 600 },
      { type: 'check-shown-token' },
    ].map((message) => chrome.runtime.sendMessage(message))));
    for (const reply of replies) {
      assert.deepEqual(reply, { type: 'refused', reason: 'this reminder was not put there by PAT Guard' });
    }
    await sleep(300);
    // The real reminder is untouched, unsaved, the same size, and the guard still armed.
    assert.equal(await real.getByTestId('banner').getAttribute('data-state'), 'unsaved');
    assert.equal(await page.evaluate(() => document.querySelector('li.new-token + div').getBoundingClientRect().height), realHeight);
    assert.equal(await reloadAsksToStay(), true);
  });

  test('a click through an overlay the page made transparent to clicks does not count', async () => {
    await generateClassic();
    const { frame, element } = await banner();
    // A decoy over the reminder that lets clicks through: hit-testing alone cannot see it.
    await page.evaluate(() => {
      const box = document.querySelector('li.new-token + div').getBoundingClientRect();
      const decoy = document.createElement('div');
      decoy.textContent = 'Click here to win';
      Object.assign(decoy.style, { position: 'absolute', left: `${box.left + scrollX}px`, top: `${box.top + scrollY}px`,
        width: `${box.width}px`, height: `${box.height}px`, background: 'white', pointerEvents: 'none', zIndex: 10 });
      document.body.append(decoy);
    });
    await sleep(READING_MS);
    await frame.getByTestId('ack').click({ force: true });
    await frame.getByText(/PAT Guard ignored that click: something covers the reminder/).waitFor();
    assert.equal(await element.getAttribute('data-state'), 'unsaved');
    assert.equal(await reloadAsksToStay(), true, 'still armed');
  });

  test('a click on a reminder the page faded out or moved off screen does not count', async () => {
    await generateClassic();
    const { frame, element } = await banner();
    // Clickjacking: the page fades the reminder under something the user means to click.
    await page.evaluate(() => { document.querySelector('li.new-token + div').style.opacity = '0.05'; });
    await press(frame, 'ack');
    await frame.getByText(/PAT Guard ignored that click: the reminder is faded out/).waitFor();
    assert.equal(await element.getAttribute('data-state'), 'unsaved');
    assert.equal(await reloadAsksToStay(), true, 'still armed');
    // Restored, it works again once it has been seen for a moment.
    await page.evaluate(() => { document.querySelector('li.new-token + div').style.opacity = ''; });
    await press(frame, 'ack');
    await waitForState(page, 'acknowledged');
  });

  test('the service worker stopped mid-flow: the reminder still works and the guard stays armed', async () => {
    await generateClassic();
    const { frame, element } = await banner();
    const stopWorkers = async () => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    };
    await stopWorkers();
    assert.equal(await reloadAsksToStay(), true, 'armed while the worker is gone');
    // A click wakes it; what it remembered lives in storage.session.
    await press(frame, 'ack');
    await waitUntil('acknowledged', async () => (await element.getAttribute('data-state')) === 'acknowledged');
    await waitUntil('the guard to be disarmed', async () => !(await reloadAsksToStay()));
  });

  test('the service worker stopped during a check in place: a clear answer, no stuck spinner', async () => {
    server.answer('GET /user', async () => { await sleep(1500); return { headers: { 'x-oauth-scopes': 'gist' }, body: { login: 'octocat' } }; });
    await generateClassic();
    const { frame } = await banner();
    await press(frame, 'check');
    await frame.getByText('Asking GitHub').waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await waitUntil('the check to end', async () =>
      (await frame.getByTestId('check-error').count()) + (await frame.getByTestId('verdict').count()) > 0, 15_000);
    assert.equal(await frame.getByText('Asking GitHub').count(), 0, 'no spinner left');
    assert.equal(await frame.getByTestId('check').isDisabled(), false, 'it can be tried again');
    assert.equal(await reloadAsksToStay(), true, 'still armed');
  });

  test('100 rapid clicks on Check it send one request', async () => {
    server.answer('GET /user', async () => { await sleep(500); return { headers: { 'x-oauth-scopes': 'gist' }, body: { login: 'octocat' } }; });
    await generateClassic();
    const { frame } = await banner();
    server.requests.length = 0;
    await sleep(700); // the reminder has been seen
    await frame.evaluate(() => {
      const button = document.querySelector('[data-testid="check"]');
      for (let i = 0; i < 100; i++) button.click();
    });
    await frame.getByTestId('verdict').waitFor();
    await sleep(300);
    assert.equal(server.requests.filter((r) => r.path === '/user').length, 1);
  });

  test('memory updates sent at once are all kept (one at a time in the background)', async () => {
    await generateClassic();
    const { frame } = await banner();
    await sleep(READING_MS); // clicks from the reminder count once it has been seen
    // Twenty acknowledgements at once from the genuine reminder, each for another fingerprint:
    // loaded, changed and saved concurrently, all but one would be lost.
    const prints = Array.from({ length: 20 }, (_, i) => (i + 1).toString(16).padStart(32, '0'));
    const replies = await frame.evaluate((list) => Promise.all(list.map((fingerprint) =>
      chrome.runtime.sendMessage({ type: 'token-acknowledged', fingerprint }))), prints);
    assert.deepEqual(replies.map((reply) => reply.type), prints.map(() => 'ack'));
    const memory = await frame.evaluate(() => chrome.storage.session.get('memory'));
    const saved = memory.memory.saved.map(([fingerprint]) => fingerprint);
    assert.deepEqual(prints.filter((print) => !saved.includes(print)), [], 'every update was kept');
  });

  test('an acknowledged token gets no reminder again, also after a reload', async () => {
    const token = classicToken('ghp', 77);
    server.pendingClassicToken = token;
    await page.goto('https://github.com/settings/tokens');
    const { frame } = await banner();
    await press(frame, 'ack');
    await waitUntil('acknowledged', async () => (await frame.getByTestId('banner').getAttribute('data-state')) === 'acknowledged');
    server.pendingClassicToken = token; // a page that shows the same token again
    const mark = await memoryMark(browser);
    await page.reload();
    await page.locator(NEW_CLASSIC).waitFor();
    assert.equal((await decided(browser, page.url(), mark)).page, 'token-shown');
    assert.equal(bannerFrame(), undefined);
  });

  test('a copied token gets no reminder again, also after a reload', async () => {
    const token = classicToken('ghp', 82);
    server.pendingClassicToken = token;
    await page.goto('https://github.com/settings/tokens');
    await banner();
    await page.click(COPY_TOKEN);
    await waitForState(page, 'copied');
    server.pendingClassicToken = token;
    const mark = await memoryMark(browser);
    await page.reload();
    await page.locator(NEW_CLASSIC).waitFor();
    assert.equal((await decided(browser, page.url(), mark)).page, 'token-shown');
    assert.equal(bannerFrame(), undefined);
    assert.equal(await reloadAsksToStay(), false);
  });

  test('fine-grained flow: found in #new-access-token, with its late expiry, copied by selection', async () => {
    await page.goto('https://github.com/settings/personal-access-tokens/new');
    await page.click('#generate');
    await page.locator('#new-access-token').waitFor();
    const { frame, element } = await banner();
    assert.equal(await element.getAttribute('data-kind'), 'fine-grained');
    await waitUntil('the expiry', async () => /Expires on Tue, Jul 28 2026/.test(await frame.getByTestId('banner-expires').textContent().catch(() => '')));
    assert.equal(await reloadAsksToStay(), true);
    // Select the token in the read-only field and copy it with the keyboard.
    await page.locator('#new-access-token').selectText();
    await page.keyboard.press('Control+C');
    await waitUntil('copied', async () => (await element.getAttribute('data-state')) === 'copied');
    assert.equal(await reloadAsksToStay(), false);
  });

  test('a token shown after a Turbo navigation is noticed', async () => {
    await page.goto('https://github.com/settings/profile');
    await page.evaluate(() => { window.sameDocument = true; });
    server.pendingClassicToken = classicToken('ghp', 78);
    await page.click('#nav-tokens');
    await page.locator(NEW_CLASSIC).waitFor();
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
    await page.locator(NEW_CLASSIC).waitFor();
    await banner();
    await page.goBack();
    await page.waitForURL('**/settings/profile');
    const { frame, element } = await banner('lost');
    assert.equal(await element.getAttribute('data-testid'), 'token-lost');
    assert.equal(await frame.getByTestId('regenerate').getAttribute('href'), 'https://github.com/settings/tokens');
  });

  test('no reminder on list, new and other pages, nor for a string that fails its check value', async () => {
    for (const [path, kind] of [['/settings/tokens', 'token-list'], ['/settings/tokens/new', 'token-new'],
      ['/settings/personal-access-tokens', 'token-list']]) {
      const mark = await memoryMark(browser);
      await page.goto(`https://github.com${path}`);
      assert.equal((await decided(browser, page.url(), mark)).page, kind, path);
      assert.equal(bannerFrame(), undefined, path);
    }
    // Other pages send nothing at all (the last test proves it); nothing can mount there.
    for (const path of ['/settings/profile', '/octocat/hello']) {
      await page.goto(`https://github.com${path}`);
      assert.equal(bannerFrame(), undefined, path);
    }
    server.pendingClassicToken = mistype(classicToken('ghp', 80));
    const mark = await memoryMark(browser);
    await page.goto('https://github.com/settings/tokens');
    await page.locator(NEW_CLASSIC).waitFor();
    assert.equal((await decided(browser, page.url(), mark)).page, 'token-list', 'a mistyped token is no token');
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
    await press(frame, 'check');
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
    await press(frame, 'ack');
    await waitUntil('acknowledged', async () => (await frame.getByTestId('banner').getAttribute('data-state')) === 'acknowledged');
    popup = await browser.openPopup();
    await waitUntil('saved', async () => (await popup.getByTestId('page-status').getAttribute('data-saved')) === 'yes');
    await popup.close();
    await page.goto('https://github.com/settings/tokens/new');
    popup = await browser.openPopup();
    await waitUntil('the new page', async () => (await popup.getByTestId('page-status').getAttribute('data-page')) === 'token-new');
    await popup.close();
  });

  test('the popup\'s check of the page token is withdrawn: by Cancel, and by closing the popup', async () => {
    server.answer('GET /user', () => HANG);
    const userCalls = () => server.requests.filter((r) => r.host === 'api.github.com' && r.path === '/user');
    await generateClassic();
    await banner();
    for (const withdraw of ['cancel', 'close']) {
      await page.bringToFront();
      const before = userCalls().length;
      const popup = await browser.openPopup();
      const status = popup.getByTestId('page-status');
      await waitUntil('the page status', async () => (await status.getAttribute('data-page')) === 'token-shown');
      await popup.getByTestId('check-page-token').click();
      await popup.getByTestId('progress').waitFor();
      await waitUntil('the popup asks GitHub', () => userCalls().length === before + 1);
      if (withdraw === 'cancel') {
        await popup.getByTestId('cancel').click();
        await popup.getByTestId('progress').waitFor({ state: 'detached' });
        assert.equal(await popup.getByTestId('verdict').count(), 0, 'a withdrawn check decides nothing');
      }
      await waitUntil(`the request abandoned (${withdraw})`, () => withdraw === 'close' || userCalls().at(-1).abandoned);
      await popup.close();
      await waitUntil(`the request abandoned (${withdraw})`, () => userCalls().at(-1).abandoned);
    }
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
      await page.locator(NEW_CLASSIC).selectText();
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
    }
    // A barrier: a token page's report arrives after anything the pages above had sent.
    const mark = await memoryMark(browser);
    await page.goto('https://github.com/settings/tokens');
    await decided(browser, page.url(), mark);
    assert.equal(await browser.worker.evaluate(() => globalThis.messagesSeen), 1, 'only the barrier page reported');
    // The token page's script listens for the background (it has reported), a plain page's
    // does not: it never even reached the extension's API.
    const answers = (url) => browser.worker.evaluate(async (address) => {
      const [tab] = await chrome.tabs.query({ url: address });
      return chrome.tabs.sendMessage(tab.id, { type: 'nothing' }).then(() => 'answered', (e) => String(e.message));
    }, url);
    assert.equal(await answers(page.url()), 'answered');
    extensionRequests.length = 0; // the barrier page mounts nothing, but is not what is measured
    await page.goto('https://github.com/octocat/hello');
    await contentScriptRuns(page);
    assert.match(await answers(page.url()), /Receiving end does not exist/);
    assert.deepEqual(extensionRequests, []);
    assert.equal(page.frames().length, 1);
  });

  test('the banner has no accessibility violations (axe-core), also with a verdict card', async () => {
    server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: { login: 'octocat' } }));
    await generateClassic();
    const { frame } = await banner();
    const violations = async () => {
      await frame.evaluate(AXE);
      // The frame is part of GitHub's page, which has the one `main` and `h1` (#12: no second).
      const rules = { 'landmark-one-main': { enabled: false }, 'page-has-heading-one': { enabled: false } };
      const result = await frame.evaluate((r) => globalThis.axe.run(document, { resultTypes: ['violations'], rules: r }), rules);
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    assert.deepEqual(await violations(), []);
    await press(frame, 'check');
    await frame.getByTestId('verdict').waitFor();
    assert.deepEqual(await violations(), []);
  });

  test('no extension context logged an error', async () => {
    assert.deepEqual(browser.allProblems(), []);
  });
});
