// Hosts an administrator sets through the browser's policy mechanism (Firefox's
// `3rdparty` policy, read by the extension from `storage.managed`): the user sees them as
// added, is asked only for the permission, and cannot remove them. Firefox ESR with a
// policies.json of its own (lib/firefox.mjs, withPolicies); the fake GitHub on port 443.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { By, until } from 'selenium-webdriver';

import { ENTERPRISE_SERVER, FakeGitHub } from './lib/fake-github.mjs';
import { BASE, FirefoxExtension, waitFor, withPolicies } from './lib/firefox.mjs';

const ADDON_ID = 'pat-guard@pat-guard.dev';

describe('hosts set by the administrator (Firefox enterprise policy)', () => {
  let server;
  let firefox;
  let driver;
  let policies;

  before(async () => {
    server = await new FakeGitHub().start(443).catch((error) => {
      throw new Error(`this suite needs to listen on 127.0.0.1:443 (run it as root): ${error.message}`);
    });
    policies = withPolicies({ '3rdparty': { Extensions: { [ADDON_ID]: { enterpriseHosts: [ENTERPRISE_SERVER, 'http://not-a-host'] } } } });
    firefox = await FirefoxExtension.launch({ binary: policies.binary });
    driver = firefox.driver;
  });

  after(async () => {
    await firefox?.quit();
    await server?.stop();
    policies?.remove();
  });

  const row = () => driver.findElement(By.css(`[data-testid="host"][data-host="${ENTERPRISE_SERVER}"]`));
  const rows = async () => Promise.all((await driver.findElements(By.css('[data-testid="host"]')))
    .map(async (r) => [await r.getAttribute('data-host'), await r.getAttribute('data-managed'), await r.getAttribute('data-granted')]));

  test('the managed host is listed as added, not yet granted, and cannot be removed', async () => {
    await firefox.openExtensionPage('popup.html');
    await driver.wait(until.elementLocated(By.css('[data-testid="host"]')), 10_000);
    assert.deepEqual(await rows(), [[ENTERPRISE_SERVER, 'true', 'false']], 'what is no host is left out');
    assert.equal(await (await row()).findElement(By.css('[data-testid="host-remove"]')).isEnabled(), false);
    assert.equal(await driver.executeScript(() => browser.scripting.getRegisteredContentScripts().then((s) => s.length)), 0,
      'not watched before the permission');
  });

  test('the user is asked only for the permission; then the host is watched', async () => {
    await (await row()).findElement(By.css('[data-testid="host-grant"]')).click();
    await waitFor('the host to be granted', async () => (await rows())[0]?.[2] === 'true');
    assert.deepEqual(await rows(), [[ENTERPRISE_SERVER, 'true', 'true']]);
    const stored = await driver.executeScript(() => browser.storage.local.get('enterpriseHosts'));
    assert.deepEqual(stored, {}, "the administrator's host is not written into the user's list");
    await waitFor('the content script', async () => (await driver.executeScript(() =>
      browser.scripting.getRegisteredContentScripts().then((s) => s.map((x) => x.id).join()))) === `host:${ENTERPRISE_SERVER}`);
    await driver.get(`https://${ENTERPRISE_SERVER}/settings/tokens/new`);
    await driver.findElement(By.id('generate')).click();
    await driver.wait(until.elementLocated(By.css('.new-token #new-oauth-token')), 10_000);
    await waitFor('the reminder', () => firefox.frameContext(`${BASE}/banner.html`));
  });
});
