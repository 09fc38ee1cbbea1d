// The pipeline: the shipped dist/chrome loads in Chromium, its three wasm contexts start
// (background service worker, popup, in-page banner), the content script works under a
// github.com-like CSP, and no extension context logs an error.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import { EXTENSION_DIR, ExtensionBrowser } from './lib/chromium.mjs';
import { press } from './lib/guardian.mjs';
import { holdsPart } from './lib/privacy.mjs';
import { FakeGitHub, PAGE_CSP } from './lib/fake-github.mjs';
import { sleep, waitFor } from './lib/wait.mjs';

const FIREFOX_DIR = join(EXTENSION_DIR, '..', 'firefox');
const cargoVersion = readFileSync(join(EXTENSION_DIR, '..', '..', 'Cargo.toml'), 'utf8')
  .match(/^version = "([^"]+)"/m)[1];
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * Where a module's stack starts (its first global, a mutable i32: the stack pointer) and
 * where its active data segments go, read from the binary (WebAssembly core spec, binary
 * format: the global section is id 6, the data section id 11; numbers are LEB128).
 */
function memoryLayout(bytes) {
  let at = 8; // magic and version
  const u32 = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const i32 = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && byte & 0x40 ? value | (-1 << shift) : value;
  };
  /** A constant expression that is one `i32.const` and `end`; anything else is null. */
  const constant = () => {
    if (bytes[at] !== 0x41) return null;
    at++;
    const value = i32();
    return bytes[at++] === 0x0b ? value : null;
  };
  let stackStart = null;
  const dataStarts = [];
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = u32();
    const end = at + size;
    if (id === 6) {
      u32(); // count
      const [type, mutable] = [bytes[at++], bytes[at++]];
      assert.deepEqual([type, mutable], [0x7f, 1], 'the first global is a mutable i32');
      stackStart = constant();
    } else if (id === 11) {
      for (let count = u32(); count > 0; count--) {
        const flags = u32();
        assert.ok(flags === 0 || flags === 1, `data segment flags ${flags}`);
        if (flags === 0) dataStarts.push(constant());
        const length = u32(); // then the bytes (a passive segment has no offset of its own)
        at += length;
      }
    }
    at = end;
  }
  return { stackStart, dataStarts };
}

const bannerFrame = (page, id) =>
  page.frames().find((f) => f.url().split('?')[0] === `chrome-extension://${id}/banner.html`);

