// Screenshots of the popup's main states and of the in-page banner, for the README:
// `./build.sh screenshots` writes them to docs/screenshots/. Everything is the shipped
// dist/chrome against the fake GitHub; every token is made up at run time.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { FakeGitHub } from './lib/fake-github.mjs';
import { classicToken, fineGrainedToken, mistype } from './lib/tokens.mjs';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });

const USER = { login: 'octocat', name: 'The Octocat', avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4' };
const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

const server = await new FakeGitHub().start();
const browser = await ExtensionBrowser.launch(server);
try {
  // The reminder at four widths, after resizing, in GitHub's light and dark themes with the
  // system's scheme set the other way (the reminder must follow GitHub, not the system).
  for (const [theme, system] of [['light', 'dark'], ['dark', 'light']]) {
    const page = await browser.newPage();
    server.colors = { mode: theme, light: 'light', dark: 'dark' };
    await page.emulateMedia({ colorScheme: system });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('https://github.com/settings/tokens/new');
    await page.bringToFront();
    await page.click('#generate');
    await page.locator('.new-token #new-oauth-token').waitFor();
    const frame = await (async () => {
      for (;;) {
        const found = page.frames().find((f) => f.url().includes('/banner.html'));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await frame.getByTestId('banner').waitFor();
    // The picture need not show a checksum-valid string, even a made-up one.
    await page.locator('.new-token #new-oauth-token').evaluate((code) => { code.textContent = `${code.textContent.slice(0, 8)}${'•'.repeat(32)}`; });
    for (const width of [1280, 700, 480, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => document.querySelector('li.new-token').scrollIntoView());
      await page.waitForTimeout(600); // the frame re-measures and the content script resizes it
      const box = await page.evaluate(() => {
        const row = document.querySelector('li.new-token');
        const host = row.nextElementSibling;
        const top = row.getBoundingClientRect().top;
        return { y: Math.max(0, top - 8), height: host.getBoundingClientRect().bottom - top + 16 };
      });
      await page.screenshot({ path: join(out, `reminder-${width}-${theme}.png`), clip: { x: 0, y: box.y, width, height: box.height } });
    }
    await page.close({ runBeforeUnload: false });
  }
  // A github.com tab for the popup to open over, in GitHub's default colours.
  server.colors = { mode: 'auto', light: 'light', dark: 'dark' };
  const over = await browser.newPage();
  await over.goto('https://github.com/');
  await over.bringToFront();

  const popup = await browser.openPopup();
  const shot = async (name) => {
    for (const scheme of ['light', 'dark']) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.waitForTimeout(100);
      await popup.screenshot({ path: join(out, `popup-${name}-${scheme}.png`) }); // what the popup shows, unscrolled
    }
    await popup.emulateMedia({ colorScheme: 'light' });
  };
  const validate = async (token, answer) => {
    server.answer('GET /user', answer);
    await popup.getByTestId('token-input').fill(token);
    await popup.getByTestId('validate').click();
    await popup.getByTestId('verdict').waitFor();
    await popup.locator('img.avatar').evaluate((img) => img.decode()).catch(() => {});
  };

  await shot('empty');
  await popup.getByTestId('token-input').fill(`Authorization: Bearer ${mistype(classicToken('ghp', 7))}`);
  await popup.getByTestId('verdict').waitFor();
  await shot('offline');
  await validate(classicToken('ghp', 8), () => ({
    headers: { 'x-oauth-scopes': 'repo, read:org, gist', 'github-authentication-token-expiration': inDays(5), 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4998', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3000), 'x-github-request-id': 'C0DE:1F2E:3D4C' },
    body: USER,
  }));
  await shot('valid');
  await validate(fineGrainedToken(9), () => ({ status: 401, body: { message: 'Bad credentials' } }));
  await shot('invalid');
  await validate(classicToken('ghp', 10), () => ({ status: 429, headers: { 'retry-after': '120' }, body: { message: 'You have exceeded a secondary rate limit.' } }));
  await shot('unknown');
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
