// Helpers for the guardian's Chromium suites: find the reminder's frame, read its state, and
// ask whether leaving would raise the browser's own leave dialog (a real one: the guard
// ignores script-made `beforeunload` events).
import { after, before } from 'node:test';

import { ExtensionBrowser } from './chromium.mjs';
import { FakeGitHub } from './fake-github.mjs';
import { sleep, waitFor } from './wait.mjs';

/** A fake GitHub and a Chromium with the shipped extension, allowed to use the clipboard. */
export async function launchGitHub() {
  const server = await new FakeGitHub().start();
  const browser = await ExtensionBrowser.launch(server);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://github.com' });
  return { server, browser };
}

/**
 * Register a suite's hooks: a fake GitHub and a Chromium with the extension before its
 * tests (handed to `use`), both stopped after.
 */
export function withGitHub(use) {
  let launched = {};
  before(async () => {
    launched = await launchGitHub();
    use(launched);
  });
  after(async () => {
    await launched.browser?.close();
    await launched.server?.stop();
  });
}

/** Close the last test's page without asking, and open a fresh one. */
export async function freshPage(browser, previous) {
  await previous?.close({ runBeforeUnload: false }).catch(() => {});
  return browser.newPage();
}

/** The background memory's sequence number now: decisions after it are newer. */
export const memoryMark = (browser) => browser.worker.evaluate(async () => {
  const { memory } = await chrome.storage.session.get('memory');
  return memory?.sequence ?? 0;
});

/**
 * Wait until the background has decided about the tab at `url` after `mark` (it records the
 * decision, then answers the content script): the signal that a page was looked at, so a
 * "nothing happened" check needs no fixed wait. Returns what was recorded.
 */
export const decided = (browser, url, mark) => waitFor(`the decision about ${url}`, () =>
  browser.worker.evaluate(async ({ address, after }) => {
    const { memory } = await chrome.storage.session.get('memory');
    // `tabs` is a list of [tab id, what it shows], the newest last.
    return (memory?.tabs ?? []).map(([, tab]) => tab).find((tab) => tab.url === address && tab.sequence > after) ?? null;
  }, { address: url, after: mark }));

/**
 * Wait until PAT Guard's content script runs in the page's top frame (on a page where it
 * sends nothing there is no message to wait for). Its isolated world, as Chromium reports it
 * over the DevTools protocol, is the sign (enabling reports the worlds that already exist).
 */
export async function contentScriptRuns(page) {
  const cdp = await page.context().newCDPSession(page);
  let seen = false;
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated' && context.auxData?.isDefault === false
      && context.origin?.startsWith('chrome-extension://')) seen = true;
  });
  await cdp.send('Runtime.enable');
  await waitFor('the content script', () => seen);
  await cdp.detach();
}

/** The selector of the copy button GitHub puts beside a new token. */
export const COPY_TOKEN = 'clipboard-copy[aria-label="Copy token"]';
/** The classic token's holder in its new row (the page also has an empty duplicate). */
export const NEW_CLASSIC = '.new-token #new-oauth-token';

/** Generate a classic token as a person would (GitHub's form, a Turbo submission and the
 * user's activation) and wait until it is shown: its text. */
export async function generateClassic(page) {
  await page.goto('https://github.com/settings/tokens/new');
  await page.click('#generate');
  await page.locator(NEW_CLASSIC).waitFor();
  return page.locator(NEW_CLASSIC).textContent();
}

export const bannerFrame = (page) => page.frames().find((f) => f.url().split('?')[0].endsWith('/banner.html'));

/**
 * PAT Guard ignores a click in the reminder until it has been on screen for half a second
 * (a page cannot flash it under the pointer); a person takes longer than that to read it.
 */
export const READING_MS = 700;

/** Click one of the reminder's buttons as a person would: after reading it. */
export async function press(frame, testid) {
  await sleep(READING_MS);
  await frame.getByTestId(testid).click();
}

/** The reminder (or the lost notice, `mode` 'lost'): its frame and its root element. */
export async function banner(page, mode) {
  const frame = await waitFor('the banner frame', () => {
    const found = bannerFrame(page);
    return found && (!mode || found.url().includes(`mode=${mode}`)) ? found : null;
  });
  const element = frame.locator('[data-testid="banner"], [data-testid="token-lost"]').first();
  await element.waitFor();
  return { frame, element };
}

/** The reminder's state, kind and expiry as it shows them now. */
export async function bannerState(page) {
  const { frame, element } = await banner(page);
  const expires = frame.getByTestId('banner-expires');
  return {
    state: await element.getAttribute('data-state'),
    kind: await element.getAttribute('data-kind'),
    expires: (await expires.count()) ? (await expires.textContent()).trim() : null,
  };
}

/** Wait until the reminder says `state`. */
export const waitForState = (page, state) =>
  waitFor(`the reminder to say ${state}`, async () => (await bannerState(page).catch(() => ({}))).state === state);

/**
 * Whether reloading raises the browser's leave dialog (then stay on the page). Chromium shows
 * it only once the user has interacted with the document: flows that end on a fresh document
 * click on it first, as a user reading the page would.
 */
export async function reloadAsksToStay(page) {
  let asked = false;
  const onDialog = async (dialog) => {
    asked = dialog.type() === 'beforeunload';
    await dialog.dismiss();
  };
  page.on('dialog', onDialog);
  await Promise.race([page.reload({ timeout: 3000 }).catch(() => {}), sleep(1500)]);
  page.off('dialog', onDialog);
  return asked;
}