describe('the shipped package', () => {
  test('is Manifest V3 with the extension-page CSP, and no remote or inline code', () => {
    const manifest = readJson(join(EXTENSION_DIR, 'manifest.json'));
    assert.equal(manifest.manifest_version, 3);
    assert.equal(manifest.version, cargoVersion);
    assert.equal(manifest.content_security_policy.extension_pages,
      "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self' https:; "
      + "img-src 'self' https://avatars.githubusercontent.com; base-uri 'none'; form-action 'none'");
    assert.deepEqual(manifest.background, { service_worker: 'background.js', type: 'module' });
    assert.equal(manifest.browser_specific_settings, undefined, 'Chromium gets no gecko settings');
    for (const file of readdirSync(EXTENSION_DIR).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(EXTENSION_DIR, file), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
        assert.match(tag, /\ssrc="[a-z]+\.js"/, `${file}: every script is a local file: ${tag}`);
      }
      assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/, `${file}: no inline script`);
      assert.doesNotMatch(html, /\son[a-z]+=/i, `${file}: no inline handlers`);
    }
    for (const file of ['background.js', 'popup.js', 'banner.js', 'content.js', 'pkg/background.js', 'pkg/popup.js', 'pkg/banner.js']) {
      assert.doesNotMatch(readFileSync(join(EXTENSION_DIR, file), 'utf8'), /\bimport\s*\(?\s*['"]https?:/,
        `${file} imports no remote code`);
    }
  });

  test('asks for the justified minimum, each grant explained in the README', () => {
    const readme = readFileSync(join(EXTENSION_DIR, '..', '..', 'README.md'), 'utf8');
    for (const dir of [EXTENSION_DIR, FIREFOX_DIR]) {
      const manifest = readJson(join(dir, 'manifest.json'));
      assert.deepEqual(manifest.permissions, ['scripting', 'storage']);
      assert.deepEqual(manifest.host_permissions, ['https://github.com/*', 'https://gist.github.com/*', 'https://api.github.com/*']);
      assert.equal(manifest.optional_permissions, undefined);
      // Asked for one host at a time, on the user's click (GitHub Enterprise), never up front.
      assert.deepEqual(manifest.optional_host_permissions, ['https://*/*']);
      assert.deepEqual(manifest.storage, dir === EXTENSION_DIR ? { managed_schema: 'managed_schema.json' } : undefined);
      assert.equal(manifest.externally_connectable, undefined, 'no web page or other extension may connect');
      assert.deepEqual(manifest.content_scripts, [
        { matches: ['https://github.com/*', 'https://gist.github.com/*'], js: ['content.js'], run_at: 'document_start' },
      ]);
      assert.deepEqual(manifest.web_accessible_resources, [
        { resources: ['banner.html'], matches: ['https://*/*'] },
      ]);
    }
    for (const file of ['background.js', 'content.js', 'popup.js', 'banner.js']) {
      assert.doesNotMatch(readFileSync(join(EXTENSION_DIR, file), 'utf8'), /onMessageExternal|onConnectExternal/,
        `${file} listens to no other extension`);
    }
    for (const grant of ['`storage`', '`scripting`', '`https://*/*` (optional', '`https://github.com/*`', '`https://gist.github.com/*`', '`https://api.github.com/*`',
      '`content.js` on `https://github.com/*`', '`banner.html` (web-accessible', '`content_security_policy`']) {
      assert.ok(readme.includes(grant), `the README explains ${grant}`);
    }
  });

  test('fits the stores: short name and description, icons at every size, a size budget', () => {
    const manifest = readJson(join(EXTENSION_DIR, 'manifest.json'));
    const messages = readJson(join(EXTENSION_DIR, '_locales', 'en', 'messages.json'));
    const message = (key) => messages[key.replace(/^__MSG_(.*)__$/, '$1')].message;
    assert.ok(message(manifest.name).length <= 45, 'name within both stores\' limits');
    assert.ok(message(manifest.description).length <= 132, 'description within Chrome\'s 132');
    for (const size of ['16', '32', '48', '128']) {
      const png = readFileSync(join(EXTENSION_DIR, manifest.icons[size]));
      assert.equal(png.readUInt32BE(16), Number(size), `icon ${size} is ${size} px wide`);
      assert.equal(png.readUInt32BE(20), Number(size), `icon ${size} is ${size} px high`);
    }
    // Budgets, so that growth is a decision: each context loads only its own module. The
    // background's wasm is held to issue #13's goal, 60 KB (read as 60,000 bytes, the stricter
    // reading); the reminder's goal (100 KB) is met with room, so it is held to today's size
    // with a little room; the popup's goal (100 KB) is not met yet, and it is held to today's
    // size too. Sizes are deterministic. [wasm, glue], gzipped, in bytes.
    const KiB = 1024;
    const BUDGET = { background: [60_000, 5 * KiB], popup: [128 * KiB, 6 * KiB], banner: [62 * KiB, 6 * KiB] };
    for (const [context, [wasmBytes, glueBytes]] of Object.entries(BUDGET)) {
      const wasm = gzipSync(readFileSync(join(EXTENSION_DIR, 'pkg', `${context}_bg.wasm`)), { level: 9 });
      const glue = gzipSync(readFileSync(join(EXTENSION_DIR, 'pkg', `${context}.js`)), { level: 9 });
      assert.ok(wasm.length <= wasmBytes, `${context} wasm is ${wasm.length} bytes gzipped, over ${wasmBytes}`);
      assert.ok(glue.length <= glueBytes, `${context} glue is ${glue.length} bytes gzipped, over ${glueBytes}`);
      // A panic is a bare trap (build.sh builds the standard library so): no module carries
      // panic messages or the source file names of panic locations.
      const text = readFileSync(join(EXTENSION_DIR, 'pkg', `${context}_bg.wasm`)).toString('latin1');
      assert.doesNotMatch(text, /[\w-]+\.rs\b/, `${context} wasm names a source file`);
      assert.doesNotMatch(text, /unwrap\(\)|index out of bounds|attempt to (add|subtract|multiply)/, `${context} wasm holds panic messages`);
    }
    // wasm-opt runs with --low-memory-unused (build.sh), valid because nothing uses the lowest
    // KiB of memory: the stack starts at 1 MiB and grows down, the static data sits above it.
    for (const context of Object.keys(BUDGET)) {
      const { stackStart, dataStarts } = memoryLayout(readFileSync(join(EXTENSION_DIR, 'pkg', `${context}_bg.wasm`)));
      assert.equal(stackStart, 1 << 20, `${context}: the stack pointer starts at 1 MiB`);
      assert.ok(dataStarts.length > 0 && dataStarts.every((at) => at >= 1 << 20), `${context}: static data above the stack (${dataStarts})`);
    }
    // And each holds only its own context's entry points.
    const exports = (context) => readFileSync(join(EXTENSION_DIR, 'pkg', `${context}.js`), 'utf8');
    assert.doesNotMatch(exports('background'), /start_popup|start_banner/);
    assert.doesNotMatch(exports('popup'), /background_handle|start_banner/);
    assert.doesNotMatch(exports('banner'), /background_handle|start_popup/);
  });

  test('has a Firefox build from the same manifest source, with gecko settings', () => {
    const chrome = readJson(join(EXTENSION_DIR, 'manifest.json'));
    const firefox = readJson(join(FIREFOX_DIR, 'manifest.json'));
    assert.deepEqual(firefox.background, { scripts: ['background.js'], type: 'module' });
    const gecko = firefox.browser_specific_settings.gecko;
    assert.match(gecko.id, /@/);
    assert.ok(Number.parseFloat(gecko.strict_min_version) >= 121, 'module background scripts');
    assert.deepEqual(gecko.data_collection_permissions, { required: ['authenticationInfo'] });
    const { background: _a, browser_specific_settings: _b, storage: _s, ...chromeRest } = chrome;
    const { background: _c, browser_specific_settings: _d, ...firefoxRest } = firefox;
    assert.deepEqual(firefoxRest, chromeRest, 'everything else is the same');
  });
});

