// GitHub Enterprise in Chromium: the popup adds a Server host and a GHE.com tenant through
// the browser's real permission prompt (headful Chromium under Xvfb, the prompt accepted with
// the keyboard through xdotool, docs/github-enterprise.md, "Testing"), then the guardian and validation run on
// both, and removing a host gives its permission back. The fake GitHub plays both hosts.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { ENTERPRISE_CLOUD, ENTERPRISE_SERVER, FakeGitHub } from './lib/fake-github.mjs';
import { bannerState, NEW_CLASSIC, reloadAsksToStay, waitForState } from './lib/guardian.mjs';
import { assertTokenOnlyInAuthorization } from './lib/privacy.mjs';
import { classicToken } from './lib/tokens.mjs';
import { sleep, waitFor } from './lib/wait.mjs';

const USER = { login: 'octocat', name: 'The Octocat' };

/** Start Xvfb on a free display; resolves to its name (":N") and the process. */
async function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const number = await new Promise((resolve, reject) => {
    let text = '';
    xvfb.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.once('exit', () => reject(new Error('Xvfb did not start (is Debian\'s xvfb installed?)')));
  });
  return { display: `:${number}`, process: xvfb };
}

describe('GitHub Enterprise in Chromium (headful, the real permission prompt)', () => {
  let server;
  let browser;
  let xvfb;
  let page; // the popup, opened as a tab of its own
  const press = (keys) => spawnSync('xdotool', ['key', '--clearmodifiers', ...keys], { env: { ...process.env, DISPLAY: xvfb.display } });

  before(async () => {
    xvfb = await startXvfb();
    server = await new FakeGitHub().start();
    browser = await ExtensionBrowser.launch(server, { display: xvfb.display });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    xvfb?.process.kill();
  });

  const openPopupTab = async () => {
    page = page ?? await browser.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.getByTestId('validate').waitFor();
    await page.bringToFront();
    return page;
  };
  const rows = async () => page.getByTestId('host').evaluateAll((all) => all.map((row) => ({ ...row.dataset })));
  const granted = (origins) => browser.worker.evaluate((o) => chrome.permissions.contains({ origins: o }), origins);

  /**
   * Type a host, press Add, and accept the browser's prompt as the user would: the keys go
   * only while PAT Guard says it waits for the prompt's answer (so never into the page), and
   * again if a busy machine drew the prompt late.
   */
  async function addHost(text) {
    await page.getByTestId('host-input').fill(text);
    await page.getByTestId('host-add').click();
    const pending = page.getByTestId('host-pending');
    for (let attempt = 0; attempt < 4 && await pending.count(); attempt++) {
      await sleep(1000 + attempt * 1000); // the prompt opens
      if (!await pending.count()) break;
      press(['Tab', 'Return']);
      await waitFor('the prompt to be answered', async () => !(await pending.count()), 3000).catch(() => {});
    }
  }

  test('nothing is asked up front, and a bad host is refused with its reason', async () => {
    await openPopupTab();
    await page.getByTestId('enterprise').waitFor();
    assert.deepEqual(await rows(), []);
    assert.equal(await page.getByTestId('api-host').inputValue(), 'github.com');
    assert.equal(await granted([`https://${ENTERPRISE_SERVER}/*`]), false);
    await page.getByTestId('host-input').fill(`http://${ENTERPRISE_SERVER}`);
    await page.getByTestId('host-add').click();
    assert.match(await page.getByTestId('host-error').textContent(), /https/);
    assert.deepEqual(await rows(), []);
  });

  test('adding a Server and a GHE.com tenant asks for exactly their origins', async () => {
    await openPopupTab();
    await addHost(ENTERPRISE_SERVER);
    await waitFor('the server granted', async () => (await rows()).some((r) => r.host === ENTERPRISE_SERVER && r.granted === 'true'));
    await addHost(ENTERPRISE_CLOUD);
    await waitFor('the tenant granted', async () => (await rows()).some((r) => r.host === ENTERPRISE_CLOUD && r.granted === 'true'));
    assert.deepEqual(await rows(), [
      { testid: 'host', host: ENTERPRISE_SERVER, api: `https://${ENTERPRISE_SERVER}`, granted: 'true', managed: 'false' },
      { testid: 'host', host: ENTERPRISE_CLOUD, api: `https://api.${ENTERPRISE_CLOUD}`, granted: 'true', managed: 'false' },
    ]);
    const { origins } = await browser.worker.evaluate(() => chrome.permissions.getAll());
    const manifest = ['https://github.com/*', 'https://gist.github.com/*', 'https://api.github.com/*'];
    assert.deepEqual(origins.filter((o) => !manifest.includes(o)).sort(),
      [`https://${ENTERPRISE_SERVER}/*`, `https://${ENTERPRISE_CLOUD}/*`, `https://api.${ENTERPRISE_CLOUD}/*`].sort());
    await waitFor('the content scripts', async () => (await browser.worker.evaluate(() =>
      chrome.scripting.getRegisteredContentScripts().then((s) => s.map((x) => x.id).sort().join()))) === [`host:${ENTERPRISE_CLOUD}`, `host:${ENTERPRISE_SERVER}`].sort().join());
  });

  for (const host of [ENTERPRISE_SERVER, ENTERPRISE_CLOUD]) {
    test(`the guardian on ${host}: reminder, leave guard, then the popup checks with that host`, async () => {
      server.requests.length = 0;
      server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: USER }));
      // The popup page opened as a tab would pass for the toolbar popup (same address).
      await page?.close();
      page = null;
      const tab = await browser.newPage();
      await tab.goto(`https://${host}/settings/tokens/new`);
      await tab.click('#generate');
      await tab.locator(NEW_CLASSIC).waitFor();
      const token = await tab.locator(NEW_CLASSIC).textContent();
      assert.equal((await bannerState(tab)).state, 'unsaved');
      assert.equal(await reloadAsksToStay(tab), true, 'leaving is guarded');
      // The popup over that tab validates against that host by default.
      await tab.bringToFront();
      // A headful browser settles focus in its own time: the popup opens over the active tab.
      await waitFor('the tab to be active', async () => (await browser.worker.evaluate(async () =>
        (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.url)) === tab.url());
      const popup = await browser.openPopup();
      await popup.getByTestId('validate').waitFor();
      // The popup knows the page: a new token shown, not saved yet.
      const status = popup.getByTestId('page-status');
      await waitFor('the page status', async () => (await status.getAttribute('data-page')) === 'token-shown');
      await popup.getByTestId('check-page-token').waitFor();
      await waitFor('the server choice to follow the tab', async () => (await popup.getByTestId('api-host').inputValue()) === host)
        .catch(async (error) => {
          const status = popup.getByTestId('tab-status');
          throw new Error(`${error.message}: the popup chose ${await popup.getByTestId('api-host').inputValue()}; `
            + `tab status ${await status.getAttribute('data-github')}: ${await status.textContent()}`);
        });
      await popup.getByTestId('token-input').fill(token);
      await popup.getByTestId('validate').click();
      const verdict = popup.getByTestId('verdict').first();
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute('data-verdict'), 'valid');
      assert.equal(await verdict.getAttribute('data-host'), host);
      const sent = server.requests.filter((r) => String(r.headers.authorization ?? '').includes(token));
      const expected = host === ENTERPRISE_SERVER ? [ENTERPRISE_SERVER, '/api/v3/user'] : [`api.${ENTERPRISE_CLOUD}`, '/user'];
      assert.deepEqual(sent.map((r) => [r.host, r.path]), [expected]);
      assertTokenOnlyInAuthorization(server.requests, token, [expected[0]]);
      await popup.close();
      await browser.releasePopups();
      // Copying disarms the guard as on github.com.
      await tab.bringToFront();
      await tab.click('clipboard-copy[aria-label="Copy token"]');
      await waitForState(tab, 'copied');
      await tab.close();
    });
  }

  test('removing a host gives its permission back and stops watching it', async () => {
    await openPopupTab();
    await page.locator(`[data-testid="host"][data-host="${ENTERPRISE_CLOUD}"] [data-testid="host-remove"]`).click();
    await waitFor('the host to go', async () => !(await rows()).some((r) => r.host === ENTERPRISE_CLOUD));
    assert.equal(await granted([`https://${ENTERPRISE_CLOUD}/*`]), false);
    assert.equal(await granted([`https://api.${ENTERPRISE_CLOUD}/*`]), false);
    await waitFor('the content script to go', async () => (await browser.worker.evaluate(() =>
      chrome.scripting.getRegisteredContentScripts().then((s) => s.map((x) => x.id).join()))) === `host:${ENTERPRISE_SERVER}`);
    const tab = await browser.newPage();
    await tab.goto(`https://${ENTERPRISE_CLOUD}/settings/tokens/new`);
    await tab.click('#generate');
    await tab.locator(NEW_CLASSIC).waitFor();
    await sleep(1500);
    assert.equal(tab.frames().some((f) => f.url().includes('/banner.html')), false, 'no reminder on a removed host');
    await tab.close();
  });

  test('no context logged an error', () => {
    assert.deepEqual(browser.allProblems(), []);
  });
});
