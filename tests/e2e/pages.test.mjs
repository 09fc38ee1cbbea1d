// The guardian on pages shaped as github.com really serves them (docs/github-pages.md): long
// lists whose rows each carry a delete form with hidden inputs, filter forms, duplicated ids,
// the fine-grained confirmation frame, late include-fragments, and re-renders that remove
// what the extension inserted. Every one-time-secret flow, in Chromium.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';

import { banner, bannerFrame, bannerState, COPY_TOKEN, NEW_CLASSIC, reloadAsksToStay, waitForState, freshPage, decided, memoryMark, withGitHub } from './lib/guardian.mjs';
import { classicToken, fineGrainedToken } from './lib/tokens.mjs';
import { sleep, waitFor } from './lib/wait.mjs';

describe('real GitHub page shapes', () => {
  let server;
  let browser;
  let page;

  withGitHub((launched) => ({ server, browser } = launched));

  beforeEach(async () => {
    page = await freshPage(browser, page);
    server.fineGrainedFlow = { confirm: null, tag: 'input', rows: 300 };
    server.expirationDelayMs = 1200;
  });

  /** Count the page reports the background receives from now on (one listener for all tests). */
  const countFacts = () => browser.worker.evaluate(() => {
    globalThis.factsSeen = 0;
    if (globalThis.countingFacts) return;
    globalThis.countingFacts = true;
    chrome.runtime.onMessage.addListener((message) => { if (message?.type === 'page-facts') globalThis.factsSeen += 1; });
  });

  /** Copy with GitHub's own button and wait for the reminder to say so. */
  async function copyWithButton() {
    await page.click(COPY_TOKEN);
    await waitForState(page, 'copied');
    assert.equal(await reloadAsksToStay(page), false, 'no leave dialog once copied');
  }

  test('classic: the list with 40 rows, hidden inputs and an empty duplicate holder', async () => {
    await page.goto('https://github.com/settings/tokens/new');
    await page.click('#generate');
    const token = await page.locator(NEW_CLASSIC).textContent();
    assert.equal(await page.locator('#new-oauth-token').count(), 2, 'the page duplicates the id');
    assert.ok(await page.locator('input[type=hidden]').count() > 80);
    assert.deepEqual(await bannerState(page), { state: 'unsaved', kind: 'classic', expires: 'Expires on Tue, Jul 28 2026.' });
    assert.equal(await reloadAsksToStay(page), true, 'leaving asks');
    // The reminder sits right after the new token's row.
    const placed = await page.evaluate(() => document.querySelector('li.new-token').nextElementSibling?.shadowRoot === null
      && document.querySelector('li.new-token').nextElementSibling.tagName);
    assert.equal(placed, 'DIV');
    assert.equal(await page.locator(COPY_TOKEN).getAttribute('value'), token, 'the button carries the token');
    await copyWithButton();
  });

  test('classic: regenerating shows the new token on its detail page', async () => {
    await page.goto('https://github.com/settings/tokens/4242');
    await page.click('#regenerate-link');
    await page.click('#regenerate');
    await page.waitForURL('**/settings/tokens/4242');
    await page.locator(NEW_CLASSIC).waitFor();
    assert.deepEqual(await bannerState(page), { state: 'unsaved', kind: 'classic', expires: 'Expires on Wed, Dec 30 2026.' });
    assert.equal(await reloadAsksToStay(page), true);
    await copyWithButton();
  });

  for (const tag of ['input', 'clipboard-copy', 'div']) {
    test(`fine-grained: the token in #new-access-token's value (a ${tag}) among 300 rows`, async () => {
      server.fineGrainedFlow.tag = tag;
      server.expirationDelayMs = 2500;
      await page.goto('https://github.com/settings/personal-access-tokens/new');
      await page.click('#generate');
      await page.waitForURL('**/settings/personal-access-tokens');
      await page.locator('#new-access-token').waitFor({ state: 'attached' });
      assert.ok(await page.locator('li.access-token').count() > 300);
      // The reminder comes at once, before the row's date has loaded...
      const first = await bannerState(page);
      assert.equal(first.state, 'unsaved');
      assert.equal(first.kind, 'fine-grained');
      assert.equal(await page.locator('li.new-token').getByText('Loading expiration').count(), 1, 'the date is still loading');
      assert.equal(first.expires, null);
      // ...and shows the new row's own date once it arrives (other rows expire on another day).
      await waitFor('the expiry', async () => (await bannerState(page)).expires === 'Expires on Tue, Jul 28 2026.');
      assert.equal(await reloadAsksToStay(page), true);
      await copyWithButton();
    });
  }

  for (const via of ['frame', 'full', 'redirect']) {
    test(`fine-grained with the confirmation dialog: the token comes back by ${via}`, async () => {
      server.fineGrainedFlow.confirm = via;
      await page.goto('https://github.com/settings/personal-access-tokens/new');
      await page.click('#generate');
      await page.locator('dialog#confirm-fg-pat').waitFor();
      assert.equal(bannerFrame(page), undefined, 'no reminder for the dialog');
      await page.click('#confirm-generate');
      await page.locator('#new-access-token').waitFor({ state: 'attached' });
      if (via === 'frame') assert.match(page.url(), /\/settings\/personal-access-tokens\/new$/);
      if (via === 'full') await page.mouse.click(5, 300); // a new document: the user reads it first
      const state = await bannerState(page);
      assert.equal(state.state, 'unsaved');
      assert.equal(state.kind, 'fine-grained');
      await waitFor('the expiry', async () => (await bannerState(page)).expires === 'Expires on Tue, Jul 28 2026.');
      assert.equal(await reloadAsksToStay(page), true);
      await copyWithButton();
    });
  }

  test('fine-grained: the list as served during the beta, /settings/tokens?type=beta', async () => {
    server.fineGrained.set(77, fineGrainedToken(77));
    await page.goto('https://github.com/settings/tokens?type=beta');
    const state = await bannerState(page);
    assert.deepEqual([state.state, state.kind], ['unsaved', 'fine-grained']);
  });

  for (const base of ['/settings/applications/1234', '/organizations/acme/settings/applications/1234',
    '/settings/apps/acme-ci', '/organizations/acme/settings/apps/acme-ci']) {
    test(`a new client secret on ${base}`, async () => {
      await page.goto(`https://github.com${base}`);
      await page.click('#generate-secret');
      await page.locator('#new-oauth-token').waitFor();
      const { frame, element } = await banner(page);
      assert.equal(await element.getAttribute('data-state'), 'unsaved');
      assert.match(await frame.locator('.banner-text').textContent(), /client secret/);
      assert.equal(await frame.getByTestId('check').count(), 0, 'a client secret is not checked with the API');
      assert.equal(await reloadAsksToStay(page), true);
      await page.click('clipboard-copy');
      await waitForState(page, 'copied');
    });
  }

  test('the reminder comes back, as it was, when a re-render removes it', async () => {
    await page.goto('https://github.com/settings/tokens/new');
    await page.click('#generate');
    await page.locator(NEW_CLASSIC).waitFor();
    await banner(page);
    // What a re-render does: the page's HTML is rebuilt, without the extension's host.
    await page.evaluate(() => {
      const main = document.querySelector('main');
      main.innerHTML = main.innerHTML;
    });
    await waitFor('the reminder to come back', async () => (await bannerState(page).catch(() => ({}))).state === 'unsaved');
    assert.equal(await page.evaluate(() => document.querySelectorAll('iframe').length), 0, 'the page still sees no frame');
    assert.equal(await reloadAsksToStay(page), true, 'the guard stayed armed');
    // Copied, then removed again: it comes back saying copied.
    await page.click(COPY_TOKEN);
    await waitForState(page, 'copied');
    await page.evaluate(() => document.querySelector('li.new-token').nextElementSibling.remove());
    await waitFor('the reminder to come back copied', async () => (await bannerState(page).catch(() => ({}))).state === 'copied');
    // A page that moves it keeps it too.
    await page.evaluate(() => document.querySelector('h1').before(document.querySelector('li.new-token').nextElementSibling));
    await waitFor('the moved reminder to say copied', async () => (await bannerState(page).catch(() => ({}))).state === 'copied');
    assert.equal(await page.evaluate(() => document.querySelector('h1').previousElementSibling.tagName), 'DIV', 'left where the page put it');
  });

  test('a Turbo render at the same URL replaces the body: the reminder and guard survive', async () => {
    await page.goto('https://github.com/settings/tokens/new');
    await page.click('#generate');
    await page.locator(NEW_CLASSIC).waitFor();
    await banner(page);
    await page.evaluate(() => {
      const body = document.body.cloneNode(true);
      document.body.replaceWith(body);
      document.dispatchEvent(new Event('turbo:render'));
    });
    await waitFor('the reminder in the new body', async () =>
      (await page.evaluate(() => document.body.contains(document.querySelector('li.new-token + div'))))
      && (await bannerState(page).catch(() => ({}))).state === 'unsaved');
    assert.equal(await reloadAsksToStay(page), true);
  });

  test('if the background cannot answer, a page holding a token still asks before leaving', async () => {
    // An address longer than the background accepts: it refuses the whole report, so nobody
    // can tell whether this is a new token. The content script arms the guard anyway.
    server.pendingClassicToken = classicToken('ghp', 4200);
    await page.goto(`https://github.com/settings/tokens?pad=${'x'.repeat(3000)}`);
    await page.locator(NEW_CLASSIC).waitFor();
    await page.mouse.click(5, 300); // the user reads the page
    await waitFor('the guard, armed without an answer', () => reloadAsksToStay(page));
    assert.equal(bannerFrame(page), undefined, 'no reminder: nobody could tell');
  });

  test('a page quoting a token, with no notice and no new row, gets no reminder', async () => {
    await countFacts();
    await page.goto('https://github.com/settings/tokens');
    await waitFor('the first look at the page', () => browser.worker.evaluate(() => globalThis.factsSeen === 1));
    const mark = await memoryMark(browser);
    const quoted = classicToken('ghp', 4100);
    await page.evaluate((value) => {
      const p = document.createElement('p');
      p.textContent = `Old config: GITHUB_TOKEN=${value}`;
      document.querySelector('main').append(p);
      const copy = document.createElement('data');
      copy.setAttribute('value', value);
      document.querySelector('main').append(copy);
    }, quoted);
    // The content script looks again (the quote starts like a token) and is told: no.
    assert.equal((await decided(browser, page.url(), mark)).page, 'token-list', 'looked again, and told: no');
    assert.equal(await browser.worker.evaluate(() => globalThis.factsSeen), 2);
    assert.equal(bannerFrame(page), undefined);
  });

  test('script-made navigation events cannot make the content script report in a loop', async () => {
    await countFacts();
    await page.goto('https://github.com/settings/personal-access-tokens');
    await waitFor('the first look at the page', () => browser.worker.evaluate(() => globalThis.factsSeen === 1));
    await page.evaluate(() => {
      for (let i = 0; i < 200; i++) {
        for (const type of ['turbo:load', 'turbo:render', 'turbo:frame-load', 'soft-nav:end', 'soft-nav:react-done']) {
          document.dispatchEvent(new Event(type));
        }
        window.dispatchEvent(new PopStateEvent('popstate'));
      }
    });
    // A navigation event at an unchanged address is no reason to look again. A real change
    // that starts like a token is, and its report comes after any the events had caused.
    await page.evaluate(() => {
      const value = document.createElement('data');
      value.setAttribute('value', 'ghp_not_a_real_one');
      document.querySelector('main').append(value);
    });
    await waitFor('the look after the real change', () => browser.worker.evaluate(() => globalThis.factsSeen >= 2), 5000);
    assert.equal(await browser.worker.evaluate(() => globalThis.factsSeen), 2, 'only the real change was reported');
  });

  test('non-token pages cost nothing: no message, no frame, even under a storm of DOM changes', async () => {
    await browser.worker.evaluate(() => {
      globalThis.messagesSeen = 0;
      chrome.runtime.onMessage.addListener(() => { globalThis.messagesSeen += 1; });
    });
    await page.goto('https://github.com/octocat/hello');
    await page.evaluate(() => {
      const main = document.querySelector('main');
      for (let i = 0; i < 2000; i++) {
        const p = document.createElement('p');
        p.textContent = `ghp_ line ${i}`;
        main.append(p);
        if (i % 2) p.remove();
      }
      for (const type of ['turbo:load', 'turbo:render', 'soft-nav:end']) document.dispatchEvent(new Event(type));
    });
    assert.equal(page.frames().length, 1);
    // A barrier: a token page's report arrives after anything the page above had sent.
    const mark = await memoryMark(browser);
    await page.goto('https://github.com/settings/tokens');
    await decided(browser, page.url(), mark);
    assert.equal(await browser.worker.evaluate(() => globalThis.messagesSeen), 1, 'only the barrier page reported');
  });

  test('no extension context logged an error', async () => {
    assert.deepEqual(browser.allProblems(), []);
  });
});
