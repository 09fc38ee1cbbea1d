// Feels like part of GitHub (issue #12), in Chromium against the fake GitHub: the reminder
// follows GitHub's theme and fits any window; the popup's cards always offer the next step;
// focus, the announcement region, the toolbar badge; axe-core on every state, in both schemes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeEach, describe, test } from 'node:test';

import { banner as bannerOf, COPY_TOKEN, generateClassic as generateIn, NEW_CLASSIC, press, reloadAsksToStay, freshPage, withGitHub } from './lib/guardian.mjs';
import { validateIn } from './lib/popup.mjs';
import { classicToken, mistype } from './lib/tokens.mjs';
import { waitFor as waitUntil } from './lib/wait.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const USER = { login: 'octocat', name: 'The Octocat' };
const GITHUB_DEFAULT = { mode: 'auto', light: 'light', dark: 'dark' };
let seed = 7000;
const nextClassic = () => classicToken('ghp', seed++);

/** axe-core's violations in a frame or page, as "rule: targets" lines. */
async function violations(target, { inGitHubsPage = false } = {}) {
  await target.evaluate(AXE);
  const result = await target.evaluate((framed) => globalThis.axe.run(document, {
    resultTypes: ['violations'],
    // The reminder is part of GitHub's page, which has the page's one `main` and `h1`: those
    // page-level rules are GitHub's to meet, not the frame's.
    rules: framed ? { 'landmark-one-main': { enabled: false }, 'page-has-heading-one': { enabled: false } } : {},
  }), inGitHubsPage);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The relative luminance of a computed `rgb(…)` colour: dark backgrounds are below 0.2. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const focused = (target) => target.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.id ?? null);

