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
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1000, height: 420 });
  await page.goto('https://github.com/settings/tokens/new');
  await page.bringToFront();
  await page.click('#generate');
  await page.locator('#new-oauth-token').waitFor();
  const banner = await (async () => {
    for (;;) {
      const frame = page.frames().find((f) => f.url().includes('/banner.html'));
      if (frame) return frame;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await banner.getByTestId('banner').waitFor();
  // The picture need not show a checksum-valid string, even a made-up one.
  await page.locator('#new-oauth-token').evaluate((code) => { code.textContent = `${code.textContent.slice(0, 8)}${'•'.repeat(32)}`; });
  await page.screenshot({ path: join(out, 'banner.png') });

  const popup = await browser.openPopup();
  const shot = async (name) => {
    await popup.waitForTimeout(100);
    await popup.screenshot({ path: join(out, `${name}.png`) }); // what the popup shows, unscrolled
  };
  const validate = async (token, answer) => {
    server.answer('GET /user', answer);
    await popup.getByTestId('token-input').fill(token);
    await popup.getByTestId('validate').click();
    await popup.getByTestId('verdict').waitFor();
    await popup.locator('img.avatar').evaluate((img) => img.decode()).catch(() => {});
  };

  await shot('popup-empty');
  await popup.getByTestId('token-input').fill(`Authorization: Bearer ${mistype(classicToken('ghp', 7))}`);
  await shot('popup-offline');
  await validate(classicToken('ghp', 8), () => ({
    headers: { 'x-oauth-scopes': 'repo, read:org, gist', 'github-authentication-token-expiration': inDays(5), 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4998', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3000), 'x-github-request-id': 'C0DE:1F2E:3D4C' },
    body: USER,
  }));
  await shot('popup-valid');
  await validate(fineGrainedToken(9), () => ({ status: 401, body: { message: 'Bad credentials' } }));
  await shot('popup-invalid');
  await validate(classicToken('ghp', 10), () => ({ status: 429, headers: { 'retry-after': '120' }, body: { message: 'You have exceeded a secondary rate limit.' } }));
  await popup.emulateMedia({ colorScheme: 'dark' });
  await shot('popup-unknown-dark');
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
