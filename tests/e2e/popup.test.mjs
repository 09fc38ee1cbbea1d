// The popup's offline verdict: the token engine (in wasm) judges pasted text as it is typed,
// with no network request at all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { FakeGitHub } from './lib/fake-github.mjs';
import { holdsPart } from './lib/privacy.mjs';
import { classicToken, fineGrainedToken, mistype } from './lib/tokens.mjs';

describe('popup: offline verdict while typing', () => {
  let server;
  let browser;
  let popup;

  before(async () => {
    server = await new FakeGitHub().start();
    browser = await ExtensionBrowser.launch(server);
    popup = await browser.popupOverGitHub();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function paste(text) {
    const input = popup.getByTestId('token-input');
    await input.fill(text);
    return popup.getByTestId('inspection');
  }

  test('the field hides the token without being a login field the browser would save', async () => {
    const input = popup.getByTestId('token-input');
    const masking = () => input.evaluate((el) => getComputedStyle(el).webkitTextSecurity);
    // Not a password field: browsers and password managers offer to save those.
    assert.equal(await input.getAttribute('type'), 'text');
    assert.equal(await popup.locator('input[type=password], form').count(), 0);
    for (const [name, value] of [['autocomplete', 'off'], ['spellcheck', 'false'], ['data-1p-ignore', 'true'],
      ['data-lpignore', 'true'], ['data-bwignore', 'true'], ['data-form-type', 'other']]) {
      assert.equal(await input.getAttribute(name), value, name);
    }
    assert.equal(await masking(), 'disc');
    await popup.getByTestId('toggle-visibility').click();
    assert.equal(await masking(), 'none');
    assert.equal(await popup.getByTestId('toggle-visibility').getAttribute('aria-pressed'), 'true');
    await popup.getByTestId('toggle-visibility').click();
    assert.equal(await masking(), 'disc');
  });

  test('a valid classic token: kind, check value, and a redacted echo only', async () => {
    const token = classicToken('ghp', 101);
    const inspection = await paste(token);
    assert.equal(await inspection.getAttribute('data-kind'), 'classic');
    assert.equal(await inspection.getAttribute('data-api'), 'yes');
    assert.equal(await popup.getByTestId('check-value').getAttribute('data-state'), 'ok');
    assert.equal(await popup.getByTestId('problem').count(), 0);
    assert.equal(await popup.getByTestId('redacted').textContent(), `ghp_…${token.slice(-4)}`);
    assert.ok(!holdsPart(await popup.locator('main').textContent(), token), 'no 8 characters of the token are shown');
  });

  test('a fine-grained token pasted with Bearer and quotes is cleaned up', async () => {
    const token = fineGrainedToken(102);
    const inspection = await paste(`  "Bearer ${token}"\n`);
    assert.equal(await inspection.getAttribute('data-kind'), 'fine-grained');
    const cleanups = await popup.getByTestId('cleanup').evaluateAll((items) => items.map((i) => i.dataset.code));
    assert.deepEqual(cleanups, ['trimmed-whitespace', 'removed-quotes', 'removed-bearer']);
  });

  test('a token in a pasted JSON object is taken out of it (the browser reads the JSON)', async () => {
    const token = classicToken('ghp', 104);
    const json = JSON.stringify({ note: null, scopes: ['repo', 2.5, true], nested: { deep: [[{}]] }, GITHUB_TOKEN: token });
    const inspection = await paste(json);
    assert.equal(await inspection.getAttribute('data-kind'), 'classic');
    const cleanup = popup.getByTestId('cleanup');
    assert.deepEqual(await cleanup.evaluateAll((items) => items.map((i) => i.dataset.code)), ['from-json-field']);
    assert.match(await cleanup.textContent(), /GITHUB_TOKEN/);
    // Two tokens: which one is meant is not guessed.
    await paste(JSON.stringify({ a: token, b: classicToken('ghp', 105) }));
    assert.equal(await popup.getByTestId('cleanup').count(), 0);
    // Nested beyond any sense beside it: the browser parses it, nothing of ours walks it (only
    // the object's own members are read), and the popup goes on working.
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)},"t":"${token}"}`;
    assert.equal(await (await paste(deep)).getAttribute('data-kind'), 'classic');
    assert.equal(await (await paste('{"a":1}')).getAttribute('data-kind'), 'not-a-token');
    assert.equal(await (await paste(token)).getAttribute('data-kind'), 'classic');
  });

  test('a mistyped token is caught offline and would not be sent', async () => {
    const inspection = await paste(mistype(classicToken('ghp', 103)));
    assert.equal(await inspection.getAttribute('data-api'), 'no');
    const problem = popup.getByTestId('problem');
    assert.equal(await problem.getAttribute('data-code'), 'checksum-mismatch');
    assert.equal(await problem.getAttribute('data-severity'), 'blocking');
    // The states are styled through their data attributes (no class is built from a value):
    // the blocking problem, and the kind of something that is not a token, in the
    // stylesheet's "bad" colour; a good checksum in its "ok" colour.
    const colour = (locator) => locator.evaluate((el) => getComputedStyle(el).color);
    const [bad, ok] = await popup.evaluate(() => ['--bad', '--ok'].map((name) => {
      const probe = document.body.appendChild(document.createElement('span'));
      probe.style.color = `var(${name})`;
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    }));
    assert.notEqual(bad, ok);
    assert.equal(await colour(problem), bad);
    const badge = popup.locator('[data-testid="inspection"] .badge');
    assert.notEqual(await colour(badge), bad, 'a token\'s kind is not in the "bad" colour');
    await paste('{"a":1}');
    assert.equal(await colour(badge), bad, 'not a token');
    await paste(classicToken('ghp', 104));
    assert.equal(await colour(popup.getByTestId('check-value')), ok);
  });

  test('other secrets are named', async () => {
    for (const [text, code] of [
      [`glpat-${'x'.repeat(20)}`, 'gitlab-token'],
      ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----', 'ssh-private-key'],
      ['hunter2hunter2', 'password'],
    ]) {
      const inspection = await paste(text);
      assert.equal(await inspection.getAttribute('data-kind'), 'not-a-token', code);
      assert.equal(await popup.getByTestId('problem').getAttribute('data-code'), code);
    }
  });

  test('typing sends nothing anywhere', async () => {
    assert.deepEqual(server.requests.filter((r) => r.host === 'api.github.com'), []);
    assert.deepEqual(browser.allProblems(), []);
  });
});