describe('the reminder, in GitHub\'s page', () => {
  let server;
  let browser;
  let page;

  withGitHub((launched) => ({ server, browser } = launched));

  beforeEach(async () => {
    page = await freshPage(browser, page);
    await page.setViewportSize({ width: 1280, height: 800 });
    server.requests.length = 0;
    server.api.clear();
    server.colors = { ...GITHUB_DEFAULT };
  });

  const generateClassic = () => generateIn(page);

  test('follows GitHub\'s theme, also when the system says the opposite', async () => {
    const cases = [
      [{ mode: 'dark', light: 'light', dark: 'dark' }, 'light', 'dark'],
      [{ mode: 'light', light: 'light', dark: 'dark' }, 'dark', 'light'],
      [{ mode: 'auto', light: 'light', dark: 'dark_dimmed' }, 'dark', 'dark'],
      [{ mode: 'auto', light: 'light', dark: 'dark' }, 'light', 'light'],
    ];
    for (const [colors, system, expected] of cases) {
      server.colors = colors;
      await page.emulateMedia({ colorScheme: system });
      await generateClassic();
      const { frame, element } = await bannerOf(page);
      const label = `GitHub ${colors.mode}/${colors.dark}, system ${system}`;
      assert.equal(await element.getAttribute('data-theme'), expected, label);
      const background = await frame.evaluate(() => getComputedStyle(document.querySelector('.banner')).backgroundColor);
      assert.equal(luminance(background) < 0.2, expected === 'dark', `${label}: ${background}`);
      assert.deepEqual(await violations(frame, { inGitHubsPage: true }), [], label);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('reflows at 1280, 700, 480 and 320 px: nothing is cut off after a resize', async () => {
    await generateClassic();
    const { frame } = await bannerOf(page);
    for (const width of [1280, 700, 480, 320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await waitUntil(`nothing clipped at ${width} px`, () => frame.evaluate(() => {
        const inside = (element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && box.left >= 0 && box.top >= 0
            && box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5;
        };
        const root = document.documentElement;
        return [...document.querySelectorAll('button, .banner-text')].every(inside)
          && root.scrollHeight <= innerHeight + 1 && root.scrollWidth <= innerWidth + 1;
      }));
    }
  });

  test('✕ while unsaved shrinks it to a mark, keeps the guard, and focus goes somewhere useful', async () => {
    await generateClassic();
    const { frame, element } = await bannerOf(page);
    assert.equal(await frame.locator('main, h1').count(), 0, 'no second main or h1 in GitHub\'s page');
    await press(frame, 'dismiss');
    await waitUntil('the mark', async () => (await element.getAttribute('data-collapsed')) === 'true');
    assert.match(await frame.locator('.banner-text').textContent(), /not saved yet/);
    assert.equal(await focused(frame), 'expand');
    assert.deepEqual(await violations(frame, { inGitHubsPage: true }), [], 'the mark');
    assert.equal(await reloadAsksToStay(page), true, 'the leave guard is still armed');
    await frame.getByTestId('expand').press('Enter');
    await waitUntil('the full reminder', async () => (await element.getAttribute('data-collapsed')) === null);
    assert.equal(await focused(frame), 'ack');
    await press(frame, 'ack');
    await waitUntil('acknowledged', async () => (await element.getAttribute('data-state')) === 'acknowledged');
    assert.equal(await focused(frame), 'dismiss', 'focus stays in the reminder after its button goes');
    assert.deepEqual(await violations(frame, { inGitHubsPage: true }), [], 'acknowledged');
  });

  test('the toolbar badge says so while a fresh token is unsaved, and clears once it is saved', async () => {
    await page.bringToFront();
    const badge = () => browser.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return chrome.action.getBadgeText({ tabId: tab.id });
    });
    await page.goto('https://github.com/settings/tokens');
    await waitUntil('no badge on a page without a new token', async () => (await badge()) === '');
    // Copied.
    await generateClassic();
    await bannerOf(page);
    await waitUntil('the badge', async () => (await badge()) !== '');
    await page.click(COPY_TOKEN);
    await waitUntil('the badge cleared by the copy', async () => (await badge()) === '');
    // Acknowledged.
    await generateClassic();
    const { frame } = await bannerOf(page);
    await waitUntil('the badge again', async () => (await badge()) !== '');
    await press(frame, 'ack');
    await waitUntil('the badge cleared by "I\'ve saved it"', async () => (await badge()) === '');
  });

  test('a check in place that could not check offers Try again, which asks again', async () => {
    let calls = 0;
    server.answer('GET /user', () => (++calls === 1 ? { status: 502, body: {} } : { headers: { 'x-oauth-scopes': 'repo' }, body: USER }));
    await generateClassic();
    const { frame } = await bannerOf(page);
    await press(frame, 'check');
    const verdict = frame.getByTestId('verdict');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    await frame.getByTestId('retry').click();
    await waitUntil('valid after trying again', async () => (await verdict.getAttribute('data-verdict')) === 'valid');
    assert.equal(calls, 2);
  });

  test('the popup\'s check of the page token shows its card with the page line, without the typed token\'s revoke', async () => {
    // GitHub answers slowly enough for an Enter in the field to land while the check runs.
    server.answer('GET /user', () => new Promise((resolve) => {
      setTimeout(() => resolve({ headers: { 'x-oauth-scopes': 'gist' }, body: USER }), 800);
    }));
    await generateClassic();
    await bannerOf(page);
    await page.bringToFront();
    const popup = await browser.openPopup();
    await popup.getByTestId('token-input').fill(nextClassic()); // something else typed meanwhile
    const status = popup.getByTestId('page-status');
    await waitUntil('the page status', async () => (await status.getAttribute('data-page')) === 'token-shown');
    await popup.getByTestId('check-page-token').click();
    await popup.getByTestId('progress').waitFor();
    await popup.getByTestId('token-input').press('Enter'); // refused: one validation at a time
    const verdict = popup.getByTestId('verdict');
    await verdict.waitFor();
    const order = await popup.evaluate(() => {
      const at = (id) => document.querySelector(`[data-testid="${id}"]`);
      return at('verdict').compareDocumentPosition(at('token-input')) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order, 'the card comes before the field, under the page line');
    assert.equal(await popup.getByTestId('revoke').count(), 0, 'no revoke: the typed token is not the one checked');
    await popup.close();
    await browser.releasePopups();
  });

  test('the lost notice follows GitHub\'s theme and passes axe-core', async () => {
    server.colors = { mode: 'dark', light: 'light', dark: 'dark' };
    await page.goto('https://github.com/settings/profile');
    server.pendingClassicToken = nextClassic();
    await page.click('#nav-tokens');
    await page.locator(NEW_CLASSIC).waitFor();
    await bannerOf(page);
    await page.goBack();
    await page.waitForURL('**/settings/profile');
    const { frame, element } = await bannerOf(page, 'lost');
    assert.equal(await element.getAttribute('data-theme'), 'dark');
    assert.deepEqual(await violations(frame, { inGitHubsPage: true }), []);
  });
});

describe('the popup: a next step on every card', () => {
  let server;
  let browser;
  let popup;

  withGitHub((launched) => ({ server, browser } = launched));

  beforeEach(async () => {
    server.requests.length = 0;
    server.api.clear();
    await browser.releasePopups();
    popup = await browser.popupOverGitHub();
  });

  const validate = (token, answer) => validateIn(popup, server, token, answer);

  const axeBothSchemes = async (label) => {
    for (const scheme of ['light', 'dark']) {
      await popup.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await violations(popup), [], `${label}, ${scheme} scheme`);
    }
    await popup.emulateMedia({ colorScheme: 'light' });
  };

  test('opens with the field focused, one line on what PAT Guard does, and the announcement region already there', async () => {
    assert.equal(await focused(popup), 'token-input');
    await popup.keyboard.insertText(nextClassic());
    assert.equal((await popup.getByTestId('token-input').inputValue()).length, 40, 'typing (or Ctrl+V) goes straight in');
    await popup.getByTestId('token-input').fill('');
    assert.match(await popup.getByTestId('intro').textContent(), /token pages/);
    const announce = popup.getByTestId('announce');
    assert.equal(await announce.count(), 1);
    assert.equal(await announce.getAttribute('aria-live'), 'polite');
    assert.equal((await announce.textContent()).trim(), '', 'empty before any result');
    await axeBothSchemes('empty');
    await validate(nextClassic(), () => ({ headers: { 'x-oauth-scopes': 'gist' }, body: USER }));
    await waitUntil('the verdict announced', async () => /^Valid/.test(await announce.textContent()));
    await axeBothSchemes('valid');
  });

  test('the field works before the popup has started: a paste and Enter then still validate', async () => {
    const page = await browser.newPage();
    // Hold the wasm back for a moment, as a slow first start would.
    await page.addInitScript(() => {
      for (const name of ['instantiateStreaming', 'instantiate']) {
        const real = WebAssembly[name].bind(WebAssembly);
        WebAssembly[name] = (...args) => new Promise((resolve) => setTimeout(resolve, 1500)).then(() => real(...args));
      }
    });
    server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'gist' }, body: USER }));
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const field = page.getByTestId('token-input');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'token-input', 'focused at once');
    await field.fill(nextClassic());
    await field.press('Enter');
    assert.equal(await page.getByTestId('validate').count(), 0, 'the popup had not started yet');
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'valid');
    assert.equal(await page.getByTestId('token-input').count(), 1, 'one field: the page\'s own, adopted');
    await page.close();
  });

  test('unsendable input shows its verdict at once; Validate is off, with the reason', async () => {
    const mistyped = mistype(nextClassic());
    await popup.getByTestId('token-input').fill(mistyped);
    const verdict = popup.getByTestId('verdict');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'malformed');
    assert.equal(await popup.getByTestId('warning').getAttribute('data-code'), 'checksum-mismatch');
    assert.equal(await popup.getByTestId('validate').isDisabled(), true);
    assert.equal(await popup.getByTestId('validate').getAttribute('aria-describedby'), 'validate-reason');
    assert.match(await popup.getByTestId('announce').textContent(), /sent/);
    await axeBothSchemes('malformed');
    assert.deepEqual(server.requests.filter((r) => r.host === 'api.github.com'), []);
  });

  test('an invalid card links to making a new token', async () => {
    const verdict = await validate(nextClassic(), () => ({ status: 401, body: { message: 'Bad credentials' } }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'invalid');
    const link = popup.getByTestId('new-token');
    assert.equal(await link.evaluate((a) => a.tagName), 'A');
    assert.equal(await link.getAttribute('href'), 'https://github.com/settings/tokens/new');
    assert.equal(await popup.getByTestId('retry').count(), 0, 'no retry on a decided verdict');
    await axeBothSchemes('invalid');
  });

  test('every unknown card offers Try again: a server error at once, a rate limit after its countdown', async () => {
    let verdict = await validate(nextClassic(), () => ({ status: 500, body: {} }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    const retry = popup.getByTestId('retry');
    assert.equal(await retry.isEnabled(), true);
    await axeBothSchemes('unknown');
    server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: USER }));
    await retry.click();
    await waitUntil('valid after trying again', async () => (await verdict.getAttribute('data-verdict')) === 'valid');
    // The primary limit: wait until its reset, counting down.
    const reset = Math.floor(Date.now() / 1000) + 3;
    verdict = await validate(nextClassic(), () => ({
      status: 403,
      headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded' },
    }));
    assert.equal(await verdict.getAttribute('data-verdict'), 'unknown');
    assert.equal(await retry.isDisabled(), true);
    assert.match(await retry.textContent(), /Try again in \d s/);
    assert.doesNotMatch(await popup.getByTestId('warning').textContent(), /longer|extends/, 'waiting longer is not the primary limit\'s rule');
    await waitUntil('the countdown ends', async () => retry.isEnabled(), 8000);
    assert.equal(await retry.textContent(), 'Try again');
  });

  test('scope names are checked as they are typed', async () => {
    await popup.locator('details.setting summary').click();
    const field = popup.getByTestId('required-scopes');
    await field.pressSequentially('repo, read:orgs');
    assert.match(await popup.getByTestId('unknown-scopes').textContent(), /no scope named read:orgs/);
    assert.equal(await field.getAttribute('aria-describedby'), 'unknown-scopes');
    await axeBothSchemes('a mistyped scope');
    await field.press('Backspace');
    await popup.getByTestId('unknown-scopes').waitFor({ state: 'detached' });
    await field.fill('');
    await field.blur();
  });

  test('revoke: the confirmation takes focus, Escape closes it, and a revoked token is no longer called valid', async () => {
    await validate(nextClassic(), () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: USER }));
    await popup.getByTestId('revoke').click();
    await waitUntil('focus on the safe choice', async () => (await focused(popup)) === 'revoke-cancel');
    await axeBothSchemes('revoke confirmation');
    await popup.keyboard.press('Escape');
    await popup.getByTestId('revoke-confirm').waitFor({ state: 'detached' });
    await waitUntil('focus back on Revoke', async () => (await focused(popup)) === 'revoke');
    await popup.getByTestId('revoke').click();
    await popup.getByTestId('revoke-cancel').click();
    await waitUntil('focus back on Revoke after Keep it', async () => (await focused(popup)) === 'revoke');
    server.answer('POST /credentials/revoke', () => ({ status: 202, body: {} }));
    await popup.getByTestId('revoke').click();
    await popup.getByTestId('revoke-confirm').click();
    await popup.getByTestId('revoke-result').waitFor();
    await waitUntil('focus on the result', async () => (await focused(popup)) === 'revoke-result');
    assert.equal(await popup.getByTestId('verdict-title').textContent(), 'Revoked');
  });
});
