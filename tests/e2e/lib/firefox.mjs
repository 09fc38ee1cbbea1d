// Launch Firefox ESR (Debian's firefox-esr) through geckodriver with the shipped
// dist/firefox as a temporary add-on. `network.dns.forceResolve` sends every host name to
// 127.0.0.1, so the fake GitHub must listen on port 443 there. The extension's UUID is
// fixed in advance (`extensions.webextensions.uuids`) so its pages have a known address;
// geckodriver will not navigate a tab to them, so they are loaded from the chrome context
// with the system principal. WebDriver BiDi reaches the banner's frame, which lives in a
// closed shadow root no classic locator can enter.
import {
  chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync,
  realpathSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import BrowsingContext from 'selenium-webdriver/bidi/browsingContext.js';

import { waitFor as waitForCondition } from './wait.mjs';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const FIREFOX_DIR = join(root, 'dist', 'firefox');
const GECKODRIVER = process.env.GECKODRIVER ?? join(root, 'tools', 'bin', 'geckodriver');
const BINARY = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const ADDON_ID = 'pat-guard@pat-guard.dev';
export const UUID = '5f3c1a2e-9b7d-4e61-8a0c-2d4b6e8f1a37';
export const BASE = `moz-extension://${UUID}`;

/** `waitFor` for probes that may throw while the page is still loading (BiDi, WebDriver). */
export const waitFor = (what, probe, timeoutMs = 15_000) =>
  waitForCondition(what, () => probe().catch(() => null), timeoutMs);

/**
 * A Firefox whose enterprise policies are `policies`: Firefox reads them from the
 * `distribution/policies.json` beside its executable, so a private copy of the launcher, with
 * the rest of the installation linked in, gets policies without touching the system's.
 * Returns the copy's executable and a function that deletes the copy.
 */
export function withPolicies(policies) {
  const dir = mkdtempSync(join(tmpdir(), 'pat-guard-firefox-policies-'));
  const real = realpathSync(BINARY);
  const installation = dirname(real);
  const exe = basename(real);
  for (const entry of readdirSync(installation)) {
    if (entry === 'distribution') continue;
    const path = join(installation, entry);
    if (entry === exe || entry === 'firefox-bin') copyFileSync(path, join(dir, entry));
    else symlinkSync(path, join(dir, entry));
  }
  chmodSync(join(dir, exe), 0o755);
  mkdirSync(join(dir, 'distribution'));
  writeFileSync(join(dir, 'distribution', 'policies.json'), JSON.stringify({ policies }));
  return { binary: join(dir, exe), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export class FirefoxExtension {
  /**
   * `prefs`: more preferences for this launch (name → value); `binary`: another Firefox
   * (a copy with its own policies, see withPolicies).
   */
  static async launch({ prefs = {}, binary = BINARY } = {}) {
    for (const [what, path] of [['dist/firefox', join(FIREFOX_DIR, 'manifest.json')], ['geckodriver', GECKODRIVER], ['firefox-esr', binary]]) {
      if (!existsSync(path)) throw new Error(`${what} is missing (${path}): run ./build.sh test`);
    }
    const options = new firefox.Options()
      .setBinary(binary)
      .addArguments('-headless')
      .setAcceptInsecureCerts(true)
      .enableBidi()
      .setPreference('network.dns.forceResolve', '127.0.0.1')
      // permissions.request grants at once, as the user's "Allow" would (docs/github-enterprise.md, "Testing").
      .setPreference('extensions.webextOptionalPermissionPrompts', false)
      // Ask pages' beforeunload handlers without a prior click (see leaveAllowed).
      .setPreference('dom.require_user_interaction_for_beforeunload', false)
      // The password manager as users have it (automation turns it off): the suite checks
      // that it offers to keep nothing typed into PAT Guard.
      .setPreference('signon.rememberSignons', true)
      // Every console message of every context (pages, extension pages, the background)
      // is copied to Firefox's stdout, which the suite keeps: the canary searches it.
      .setPreference('devtools.console.stdout.content', true)
      .setPreference('devtools.console.stdout.chrome', true)
      .setPreference('signon.formlessCapture.enabled', true)
      .setPreference('extensions.webextensions.uuids', JSON.stringify({ [ADDON_ID]: UUID }))
      .setPreference('browser.shell.checkDefaultBrowser', false)
      .setPreference('app.update.disabledForTesting', true)
      .setPreference('datareporting.policy.dataSubmissionEnabled', false)
      .setPreference('toolkit.telemetry.enabled', false)
      .setPreference('browser.safebrowsing.malware.enabled', false)
      .setPreference('browser.safebrowsing.phishing.enabled', false)
      .setPreference('network.captive-portal-service.enabled', false)
      .setPreference('network.connectivity-service.enabled', false);
    for (const [name, value] of Object.entries(prefs)) options.setPreference(name, value);
    const self = new FirefoxExtension();
    self.consoleFile = join(mkdtempSync(join(tmpdir(), 'pat-guard-firefox-console-')), 'output.log');
    const output = openSync(self.consoleFile, 'w');
    const service = new firefox.ServiceBuilder(GECKODRIVER).addArguments('--allow-system-access')
      .setStdio(['ignore', output, output]);
    self.loads = 0;
    self.driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
    await self.driver.installAddon(FIREFOX_DIR, true);
    return self;
  }

  /** Open one of the extension's pages (popup.html) in the current tab, freshly loaded. */
  async openExtensionPage(path) {
    const { driver } = this;
    const url = `${BASE}/${path}?load=${++this.loads}`; // a new URL each time: a real load
    await driver.setContext(firefox.Context.CHROME);
    try {
      await driver.executeScript(
        `gBrowser.selectedBrowser.loadURI(Services.io.newURI(arguments[0]),
           { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
        url,
      );
    } finally {
      await driver.setContext(firefox.Context.CONTENT);
    }
    await waitFor(`${path} to load`, async () => (await driver.getCurrentUrl()) === url
      && (await driver.executeScript(() => document.readyState)) === 'complete');
  }

  /**
   * Whether the current tab would let itself be unloaded now. Firefox runs the page's
   * `beforeunload` handlers with trusted events and resolves `false` while one wants the
   * leave dialog (WebDriver itself would accept the dialog, so a test cannot see it).
   */
  async leaveAllowed() {
    const { driver } = this;
    await driver.setContext(firefox.Context.CHROME);
    try {
      return await driver.executeScript(
        `return gBrowser.selectedBrowser.browsingContext.currentWindowGlobal.permitUnload('dontUnload');`);
    } finally {
      await driver.setContext(firefox.Context.CONTENT);
    }
  }

  /** Stop the extension's background script, as Firefox does when it is idle. */
  async stopBackground() {
    const { driver } = this;
    await driver.setContext(firefox.Context.CHROME);
    try {
      return await driver.executeScript(`
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(arguments[0]);
        return extension.terminateBackground().then(() => true);`, ADDON_ID);
    } finally {
      await driver.setContext(firefox.Context.CONTENT);
    }
  }

  /** Whether Firefox is offering to save a login for the current tab (its doorhanger). */
  async offersToSavePassword() {
    const { driver } = this;
    await driver.setContext(firefox.Context.CHROME);
    try {
      return await driver.executeScript(
        `return Boolean(PopupNotifications.getNotification('password', gBrowser.selectedBrowser));`);
    } finally {
      await driver.setContext(firefox.Context.CONTENT);
    }
  }

  /** Evaluate in the current tab's page (content context). */
  async cssSupports(property, value) {
    return this.driver.executeScript((p, v) => CSS.supports(p, v), property, value);
  }

  /** The BiDi id of a frame of the current tab whose URL starts with `prefix`. */
  async frameContext(prefix) {
    const top = await this.driver.getWindowHandle();
    const context = await BrowsingContext(this.driver, { browsingContextId: top });
    this.bidi = context.bidi;
    const search = (nodes) => {
      for (const node of nodes ?? []) {
        if (String(node.url).startsWith(prefix)) return node.context;
        const inner = search(node.children);
        if (inner) return inner;
      }
      return null;
    };
    const tree = await this.bidi.send({ method: 'browsingContext.getTree', params: { root: top } });
    return search(tree.result?.contexts?.[0]?.children);
  }

  /** Evaluate a function's source in a frame (by its BiDi id); returns a JSON value. */
  async evaluateIn(contextId, source) {
    const response = await this.bidi.send({
      method: 'script.evaluate',
      params: {
        expression: `(async () => JSON.stringify(await (${source})()))()`,
        target: { context: contextId },
        awaitPromise: true,
      },
    });
    const result = response.result;
    if (!result || result.type === 'exception') {
      throw new Error(`evaluation failed: ${JSON.stringify(result?.exceptionDetails ?? response.error ?? response)}`);
    }
    return JSON.parse(result.result.value ?? 'null');
  }

  /** What Firefox and geckodriver printed so far (console messages included). */
  consoleOutput() {
    return readFileSync(this.consoleFile, 'utf8');
  }

  async quit() {
    await this.driver?.quit().catch(() => {});
  }
}
