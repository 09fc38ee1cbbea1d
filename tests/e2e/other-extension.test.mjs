// Another extension installed beside PAT Guard (one the user was tricked into installing)
// tries to talk to it: to ping it, to forge a page's report or a reminder's acknowledgement,
// to open a port. PAT Guard declares no externally_connectable and listens to no external
// message, so none of it arrives.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { FakeGitHub } from './lib/fake-github.mjs';
import { waitFor } from './lib/wait.mjs';

describe('another extension', () => {
  let server;
  let browser;
  let dir;
  let other;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pat-guard-other-extension-'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
      manifest_version: 3, name: 'Other', version: '1.0', background: { service_worker: 'other.js' },
    }));
    writeFileSync(join(dir, 'other.js'), '// an extension that is not PAT Guard\n');
    server = await new FakeGitHub().start();
    browser = await ExtensionBrowser.launch(server, { otherExtensions: [dir] });
    other = await waitFor('the other extension', () =>
      browser.context.serviceWorkers().find((w) => w.url().endsWith('/other.js')));
    await browser.worker.evaluate(() => {
      globalThis.received = 0;
      chrome.runtime.onMessage.addListener(() => { globalThis.received += 1; });
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('cannot message PAT Guard or connect to it', async () => {
    const outcomes = await other.evaluate(async (id) => {
      const send = (message) => chrome.runtime.sendMessage(id, message).then(
        (reply) => `answered ${JSON.stringify(reply)}`, (error) => `failed: ${error.message}`);
      const port = await new Promise((resolve) => {
        const p = chrome.runtime.connect(id);
        p.onDisconnect.addListener(() => resolve(`disconnected: ${chrome.runtime.lastError?.message ?? ''}`));
        setTimeout(() => resolve('still connected'), 2000);
      });
      return [
        await send({ type: 'ping' }),
        await send({ type: 'page-facts', url: 'https://github.com/settings/tokens', tokenElement: true }),
        await send({ type: 'token-acknowledged', fingerprint: '00ff' }),
        port,
      ];
    }, browser.extensionId);
    for (const outcome of outcomes.slice(0, 3)) assert.match(outcome, /^failed: /, outcome);
    assert.match(outcomes[3], /^disconnected/, outcomes[3]);
    assert.equal(await browser.worker.evaluate(() => globalThis.received), 0, 'nothing reached PAT Guard');
  });
});
