// The leak guard in Chromium: a secret pasted, dropped or typed into GitHub's text boxes is
// caught before it is posted, on pages built like GitHub's (a Turbo issue form that Ctrl+Enter
// sends, a React-style comment box whose text lives in script state, a gist editor, a
// repository secret form where a token belongs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { contentScriptRuns, freshPage, READING_MS, withGitHub } from './lib/guardian.mjs';
import { classicToken, fineGrainedToken, mistype } from './lib/tokens.mjs';
import { sleep, waitFor } from './lib/wait.mjs';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz\n-----END OPENSSH PRIVATE KEY-----';

describe('leak guard', () => {
  let server;
  let browser;
  let page;
  withGitHub((launched) => ({ server, browser } = launched));

  /** Put `text` on the clipboard and paste it into `selector`, as a person would (a trusted
   * paste event with the text as clipboard data). */
  async function paste(selector, text) {
    await page.locator(selector).click();
    await page.evaluate((t) => {
      const source = document.createElement('textarea');
      source.id = 'clipboard-source';
      source.value = t;
      document.body.append(source);
    }, text);
    await page.locator('#clipboard-source').selectText();
    await page.keyboard.press('Control+C');
    await page.evaluate(() => document.getElementById('clipboard-source').remove());
    await page.locator(selector).click();
    await page.keyboard.press('Control+V');
  }

  const warningFrames = () => page.frames().filter((f) => f.url().includes('banner.html?mode=leak'));
  /** The warnings shown now: kind and state of each. */
  async function warnings() {
    const found = [];
    for (const frame of warningFrames()) {
      const element = frame.getByTestId('leak-warning');
      if (!(await element.count())) continue;
      found.push({ kind: await element.getAttribute('data-kind'), state: await element.getAttribute('data-state') });
    }
    return found;
  }
  // A first warning starts the reminder's wasm in a new frame, which a loaded machine takes
  // its time over: a generous wait, not a timing assertion.
  const waitForWarnings = (what, expected) => waitFor(what, async () =>
    JSON.stringify(await warnings().catch(() => [])) === JSON.stringify(expected), 30_000);
  async function click(testid, index = 0) {
    await sleep(READING_MS); // the warning must have been on screen a moment
    await warningFrames()[index].getByTestId(testid).click();
  }
  const leakFrames = () => browser.worker.evaluate(async () => ((await chrome.storage.session.get('memory')).memory?.leaks ?? []).length);
  const posted = (path) => server.posts.filter((post) => post.path === path);

  test('a valid token pasted into an issue: warned at once, redacted; Remove keeps the rest of the text', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/new');
    await page.locator('#issue_body').fill('Steps: run the script with ');
    const token = classicToken('ghp', 701);
    await paste('#issue_body', token);
    await waitForWarnings('a warning', [{ kind: 'classic', state: 'warning' }]);
    const frame = warningFrames()[0];
    const text = await frame.getByTestId('leak-warning').textContent();
    assert.match(text, new RegExp(`ghp_…${token.slice(-4)}`));
    assert.ok(!text.includes(token.slice(4, 12)), 'the warning shows the token only redacted');
    assert.ok(!(await page.content()).includes('leak-warning'), 'the page sees nothing of the warning');
    await page.locator('#issue_body').press('End');
    await page.keyboard.type(' and see.');
    await click('leak-remove');
    await waitForWarnings('removed', [{ kind: 'classic', state: 'removed' }]);
    assert.equal(await page.locator('#issue_body').inputValue(), 'Steps: run the script with  and see.');
  });

  test('a token pasted into a page still loading, just after the browser started, is warned about', async () => {
    // A browser of its own, so that its background has just started: its sync of the
    // Enterprise hosts is still waiting for managed storage, which Chromium does not answer
    // while its first page is loading (docs/github-enterprise.md). The page never finishes
    // loading (a script that does not come, as on a slow network): the guard starts with the
    // document, and the warning must not wait for the sync.
    const fresh = await ExtensionBrowser.launch(server);
    const previous = page;
    try {
      await fresh.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://github.com' });
      page = await fresh.newPage();
      await page.goto('https://github.com/octo/repo/issues/new?late', { waitUntil: 'commit' });
      await page.locator('#issue_body').waitFor();
      const loading = () => page.evaluate(() => document.readyState === 'loading');
      assert.ok(await loading(), 'the page waits for the rest of itself');
      await paste('#issue_body', classicToken('ghp', 720));
      await waitForWarnings('a warning', [{ kind: 'classic', state: 'warning' }]);
      assert.ok(await loading(), 'warned while the page was still loading');
      assert.deepEqual(fresh.allProblems(), []);
    } finally {
      await fresh.close();
      page = previous;
    }
  });

  test('typing, clicking and posting plain text sends the background no message', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/new');
    await sleep(500); // the page's own look at itself is over
    // Count what reaches the background from now on (a listener of the test's own).
    await browser.worker.evaluate(() => {
      globalThis.leakTestMessages = 0;
      if (!globalThis.leakTestListener) {
        globalThis.leakTestListener = () => { globalThis.leakTestMessages += 1; };
        chrome.runtime.onMessage.addListener(globalThis.leakTestListener);
      }
    });
    await page.locator('#issue_title').fill('A bug');
    await page.locator('#issue_body').click();
    await page.keyboard.type('It breaks when I click Save. No secrets here.');
    await paste('#issue_body', ' Pasted words, nothing else.');
    const count = posted('/octo/repo/issues').length;
    await page.locator('#submit-issue').click();
    await waitFor('the issue to be posted', () => posted('/octo/repo/issues').length === count + 1);
    assert.equal(await browser.worker.evaluate(() => globalThis.leakTestMessages), 0);
    await browser.worker.evaluate(() => chrome.runtime.onMessage.removeListener(globalThis.leakTestListener));
  });

  test('a mistyped token gets no warning; plain text sends no message', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/new');
    const before = await leakFrames();
    await paste('#issue_body', `see ${mistype(classicToken('ghp', 702))} and ghp_ is a prefix`);
    await page.locator('#issue_title').fill('A title');
    await page.locator('#issue_body').press('End');
    await page.keyboard.type(' more words');
    await sleep(800);
    assert.deepEqual(await warnings(), []);
    assert.equal(await leakFrames(), before, 'nothing recorded');
    // Submitting plain text is not held.
    const count = posted('/octo/repo/issues').length;
    await page.locator('#issue_body').fill('Nothing secret here.');
    await page.locator('#submit-issue').click();
    await waitFor('the issue to be posted', () => posted('/octo/repo/issues').length === count + 1);
  });

  test('two tokens in a longer text, and a private key: one warning each', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/new');
    const [a, b] = [classicToken('ghp', 703), fineGrainedToken(704)];
    await paste('#issue_body', `config:\n  token: ${a}\n  other: ${b}\nend`);
    await waitForWarnings('two warnings', [{ kind: 'classic', state: 'warning' }, { kind: 'fine-grained', state: 'warning' }]);
    await paste('#issue_body', `\n${KEY}\n`);
    await waitFor('the key warning', async () => (await warnings()).some((w) => w.kind === 'private-key'));
  });

  test('a held post sends nothing until Keep releases it', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/new');
    const token = classicToken('ghp', 705);
    await page.locator('#issue_title').fill('Bug');
    await paste('#issue_body', `token ${token}`);
    await waitForWarnings('a warning', [{ kind: 'classic', state: 'warning' }]);
    const count = posted('/octo/repo/issues').length;
    await page.locator('#submit-issue').click();
    await waitForWarnings('held', [{ kind: 'classic', state: 'held' }]);
    await page.locator('#issue_body').press('Control+Enter');
    await sleep(800);
    assert.equal(posted('/octo/repo/issues').length, count, 'nothing was posted while held');
    await click('leak-keep');
    await waitFor('the post once kept', () => posted('/octo/repo/issues').length === count + 1);
    assert.ok(posted('/octo/repo/issues').at(-1).fields['issue[body]'].includes(token));
  });

  test('a typed token is caught when the form is sent (Ctrl+Enter), then removed', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/new');
    const token = classicToken('ghp', 706);
    const count = posted('/octo/repo/issues').length;
    // Nothing is pasted, so nothing shows the script is there before Ctrl+Enter: wait for it.
    await contentScriptRuns(page);
    await page.locator('#issue_body').click();
    await page.keyboard.type(`typed ${token} here`);
    await page.keyboard.press('Control+Enter');
    await waitForWarnings('held', [{ kind: 'classic', state: 'held' }]);
    await sleep(500);
    assert.equal(posted('/octo/repo/issues').length, count, 'nothing was posted');
    await click('leak-remove');
    await waitForWarnings('removed', [{ kind: 'classic', state: 'removed' }]);
    assert.equal(await page.locator('#issue_body').inputValue(), 'typed  here');
    await sleep(300);
    assert.equal(posted('/octo/repo/issues').length, count, 'Remove does not send it: the user posts again');
  });

  test("a React-style box: Remove updates the script's own state, so the post holds no token", async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/1');
    const token = classicToken('ghp', 707);
    await paste('[data-react-comment] textarea', `hello ${token}`);
    await waitForWarnings('a warning', [{ kind: 'classic', state: 'warning' }]);
    await click('leak-remove');
    await waitForWarnings('removed', [{ kind: 'classic', state: 'removed' }]);
    const count = posted('/octo/repo/issues/1/comments').length;
    await page.locator('.react-submit').click();
    await waitFor('the comment', () => posted('/octo/repo/issues/1/comments').length === count + 1);
    assert.equal(posted('/octo/repo/issues/1/comments').at(-1).fields.comment, 'hello ');
  });

  test('posted anyway (a path no one can hold): the warning says so and checks the token', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/1');
    const token = classicToken('ghp', 708);
    server.answer('GET /user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: { login: 'octocat' } }));
    await paste('[data-react-comment] textarea', token);
    await waitForWarnings('a warning', [{ kind: 'classic', state: 'warning' }]);
    await page.locator('[data-react-comment] textarea').press('Alt+S');
    await waitForWarnings('posted', [{ kind: 'classic', state: 'posted' }]);
    await click('check');
    const card = warningFrames()[0].getByTestId('verdict');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-verdict'), 'valid');
    // The warning checked the token itself, and can revoke that very token.
    let revokeBody;
    server.answer('POST /credentials/revoke', (req, body) => { revokeBody = JSON.parse(body); return { status: 202, body: {} }; });
    await warningFrames()[0].getByTestId('revoke').click();
    await warningFrames()[0].getByTestId('revoke-confirm').click();
    const result = warningFrames()[0].getByTestId('revoke-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-outcome'), 'revoked');
    assert.deepEqual(revokeBody, { credentials: [token] });
  });

  test('a token dropped into a comment box is warned about', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/new');
    const token = classicToken('ghp', 712);
    await page.evaluate((t) => {
      const source = document.createElement('p');
      source.id = 'drag-source';
      source.draggable = true;
      source.textContent = 'drag me';
      source.addEventListener('dragstart', (event) => event.dataTransfer.setData('text/plain', `token: ${t}`));
      document.querySelector('main').prepend(source);
    }, token);
    await page.dragAndDrop('#drag-source', '#issue_body');
    await waitForWarnings('a warning', [{ kind: 'classic', state: 'warning' }]);
  });

  test('an editable element (as rich editors are) is guarded too, and Remove edits its text', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/new');
    await page.evaluate(() => {
      const editor = document.createElement('div');
      editor.id = 'rich-editor';
      editor.contentEditable = 'true';
      editor.textContent = 'config: ';
      editor.style.minHeight = '3em';
      document.querySelector('main').prepend(editor);
    });
    const token = classicToken('ghp', 713);
    await paste('#rich-editor', token);
    await waitForWarnings('a warning', [{ kind: 'classic', state: 'warning' }]);
    await click('leak-remove');
    await waitForWarnings('removed', [{ kind: 'classic', state: 'removed' }]);
    const text = await page.locator('#rich-editor').textContent();
    assert.ok(!text.includes(token) && text.startsWith('config:'), text);
  });

  test('a gist is guarded too', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://gist.github.com/');
    await paste('textarea.js-code-textarea', `export GITHUB_TOKEN=${classicToken('ghp', 709)}`);
    await waitForWarnings('a warning', [{ kind: 'classic', state: 'warning' }]);
  });

  test('nothing happens on a secrets form, and no message is sent', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/settings/secrets/actions/new');
    const before = await leakFrames();
    const count = posted('/octo/repo/settings/secrets/actions').length;
    await page.locator('#secret_name').fill('GH_TOKEN');
    await paste('#secret_value', classicToken('ghp', 710));
    await page.locator('#add-secret').click();
    await waitFor('the secret to be saved', () => posted('/octo/repo/settings/secrets/actions').length === count + 1);
    assert.deepEqual(await warnings(), []);
    assert.equal(await leakFrames(), before);
  });

  test('a page cannot forge a paste, and a kept token is not warned about again after a reload', async () => {
    page = await freshPage(browser, page);
    await page.goto('https://github.com/octo/repo/issues/new');
    const token = classicToken('ghp', 711);
    await page.evaluate((t) => {
      const box = document.getElementById('issue_body');
      const data = new DataTransfer();
      data.setData('text/plain', t);
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, token);
    await sleep(800);
    assert.deepEqual(await warnings(), [], 'a script-made paste counts for nothing');
    await paste('#issue_body', token);
    await waitForWarnings('a warning', [{ kind: 'classic', state: 'warning' }]);
    await click('leak-keep');
    await waitForWarnings('kept', [{ kind: 'classic', state: 'kept' }]);
    await page.reload();
    await paste('#issue_body', token);
    await sleep(800);
    assert.deepEqual(await warnings(), [], 'kept this session');
  });

  test('no context logged an error', () => {
    assert.deepEqual(browser.allProblems(), []);
  });
});
