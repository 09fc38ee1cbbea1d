// The same extension in Firefox ESR: the guardian's classic, fine-grained and client-secret
// flows on pages shaped as GitHub serves them, with the leave warning and GitHub's own copy
// buttons; the popup's valid / invalid / unknown verdicts, and the in-place check.
// Runs against the fake GitHub on 127.0.0.1:443 (every host name resolves there).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { By, Key, until } from 'selenium-webdriver';

import { CUT, ENTERPRISE_CLOUD, ENTERPRISE_SERVER, FakeGitHub, HUGE } from './lib/fake-github.mjs';
import { READING_MS } from './lib/guardian.mjs';
import { sleep } from './lib/wait.mjs';
import { BASE, FirefoxExtension, waitFor } from './lib/firefox.mjs';
import { ALL_API_HOSTS, assertTokenOnlyInAuthorization, holdsPart, pieces } from './lib/privacy.mjs';
import { classicToken, fineGrainedToken } from './lib/tokens.mjs';

const USER = { login: 'octocat', name: 'The Octocat' };

describe('in Firefox ESR', () => {
  /**
   * The popup's token field once the popup has started: the field is the page's own and
   * usable at once, but Enter validates only when the wasm is up (the Validate button is).
   */
  async function popupField() {
    await driver.wait(until.elementLocated(By.css('[data-testid="validate"]')), 10_000);
    return driver.findElement(By.css('[data-testid="token-input"]'));
  }

  /** Put `text` on the clipboard as a user would: from a field of the page, with Ctrl+C. */
  async function copyFromPage(text) {
    await driver.executeScript((t) => {
      const source = document.createElement('input');
      source.id = 'clipboard-source';
      source.value = t;
      document.querySelector('main').prepend(source);
    }, text);
    await driver.findElement(By.id('clipboard-source')).click();
    await driver.actions().keyDown(Key.CONTROL).sendKeys('a').sendKeys('c').keyUp(Key.CONTROL).perform();
  }

  let server;
  /** Tokens a test posted through the page on purpose (the user's choice), and where. */
  const postedOnPurpose = new Map();
  let firefox;
  let driver;

  before(async () => {
    // network.dns.forceResolve sends every host to 127.0.0.1, with the standard port.
    server = await new FakeGitHub().start(443).catch((error) => {
      throw new Error(`the Firefox suite needs to listen on 127.0.0.1:443 (run it as root): ${error.message}`);
    });
    firefox = await FirefoxExtension.launch();
    driver = firefox.driver;
  });

  after(async () => {
    await firefox?.quit();
    await server?.stop();
  });

  /** Whether leaving would raise the leave dialog (asked of Firefox, with trusted events). */
  const guarded = async () => !(await firefox.leaveAllowed());
  const bannerState = async () => {
    const frame = await waitFor('the banner frame', () => firefox.frameContext(`${BASE}/banner.html`));
    return waitFor('the banner', () => firefox.evaluateIn(frame, `async () => {
      const banner = document.querySelector('[data-testid="banner"]');
      return banner && { state: banner.dataset.state, kind: banner.dataset.kind };
    }`));
  };
  const bannerExpires = async () => {
    const frame = await firefox.frameContext(`${BASE}/banner.html`);
    return firefox.evaluateIn(frame, `async () => document.querySelector('[data-testid="banner-expires"]')?.textContent.trim() ?? null`);
  };
  const waitForState = (state) => waitFor(`the reminder to say ${state}`, async () => (await bannerState()).state === state);

  test("classic flow on the real list: reminder, the leave guard, GitHub's copy button disarms it", async () => {
    await driver.get('https://github.com/settings/tokens/new');
    await driver.findElement(By.id('generate')).click();
    await driver.wait(until.elementLocated(By.css('.new-token #new-oauth-token')), 10_000);
    assert.deepEqual(await bannerState(), { state: 'unsaved', kind: 'classic' });
    assert.equal(await bannerExpires(), 'Expires on Tue, Jul 28 2026.');
    assert.equal(await guarded(), true);
    // A script-made beforeunload learns nothing; the real one is still answered.
    assert.equal(await driver.executeScript(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    }), false);
    // GitHub's copy button, which carries the token in its value.
    await driver.findElement(By.css('clipboard-copy[aria-label="Copy token"]')).click();
    await waitForState('copied');
    await waitFor('the guard to be disarmed', async () => !(await guarded()));
  });

  test('classic flow: a copy by selection disarms the guard too', async () => {
    await driver.get('https://github.com/settings/tokens/new');
    await driver.findElement(By.id('generate')).click();
    await driver.wait(until.elementLocated(By.css('.new-token #new-oauth-token')), 10_000);
    await bannerState();
    await driver.executeScript(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('.new-token #new-oauth-token'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    });
    await driver.actions().keyDown(Key.CONTROL).sendKeys('c').keyUp(Key.CONTROL).perform();
    await waitForState('copied');
    await waitFor('the guard to be disarmed', async () => !(await guarded()));
  });

  test('fine-grained on the real list of 300 rows: reminder, late expiry, acknowledged', async () => {
    server.fineGrainedFlow = { confirm: null, tag: 'input', rows: 300 };
    await driver.get('https://github.com/settings/personal-access-tokens/new');
    await driver.findElement(By.id('generate')).click();
    await driver.wait(until.elementLocated(By.css('#new-access-token')), 10_000);
    assert.deepEqual(await bannerState(), { state: 'unsaved', kind: 'fine-grained' });
    assert.equal(await guarded(), true);
    await waitFor('the expiry', async () => (await bannerExpires()) === 'Expires on Tue, Jul 28 2026.');
    const frame = await firefox.frameContext(`${BASE}/banner.html`);
    await sleep(READING_MS); // clicks count once the reminder has been on screen a moment
    await firefox.evaluateIn(frame, `async () => { document.querySelector('[data-testid="ack"]').click(); return true; }`);
    await waitForState('acknowledged');
    await waitFor('the guard to be disarmed', async () => !(await guarded()));
  });

  test('fine-grained through the confirmation frame, copied with its button', async () => {
    server.fineGrainedFlow = { confirm: 'frame', tag: 'clipboard-copy', rows: 50 };
    await driver.get('https://github.com/settings/personal-access-tokens/new');
    await driver.findElement(By.id('generate')).click();
    await driver.wait(until.elementLocated(By.id('confirm-generate')), 10_000).click();
    await driver.wait(until.elementLocated(By.css('#new-access-token')), 10_000);
    assert.deepEqual(await bannerState(), { state: 'unsaved', kind: 'fine-grained' });
    assert.equal(await guarded(), true);
    await driver.findElement(By.css('clipboard-copy[aria-label="Copy token"]')).click();
    await waitForState('copied');
    await waitFor('the guard to be disarmed', async () => !(await guarded()));
  });

  test('the background stopped mid-flow: the guard stays armed and the reminder still works', async () => {
    await driver.get('https://github.com/settings/tokens/new');
    await driver.findElement(By.id('generate')).click();
    await driver.wait(until.elementLocated(By.css('.new-token #new-oauth-token')), 10_000);
    await bannerState();
    assert.equal(await firefox.stopBackground(), true);
    assert.equal(await guarded(), true, 'armed while the background is gone');
    const frame = await firefox.frameContext(`${BASE}/banner.html`);
    await sleep(READING_MS);
    await firefox.evaluateIn(frame, `async () => { document.querySelector('[data-testid="ack"]').click(); return true; }`);
    await waitForState('acknowledged');
    await waitFor('the guard to be disarmed', async () => !(await guarded()));
  });

  for (const [name, answer] of [['cut mid-answer', () => CUT], ['never-ending answer', () => HUGE]]) {
    test(`popup: a ${name} is unknown, never invalid`, async () => {
      server.answer('GET /user', answer);
      await firefox.openExtensionPage('popup.html');
      const input = await popupField();
      await input.sendKeys(classicToken('ghp', 540 + name.length), Key.ENTER);
      const card = await driver.wait(until.elementLocated(By.css('[data-testid="verdict"]')), 15_000);
      assert.equal(await card.getAttribute('data-verdict'), 'unknown');
      assert.equal((await driver.findElements(By.css('[data-testid="progress"]'))).length, 0, 'no spinner left');
    });
  }

  test('the reminder comes back after a re-render, and the guard stays armed', async () => {
    await driver.get('https://github.com/settings/tokens/new');
    await driver.findElement(By.id('generate')).click();
    await driver.wait(until.elementLocated(By.css('.new-token #new-oauth-token')), 10_000);
    await bannerState();
    await driver.executeScript(() => {
      const main = document.querySelector('main');
      main.innerHTML = main.innerHTML;
    });
    assert.deepEqual(await bannerState(), { state: 'unsaved', kind: 'classic' });
    assert.equal(await guarded(), true);
  });

  test("a GitHub App's new client secret in an organisation gets the reminder", async () => {
    await driver.get('https://github.com/organizations/acme/settings/apps/acme-ci');
    await driver.findElement(By.id('generate-secret')).click();
    await driver.wait(until.elementLocated(By.css('#new-oauth-token')), 10_000);
    assert.equal((await bannerState()).state, 'unsaved');
    assert.equal(await guarded(), true);
  });

  /**
   * Generate a classic token on `host`'s page and press the reminder's Check it: the token,
   * what the card says, and the reminder's markup.
   */
  async function checkInPlace(host) {
    server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'gist' }, body: USER }));
    await driver.get(`https://${host}/settings/tokens/new`);
    await driver.findElement(By.id('generate')).click();
    const token = await (await driver.wait(until.elementLocated(By.css('.new-token #new-oauth-token')), 10_000)).getText();
    await bannerState();
    const frame = await firefox.frameContext(`${BASE}/banner.html`);
    await sleep(READING_MS);
    await firefox.evaluateIn(frame, `async () => { document.querySelector('[data-testid="check"]').click(); return true; }`);
    const verdict = await waitFor('the verdict', () => firefox.evaluateIn(frame, `async () => {
      const card = document.querySelector('[data-testid="verdict"]');
      return card && { verdict: card.dataset.verdict, host: card.dataset.host, login: document.querySelector('[data-testid="login"]')?.textContent };
    }`));
    const html = await firefox.evaluateIn(frame, `async () => document.documentElement.outerHTML`);
    return { token, verdict, html };
  }

  test('the in-place check validates the shown token with GitHub', async () => {
    server.requests.length = 0;
    const { token, verdict, html } = await checkInPlace('github.com');
    assert.deepEqual(verdict, { verdict: 'valid', host: 'github.com', login: 'octocat' });
    assert.ok(!holdsPart(html, token), 'the reminder holds no part of the token');
    assertTokenOnlyInAuthorization(server.requests, token);
  });

  for (const [name, token, answer, expected] of [
    ['valid', classicToken('ghp', 501), () => ({ headers: { 'x-oauth-scopes': 'repo', 'github-authentication-token-expiration': '2027-01-02 03:04:05 UTC' }, body: USER }), 'valid'],
    ['invalid', fineGrainedToken(502), () => ({ status: 401, body: { message: 'Bad credentials' } }), 'invalid'],
    ['unknown (rate limited)', classicToken('ghp', 503), () => ({ status: 429, headers: { 'retry-after': '30' }, body: {} }), 'unknown'],
  ]) {
    test(`popup: ${name}`, async () => {
      server.requests.length = 0;
      server.answer('GET /user', answer);
      await firefox.openExtensionPage('popup.html');
      const input = await popupField();
      await input.sendKeys(token, Key.ENTER);
      const card = await driver.wait(until.elementLocated(By.css('[data-testid="verdict"]')), 15_000);
      assert.equal(await card.getAttribute('data-verdict'), expected);
      if (expected === 'valid') {
        assert.equal(await driver.findElement(By.css('[data-testid="login"]')).getText(), 'octocat');
        assert.equal(await driver.findElement(By.css('[data-testid="expiry"]')).getAttribute('data-expires'), '2027-01-02T03:04:05Z');
      }
      assert.equal(await driver.findElements(By.css('[data-testid="host-access"]')).then((found) => found.length), 0,
        'the temporary add-on has its host permissions');
      // The popup's DOM holds the token only as the field's value (a property, not markup).
      assert.ok(!holdsPart(await driver.executeScript(() => document.documentElement.outerHTML), token),
        'the popup shows no part of the token');
      assertTokenOnlyInAuthorization(server.requests, token);
    });
  }

  test('popup: Firefox offers to keep nothing typed into the token field', async () => {
    server.requests.length = 0;
    server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: USER }));
    await firefox.openExtensionPage('popup.html');
    const input = await popupField();
    await input.sendKeys(classicToken('ghp', 520), Key.ENTER);
    await driver.wait(until.elementLocated(By.css('[data-testid="verdict"]')), 15_000);
    // Leaving the page is when Firefox offers to save what a login form held.
    await driver.get('https://github.com/settings/profile');
    await driver.wait(until.elementLocated(By.css('h1')), 10_000);
    await sleep(1000);
    assert.equal(await firefox.offersToSavePassword(), false, 'Firefox offers to save the token');
    await firefox.openExtensionPage('popup.html');
    const field = await popupField();
    assert.notEqual(await field.getAttribute('type'), 'password', 'no login field for password managers');
    assert.equal(await field.getAttribute('autocomplete'), 'off');
  });

  describe('GitHub Enterprise', () => {
    // The host list loads after the popup starts: wait for the row.
    const hostRow = (name) => driver.wait(until.elementLocated(By.css(`[data-testid="host"][data-host="${name}"]`)), 10_000);
    const rows = async () => Promise.all((await driver.findElements(By.css('[data-testid="host"]'))).map(async (row) => ({
      host: await row.getAttribute('data-host'),
      api: await row.getAttribute('data-api'),
      granted: await row.getAttribute('data-granted'),
      managed: await row.getAttribute('data-managed'),
    })));
    const addHost = async (text) => {
      const input = await driver.wait(until.elementLocated(By.css('[data-testid="host-input"]')), 10_000);
      await input.clear();
      await input.sendKeys(text);
      await driver.findElement(By.css('[data-testid="host-add"]')).click();
    };
    const granted = (patterns) => driver.executeScript((origins) => browser.permissions.contains({ origins }), patterns);

    test('a host that is not a plain https host is refused, with the reason', async () => {
      await firefox.openExtensionPage('popup.html');
      await popupField();
      assert.deepEqual(await rows(), [], 'no host before the user adds one');
      assert.equal(await granted([`https://${ENTERPRISE_SERVER}/*`]), false, 'nothing granted up front');
      for (const [text, reason] of [
        [`http://${ENTERPRISE_SERVER}`, /https/],
        [`${ENTERPRISE_SERVER}/api/v3`, /path/],
        [`me@${ENTERPRISE_SERVER}`, /user name/],
        ['10.1.2.3', /https:\/\/ in front/],
      ]) {
        await addHost(text);
        const error = await driver.wait(until.elementLocated(By.css('[data-testid="host-error"]')), 5_000);
        assert.match(await error.getText(), reason, text);
      }
      assert.deepEqual(await rows(), []);
    });

    test('adding a Server and a GHE.com host asks for exactly their origins', async () => {
      await firefox.openExtensionPage('popup.html');
      await popupField();
      await addHost(ENTERPRISE_SERVER);
      await waitFor('the server to be listed as granted', async () =>
        (await rows()).some((row) => row.host === ENTERPRISE_SERVER && row.granted === 'true'));
      await addHost(`https://${ENTERPRISE_CLOUD}/`);
      await waitFor('the tenant to be listed as granted', async () =>
        (await rows()).some((row) => row.host === ENTERPRISE_CLOUD && row.granted === 'true'));
      assert.deepEqual(await rows(), [
        { host: ENTERPRISE_SERVER, api: `https://${ENTERPRISE_SERVER}`, granted: 'true', managed: 'false' },
        { host: ENTERPRISE_CLOUD, api: `https://api.${ENTERPRISE_CLOUD}`, granted: 'true', managed: 'false' },
      ]);
      assert.equal(await granted([`https://${ENTERPRISE_SERVER}/*`, `https://${ENTERPRISE_CLOUD}/*`, `https://api.${ENTERPRISE_CLOUD}/*`]), true);
      assert.equal(await granted(['https://elsewhere.test/*']), false, 'no other host was granted');
      // The background watches both hosts' pages now.
      await waitFor('the content scripts', async () => (await driver.executeScript(() =>
        browser.scripting.getRegisteredContentScripts().then((scripts) => scripts.map((s) => s.id).sort())))
        .join() === [`host:${ENTERPRISE_CLOUD}`, `host:${ENTERPRISE_SERVER}`].sort().join());
    });

    for (const host of [ENTERPRISE_SERVER, ENTERPRISE_CLOUD]) {
      test(`the guardian on ${host}: reminder, leave guard, copy`, async () => {
        await driver.get(`https://${host}/settings/tokens/new`);
        await driver.findElement(By.id('generate')).click();
        await driver.wait(until.elementLocated(By.css('.new-token #new-oauth-token')), 10_000);
        assert.deepEqual(await bannerState(), { state: 'unsaved', kind: 'classic' });
        assert.equal(await guarded(), true);
        await driver.findElement(By.css('clipboard-copy[aria-label="Copy token"]')).click();
        await waitForState('copied');
        await waitFor('the guard to be disarmed', async () => !(await guarded()));
      });

      test(`the in-place check on ${host} asks that host's API`, async () => {
        const { token, verdict } = await checkInPlace(host);
        assert.deepEqual(verdict, { verdict: 'valid', host, login: 'octocat' });
        const apiHost = host === ENTERPRISE_SERVER ? ENTERPRISE_SERVER : `api.${ENTERPRISE_CLOUD}`;
        assertTokenOnlyInAuthorization(server.requests, token, [apiHost]);
        assert.equal(server.requests.filter((r) => String(r.headers.authorization ?? '').includes(token)).length, 1);
      });

      test(`validation against ${host}'s API, chosen in the popup`, async () => {
        // An Enterprise Server with rate limiting off sends no rate-limit headers.
        server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: USER }));
        const token = classicToken('ghp', 560 + host.length);
        await firefox.openExtensionPage('popup.html');
        const input = await popupField();
        const choice = await driver.findElement(By.css('[data-testid="api-host"]'));
        assert.equal(await choice.getAttribute('value'), 'github.com', 'github.com by default');
        await choice.findElement(By.css(`option[value="${host}"]`)).click();
        await input.sendKeys(token, Key.ENTER);
        const card = await driver.wait(until.elementLocated(By.css('[data-testid="verdict"]')), 15_000);
        assert.equal(await card.getAttribute('data-verdict'), 'valid');
        assert.equal(await card.getAttribute('data-host'), host);
        assert.match(await driver.findElement(By.css('[data-testid="answered-by"]')).getText(), new RegExp(host.replace(/\./g, '\\.')));
        const sent = server.requests.filter((r) => String(r.headers.authorization ?? '').includes(token));
        const expected = host === ENTERPRISE_SERVER ? [ENTERPRISE_SERVER, '/api/v3/user'] : [`api.${ENTERPRISE_CLOUD}`, '/user'];
        assert.deepEqual(sent.map((r) => [r.host, r.path]), [expected], "the token went to that host's API only");
        assertTokenOnlyInAuthorization(server.requests, token, [expected[0]]);
        if (host !== ENTERPRISE_SERVER) return;
        // A server without the revocation endpoint: said so, with a link to its token settings.
        server.answer('POST /credentials/revoke', () => ({ status: 404, body: { message: 'Not Found' } }));
        await driver.findElement(By.css('[data-testid="revoke"]')).click();
        await driver.wait(until.elementLocated(By.css('[data-testid="revoke-confirm"]')), 5_000).click();
        const result = await driver.wait(until.elementLocated(By.css('[data-testid="revoke-result"]')), 10_000);
        assert.equal(await result.getAttribute('data-outcome'), 'not-offered');
        assert.equal(await driver.findElement(By.css('[data-testid="token-settings"]')).getAttribute('href'),
          `https://${ENTERPRISE_SERVER}/settings/tokens`);
        assert.deepEqual(server.requests.filter((r) => r.path.endsWith('/credentials/revoke')).map((r) => `${r.host}${r.path}`),
          [`${ENTERPRISE_SERVER}/api/v3/credentials/revoke`]);
        assertTokenOnlyInAuthorization(server.requests, token, [expected[0]]);
        server.api.delete('POST /credentials/revoke');
      });
    }

    test(`a token posted on ${ENTERPRISE_SERVER} anyway: its warning checks and revokes it with that host's API`, async () => {
      // The warning is a frame with no permissions API in Firefox: it goes by the host the
      // background handed it with the token.
      server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: USER }));
      let revokeBody;
      server.answer('POST /credentials/revoke', (req, body) => { revokeBody = JSON.parse(body); return { status: 202, body: {} }; });
      const token = classicToken('ghp', 590);
      await driver.get(`https://${ENTERPRISE_SERVER}/octo/repo/issues/1`);
      await copyFromPage(token);
      const box = driver.findElement(By.css('[data-react-comment] textarea'));
      await box.click();
      await driver.actions().keyDown(Key.CONTROL).sendKeys('v').keyUp(Key.CONTROL).perform();
      const inWarning = async (script) => {
        const frame = await firefox.frameContext(`${BASE}/banner.html?mode=leak`);
        return frame && firefox.evaluateIn(frame, script);
      };
      const state = () => inWarning(`async () => document.querySelector('[data-testid="leak-warning"]')?.dataset.state ?? null`);
      await waitFor('the warning', async () => (await state()) === 'warning');
      await box.sendKeys(Key.chord(Key.ALT, 's')); // the page posts it: no one can hold that
      await waitFor('the warning to say it was posted', async () => (await state()) === 'posted');
      await sleep(READING_MS);
      const click = (testid) => inWarning(`async () => { document.querySelector('[data-testid="${testid}"]').click(); return true; }`);
      await click('check');
      const verdict = await waitFor('the verdict', () => inWarning(`async () => {
        const card = document.querySelector('[data-testid="verdict"]');
        return card && { verdict: card.dataset.verdict, host: card.dataset.host };
      }`));
      assert.deepEqual(verdict, { verdict: 'valid', host: ENTERPRISE_SERVER });
      await click('revoke');
      await waitFor('the confirmation', () => inWarning(`async () => !!document.querySelector('[data-testid="revoke-confirm"]')`));
      await click('revoke-confirm');
      const outcome = await waitFor('the outcome', () => inWarning(`async () => document.querySelector('[data-testid="revoke-result"]')?.dataset.outcome ?? null`));
      assert.equal(outcome, 'revoked');
      postedOnPurpose.set(token, '/octo/repo/issues/1/comments');
      assert.deepEqual(revokeBody, { credentials: [token] });
      assert.deepEqual(server.requests.filter((r) => r.path.endsWith('/credentials/revoke')).map((r) => `${r.host}${r.path}`).slice(-1),
        [`${ENTERPRISE_SERVER}/api/v3/credentials/revoke`]);
      server.api.delete('POST /credentials/revoke');
    });

    test('removing a host gives its permission back and stops watching it', async () => {
      await firefox.openExtensionPage('popup.html');
      await popupField();
      await (await hostRow(ENTERPRISE_CLOUD)).findElement(By.css('[data-testid="host-remove"]')).click();
      await waitFor('the host to go', async () => !(await rows()).some((row) => row.host === ENTERPRISE_CLOUD));
      assert.equal(await granted([`https://${ENTERPRISE_CLOUD}/*`]), false);
      assert.equal(await granted([`https://api.${ENTERPRISE_CLOUD}/*`]), false);
      await waitFor('the content script to be unregistered', async () => (await driver.executeScript(() =>
        browser.scripting.getRegisteredContentScripts().then((scripts) => scripts.map((s) => s.id).join()))) === `host:${ENTERPRISE_SERVER}`);
      const choices = await driver.findElements(By.css(`[data-testid="api-host"] option[value="${ENTERPRISE_CLOUD}"]`));
      assert.equal(choices.length, 0, 'no longer offered as a server');
      // Its token pages get no reminder now.
      await driver.get(`https://${ENTERPRISE_CLOUD}/settings/tokens/new`);
      await driver.findElement(By.id('generate')).click();
      await driver.wait(until.elementLocated(By.css('.new-token #new-oauth-token')), 10_000);
      await sleep(1500);
      assert.equal(await firefox.frameContext(`${BASE}/banner.html`), null, 'no reminder on a removed host');
    });
  });

  test('leak guard: a token pasted into an issue is warned about, the post held, then removed', async () => {
    await driver.get('https://github.com/octo/repo/issues/new');
    const token = classicToken('ghp', 580);
    // A real paste: the token copied from a field of the page, pasted with the keyboard.
    await copyFromPage(token);
    const body = driver.findElement(By.id('issue_body'));
    await body.sendKeys('Run it with ');
    await driver.actions().keyDown(Key.CONTROL).sendKeys('v').keyUp(Key.CONTROL).perform();
    const warning = async () => {
      const frame = await firefox.frameContext(`${BASE}/banner.html?mode=leak`);
      return frame && firefox.evaluateIn(frame, `async () => {
        const element = document.querySelector('[data-testid="leak-warning"]');
        return element && { kind: element.dataset.kind, state: element.dataset.state };
      }`);
    };
    await waitFor('the warning', async () => (await warning())?.state === 'warning');
    assert.deepEqual(await warning(), { kind: 'classic', state: 'warning' });
    const count = server.posts.length;
    await driver.findElement(By.id('submit-issue')).click();
    await waitFor('the post to be held', async () => (await warning())?.state === 'held');
    await sleep(500);
    assert.equal(server.posts.length, count, 'nothing was posted while held');
    const frame = await firefox.frameContext(`${BASE}/banner.html?mode=leak`);
    await sleep(READING_MS);
    await firefox.evaluateIn(frame, `async () => { document.querySelector('[data-testid="leak-remove"]').click(); return true; }`);
    await waitFor('the token to be removed', async () => (await warning())?.state === 'removed');
    assert.equal(await body.getAttribute('value'), 'Run it with ');
    assert.equal(server.posts.length, count);
  });

  test('leak guard: a typed token is held at Ctrl+Enter, and Keep sends the post', async () => {
    await driver.get('https://github.com/octo/repo/issues/new');
    const token = classicToken('ghp', 581);
    const body = driver.findElement(By.id('issue_body'));
    await body.sendKeys(`typed ${token}`);
    const count = server.posts.length;
    await body.sendKeys(Key.chord(Key.CONTROL, Key.ENTER));
    const state = async () => {
      const frame = await firefox.frameContext(`${BASE}/banner.html?mode=leak`);
      return frame && firefox.evaluateIn(frame, `async () => document.querySelector('[data-testid="leak-warning"]')?.dataset.state ?? null`);
    };
    await waitFor('the post to be held', async () => (await state()) === 'held');
    await sleep(500);
    assert.equal(server.posts.length, count, 'nothing was posted while held');
    const frame = await firefox.frameContext(`${BASE}/banner.html?mode=leak`);
    await sleep(READING_MS);
    await firefox.evaluateIn(frame, `async () => { document.querySelector('[data-testid="leak-keep"]').click(); return true; }`);
    await waitFor('the post once kept', async () => server.posts.length === count + 1);
    assert.ok(server.posts.at(-1).fields['issue[body]'].includes(token));
  });

  test('canary: no part of any token used above is in storage, the profile on disk or a wrong request', async () => {
    const sent = server.requests.map((r) => String(r.headers.authorization ?? '').replace(/^Bearer /, '')).filter(Boolean);
    const tokens = [...new Set([...server.issued, ...sent])];
    assert.ok(tokens.length >= 6, `${tokens.length} tokens went through the flows above`);
    for (const token of tokens) {
      // The one post the page made of a token the user posted anyway is not PAT Guard's.
      const requests = server.requests.filter((r) => !(r.method === 'POST' && r.path === postedOnPurpose.get(token)));
      assertTokenOnlyInAuthorization(requests, token, ALL_API_HOSTS);
    }
    // Every host resolves to the fake GitHub. Requests made by web content, extension pages
    // and the background carry Sec-Fetch headers; Firefox's own services do not. The former
    // go to GitHub's hosts only.
    const web = server.requests.filter((request) => request.headers['sec-fetch-dest']);
    const hosts = new Set(web.map((request) => request.host));
    assert.ok(hosts.has('api.github.com'), [...hosts].join());
    const github = ['github.com', 'api.github.com', 'avatars.githubusercontent.com', ENTERPRISE_SERVER, ENTERPRISE_CLOUD, `api.${ENTERPRISE_CLOUD}`];
    assert.deepEqual([...hosts].filter((host) => !github.includes(host)), [],
      'a request went to another host');
    const leak = (text) => tokens.find((token) => holdsPart(text, token));
    await firefox.openExtensionPage('popup.html');
    const stored = await driver.executeScript(async () => JSON.stringify({
      local: await browser.storage.local.get(null),
      session: await browser.storage.session.get(null),
      sync: await browser.storage.sync.get(null),
    }));
    assert.equal(leak(stored), undefined, 'a storage area holds part of a token');
    assert.match(stored, /"memory"/);
    // The profile as Firefox keeps it on disk (session store, storage, caches), read now.
    await driver.get('about:blank');
    await sleep(2000); // let Firefox write its session store
    const profile = (await driver.getCapabilities()).get('moz:profile');
    const needles = tokens.flatMap((token) => pieces(token).filter((_, i) => i % 4 === 0))
      .flatMap((piece) => [Buffer.from(piece, 'latin1'), Buffer.from(piece, 'utf16le')]);
    const found = [];
    let scanned = 0;
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) { walk(path); continue; }
        let bytes;
        try { bytes = readFileSync(path); } catch { continue; }
        scanned += 1;
        if (needles.some((needle) => bytes.includes(needle))) found.push(path.slice(profile.length));
      }
    };
    walk(profile);
    assert.ok(scanned > 20, `the profile was read (${scanned} files)`);
    assert.deepEqual(found, [], 'profile files holding part of a token');
    // Every console message of every context: first prove they are captured.
    await firefox.openExtensionPage('popup.html');
    await driver.executeScript(() => console.warn('pat-guard-console-probe'));
    await waitFor('the probe in the console output', async () => firefox.consoleOutput().includes('pat-guard-console-probe'));
    const leaked = firefox.consoleOutput().split('\n').filter((line) => leak(line));
    assert.deepEqual(leaked, [], 'console lines holding part of a token');
  });

  // Last: it takes PAT Guard's host permissions away, as a Firefox user can.
  test('popup: withheld host permissions are asked for again, with the reason', async () => {
    await firefox.openExtensionPage('popup.html');
    const removed = await driver.executeScript(() => browser.permissions.remove({ origins: ['https://github.com/*', 'https://api.github.com/*'] }));
    assert.equal(removed, true);
    await firefox.openExtensionPage('popup.html');
    const prompt = await driver.wait(until.elementLocated(By.css('[data-testid="host-access"]')), 10_000);
    assert.match(await prompt.getText(), /github\.com.*api\.github\.com/s);
    assert.equal(await driver.findElement(By.css('[data-testid="grant-access"]')).getText(), 'Allow access');
    // Validating still works as a plain cross-origin request, but the browser now hides the
    // expiry header: the card must not claim the token never expires.
    server.answer('GET /user', () => ({
      headers: { 'x-oauth-scopes': 'gist', 'github-authentication-token-expiration': '2027-01-02 03:04:05 UTC' },
      body: USER,
    }));
    const input = await driver.findElement(By.css('[data-testid="token-input"]'));
    await input.sendKeys(classicToken('ghp', 530), Key.ENTER);
    const card = await driver.wait(until.elementLocated(By.css('[data-testid="verdict"]')), 15_000);
    assert.equal(await card.getAttribute('data-verdict'), 'valid');
    assert.equal(await driver.findElement(By.css('[data-testid="expiry"]')).getAttribute('data-expires'), 'unknown');
    const codes = await Promise.all((await driver.findElements(By.css('[data-testid="warning"]'))).map((w) => w.getAttribute('data-code')));
    assert.ok(codes.includes('expiry-hidden'), codes.join());
    assert.ok(!codes.includes('no-expiration'), codes.join());
  });
});