describe('in Chromium against the fake GitHub', () => {
  let server;
  let browser;

  before(async () => {
    server = await new FakeGitHub().start();
    browser = await ExtensionBrowser.launch(server);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the service worker starts and answers a typed ping with the wasm version', async () => {
    const page = await browser.newPage();
    await page.goto('https://github.com/');
    // A web page has no way to message the extension at all.
    assert.equal(await page.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage), 'undefined');
    const popup = await browser.openPopup();
    const ask = (message) => popup.evaluate((m) => chrome.runtime.sendMessage(m), message);
    assert.deepEqual(await ask({ type: 'ping' }), { type: 'pong', version: cargoVersion });
    const huge = 'A'.repeat(300_000);
    const forged = [
      { type: 'ping', extra: 1 }, { type: 'ping', extra: { nested: true } }, { ping: {} }, { type: 5 },
      { type: 'check-shown-token', tabId: 1, windowId: 2 }, { type: 'launch' }, 'ping', { url: 'x' }, null, [], [{ type: 'ping' }], 42, true,
      ['ping'], ['shown-token', 'ghp_x'], ['page-facts', 'https://github.com/settings/tokens', true],
      { type: 'page-facts', url: `https://github.com/settings/tokens?${huge}`, tokenElement: true },
      { type: 'page-facts', url: 'https://github.com/settings/tokens', tokenElement: true, text: huge },
      { type: 'token-acknowledged', fingerprint: huge },
      { type: 'pong', version: '9.9.9' }, { type: 'refused', reason: 'x' },
    ];
    for (const bad of forged) {
      const reply = await ask(bad);
      assert.equal(reply.type, 'refused', `refuses ${JSON.stringify(bad)?.slice(0, 80)}`);
      assert.ok(reply.reason.length < 200 && !reply.reason.includes('AAAAAAAA'), `the refusal never quotes the input: ${reply.reason.slice(0, 300)}`);
    }
    // Own `__proto__` keys, made in the page (an argument passed in would lose them).
    for (const json of ['{"type":"ping","__proto__":{"polluted":true}}', '{"__proto__":{"type":"ping"}}']) {
      const reply = await popup.evaluate((source) => chrome.runtime.sendMessage(JSON.parse(source)), json);
      assert.equal(reply.type, 'refused', json);
    }
    // Messages a context is not entitled to: from the popup, a page's facts or a reminder's
    // acknowledgement are refused too.
    for (const wrong of [
      { type: 'page-facts', url: 'https://github.com/settings/tokens', tokenElement: true },
      { type: 'token-acknowledged', fingerprint: '00ff' },
      { type: 'banner-dismissed' },
      { type: 'token-copied', fingerprint: '00ff' },
    ]) {
      assert.equal((await ask(wrong)).type, 'refused', wrong.type);
    }
    assert.equal(await browser.worker.evaluate(() => Object.prototype.polluted), undefined, 'no prototype pollution');
    await popup.close();
    await page.close();
  });

  test('the popup opens as the real popup over a github.com tab and renders', async () => {
    const page = await browser.newPage();
    await page.goto('https://github.com/settings/profile');
    await page.bringToFront();
    const popup = await browser.openPopup();
    assert.equal(await popup.locator('h1').textContent(), 'PAT Guard');
    assert.equal(await popup.getByTestId('version').textContent(), `v${cargoVersion}`);
    // Diagnostics: in the document, shown only when something is wrong.
    await popup.locator('[data-testid="tab-status"][data-github="yes"]').waitFor({ state: 'attached' });
    await popup.locator('[data-testid="background-status"][data-state="ready"]').waitFor({ state: 'attached' });
    assert.equal(await popup.getByTestId('background-status').isVisible(), false);
    assert.match(await popup.getByTestId('background-status').textContent(), new RegExp(`v${cargoVersion}`));
    await popup.close();
    await page.close();
  });

  test('the popup says so when the tab is not on github.com', async () => {
    const page = await browser.newPage();
    await page.goto(`https://127.0.0.1:${server.port}/`);
    await page.bringToFront();
    const popup = await browser.openPopup();
    await popup.locator('[data-testid="tab-status"][data-github="no"]').waitFor({ state: 'attached' });
    await popup.close();
    await page.close();
  });

  test('the content script runs under the strict page CSP and mounts the banner', async () => {
    const page = await browser.newPage();
    const response = await page.goto('https://github.com/settings/tokens/new');
    assert.equal(response.headers()['content-security-policy'], PAGE_CSP);
    assert.doesNotMatch(PAGE_CSP, /wasm-unsafe-eval/);
    // The page really cannot compile WebAssembly: the reason the content script is plain JS.
    const compiled = await page.evaluate(() =>
      WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiled', (e) => e.name));
    assert.equal(compiled, 'CompileError');

    await page.evaluate(() => { window.sameDocument = true; });
    await page.click('#generate'); // a Turbo form submission: GitHub's own flow
    await page.locator('.new-token #new-oauth-token').waitFor();
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'Turbo rendered the token page');

    const frame = await waitForFrame(page, browser.extensionId);
    const banner = frame.getByTestId('banner');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-state'), 'unsaved');
    assert.equal(await banner.getAttribute('data-kind'), 'classic', 'the token engine named the kind');
    const token = await page.locator('.new-token #new-oauth-token').textContent();
    assert.ok(!holdsPart(await frame.locator('body').innerHTML(), token), 'the banner never holds any part of the token');
    // The banner lives in a closed shadow root: page scripts cannot reach it.
    assert.equal(await page.evaluate(() => document.querySelectorAll('iframe').length), 0);

    // ✕ while the token is unsaved only shrinks the reminder: the leave guard is still armed.
    await press(frame, 'dismiss');
    await waitFor('the reminder to shrink', async () => (await banner.getAttribute('data-collapsed')) === 'true');
    await frame.getByTestId('expand').click();
    await press(frame, 'ack');
    await waitFor('acknowledged', async () => (await banner.getAttribute('data-state')) === 'acknowledged');
    // Once saved, ✕ removes it.
    await press(frame, 'dismiss');
    await waitFor('the banner to be removed', () => !bannerFrame(page, browser.extensionId));
    await page.close();
  });

  test('no banner on GitHub pages that show no new token', async () => {
    const page = await browser.newPage();
    for (const path of ['/', '/settings/profile', '/settings/tokens', '/settings/tokens/new']) {
      await page.goto(`https://github.com${path}`);
      await sleep(750); // time for the content script and the background to answer
      assert.equal(bannerFrame(page, browser.extensionId), undefined, `no banner on ${path}`);
    }
    await page.close();
  });

  test('no extension context logged an error or threw', async () => {
    assert.deepEqual(browser.allProblems(), []);
  });
});

async function waitForFrame(page, id) {
  return waitFor('the banner frame', () => bannerFrame(page, id));
}
