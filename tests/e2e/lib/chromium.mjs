// Launch Debian's Chromium with the shipped extension (exactly dist/chrome), pointed at the
// fake GitHub through --host-resolver-rules, and connect Playwright to it over CDP (so the
// real toolbar popup is an ordinary page we can drive).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { waitFor } from './wait.mjs';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const EXTENSION_DIR = join(root, 'dist', 'chrome');
const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * A running Chromium with PAT Guard loaded. `problems` collects every console error and
 * uncaught exception of every context (pages, frames, the popup, the service worker), both
 * from Playwright's events and from Chromium's own log of console messages.
 */
export class ExtensionBrowser {
  /**
   * `apiPort` sends api.github.com somewhere else than the fake (a closed port, to see a
   * refused connection).
   */
  static async launch(server, { apiPort = server.port, everyHost = false, otherExtensions = [], extensionDir = EXTENSION_DIR, display = null } = {}) {
    if (!existsSync(join(extensionDir, 'manifest.json'))) {
      throw new Error('dist/chrome is missing: run ./build.sh first');
    }
    const self = new ExtensionBrowser();
    self.profile = mkdtempSync(join(tmpdir(), 'pat-guard-chromium-'));
    const map = [
      `MAP github.com 127.0.0.1:${server.port}`,
      `MAP api.github.com 127.0.0.1:${apiPort}`,
      `MAP avatars.githubusercontent.com 127.0.0.1:${server.port}`,
      `MAP baseline.test 127.0.0.1:${server.port}`,
      `MAP gist.github.com 127.0.0.1:${server.port}`,
      // GitHub Enterprise hosts the fake plays (fake-github.mjs).
      `MAP github.acme.test 127.0.0.1:${server.port}`,
      `MAP octo.ghe.com 127.0.0.1:${server.port}`,
      `MAP api.octo.ghe.com 127.0.0.1:${server.port}`,
      // `everyHost`: every other name too, so a request to any host reaches the fake
      // GitHub and is recorded (the network allowlist test).
      ...(everyHost ? [`MAP * 127.0.0.1:${server.port}`, 'EXCLUDE 127.0.0.1'] : []),
    ].join(', ');
    // `display`: a headful browser on that X display (Xvfb), where permission prompts can
    // show; headless Chromium never settles permissions.request (docs/github-enterprise.md, "Testing").
    const args = [
      ...(display ? [] : ['--headless']), '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--no-default-browser-check', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-dev-shm-usage', '--mute-audio', '--window-size=1280,900',
      `--user-data-dir=${self.profile}`, '--remote-debugging-port=0',
      `--disable-extensions-except=${[extensionDir, ...otherExtensions].join(',')}`,
      `--load-extension=${[extensionDir, ...otherExtensions].join(',')}`,
      `--host-resolver-rules=${map}`, '--ignore-certificate-errors',
      '--enable-logging=stderr', '--v=0',
      'about:blank',
    ];
    const env = display ? { ...process.env, DISPLAY: display } : process.env;
    self.process = spawn(EXECUTABLE, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    self.log = '';
    self.process.stderr.on('data', (chunk) => { self.log += chunk; });
    self.exited = new Promise((r) => self.process.once('exit', r));

    const portFile = join(self.profile, 'DevToolsActivePort');
    const port = await waitFor('Chromium to start', () =>
      existsSync(portFile) && readFileSync(portFile, 'utf8').split('\n')[0], 20_000);
    self.port = port;
    self.extraConnections = [];
    self.browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    self.context = self.browser.contexts()[0];
    self.problems = [];
    self.consoleText = [];
    const watch = (target, where) => self.watch(target, where);
    for (const page of self.context.pages()) watch(page, () => page.url());
    self.context.on('page', (page) => watch(page, () => page.url()));
    self.worker = await waitFor('the extension service worker', () =>
      self.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js')), 20_000);
    watch(self.worker, () => 'service worker');
    self.extensionId = new URL(self.worker.url()).host;
    return self;
  }

  watch(target, where) {
    target.on('console', (m) => {
      this.consoleText.push(`${where()}: ${m.text()}`);
      if (m.type() !== 'error') return;
      // Chromium's own network log: a fetch to the API that got an error status (401, 403,
      // 5xx…) or broke off (net::…) is an answer the extension reads on purpose and turns
      // into a verdict, not an error of the extension.
      const url = m.location()?.url ?? '';
      if (m.text().startsWith('Failed to load resource:') && url.startsWith('https://api.github.com/')) return;
      this.problems.push(`${where()}: console.error: ${m.text()}`);
    });
    target.on('pageerror', (e) => this.problems.push(`${where()}: uncaught: ${e.message}`));
  }

  /**
   * Console messages Chromium logged that are uncaught exceptions anywhere, or that come from
   * the extension's own files (it logs nothing when all is well). This log covers what
   * happened before Playwright attached, such as the service worker's start.
   */
  loggedConsoleProblems() {
    const ours = `chrome-extension://${this.extensionId}/`;
    return this.log.split('\n').filter((line) =>
      /:CONSOLE[:(]/.test(line) && (line.includes('Uncaught') || line.includes(`source: ${ours}`)));
  }

  allProblems() {
    return [...this.problems, ...this.loggedConsoleProblems()];
  }

  async newPage() {
    return this.context.newPage();
  }

  /**
   * Open the real toolbar popup over the active tab (chrome.action.openPopup() from the
   * service worker) and return it as a page. Playwright does not attach to a popup that opens
   * after it connected, so a second CDP connection picks it up.
   */
  async openPopup() {
    const url = `chrome-extension://${this.extensionId}/popup.html`;
    await this.worker.evaluate(() => chrome.action.openPopup());
    const cdp = await this.browser.newBrowserCDPSession();
    await waitFor('the popup to open', async () =>
      (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.type === 'page' && t.url.startsWith(url)));
    await cdp.detach();
    const second = await chromium.connectOverCDP(`http://127.0.0.1:${this.port}`);
    this.extraConnections.push(second);
    const popup = second.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(url));
    if (!popup) throw new Error('the popup opened but could not be attached');
    this.watch(popup, () => 'popup');
    return popup;
  }

  /**
   * Drop the extra connections made to drive popups: each one also sees every page's
   * dialogs and would answer a leave dialog a test means to answer itself.
   */
  async releasePopups() {
    for (const connection of this.extraConnections.splice(0)) await connection.close().catch(() => {});
  }

  /** Open a github.com tab and the real popup over it. */
  async popupOverGitHub(path = '/') {
    const page = await this.newPage();
    await page.goto(`https://github.com${path}`);
    await page.bringToFront();
    return this.openPopup();
  }

  /** Every file of the profile, read after the browser has quit (see close). */
  profileFiles() {
    const files = [];
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile()) files.push(path);
      }
    };
    walk(this.profile);
    return files;
  }

  /** Quit; `inspect(browser)` runs on the closed browser's profile before it is deleted. */
  async close({ inspect } = {}) {
    for (const connection of this.extraConnections ?? []) await connection.close().catch(() => {});
    if (this.browser) {
      // Ask Chromium to quit (it flushes its profile), then make sure it is gone.
      await this.browser.newBrowserCDPSession().then((cdp) => cdp.send('Browser.close')).catch(() => {});
      await this.browser.close().catch(() => {});
    }
    const timer = setTimeout(() => this.process?.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    try {
      await inspect?.(this);
    } finally {
      rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  }
}
