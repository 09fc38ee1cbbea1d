// Withheld site access in Chromium, set the way a user sets it (chrome://extensions, "On
// click"): the popup says what it needs, and a check still works as a plain cross-origin
// request, but GitHub's expiry header is then hidden from the extension, so the card must
// say the expiry is unknown, never "never expires". A browser of its own: the setting
// would change every later test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { FakeGitHub } from './lib/fake-github.mjs';
import { assertTokenOnlyInAuthorization } from './lib/privacy.mjs';
import { classicToken } from './lib/tokens.mjs';
import { waitFor } from './lib/wait.mjs';

describe('with site access withheld (Chromium)', () => {
  let server;
  let browser;

  before(async () => {
    server = await new FakeGitHub().start();
    browser = await ExtensionBrowser.launch(server);
    const settings = await browser.newPage();
    await settings.goto('chrome://extensions');
    await settings.evaluate((id) => chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_CLICK' }),
      browser.extensionId);
    await settings.close();
    await waitFor('access to be withheld', async () =>
      !(await browser.worker.evaluate(() => chrome.permissions.contains({ origins: ['https://api.github.com/*'] }))));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the card says the expiry is unknown, and why', async () => {
    const token = classicToken('ghp', 7001);
    server.answer('GET /user', () => ({
      headers: { 'x-oauth-scopes': 'gist', 'github-authentication-token-expiration': '2027-01-02 03:04:05 UTC' },
      body: { login: 'octocat' },
    }));
    const popup = await browser.popupOverGitHub('/');
    await popup.getByTestId('host-access').waitFor();
    await popup.getByTestId('token-input').fill(token);
    await popup.getByTestId('validate').click();
    await popup.getByTestId('verdict').waitFor();
    assert.equal(await popup.getByTestId('verdict').getAttribute('data-verdict'), 'valid');
    assert.equal(await popup.getByTestId('expiry').getAttribute('data-expires'), 'unknown');
    const codes = await popup.getByTestId('warning').evaluateAll((items) => items.map((item) => item.dataset.code));
    assert.ok(codes.includes('expiry-hidden'), codes.join());
    assert.ok(!codes.includes('no-expiration'), codes.join());
    assertTokenOnlyInAuthorization(server.requests, token);
    await popup.close();
  });
});
