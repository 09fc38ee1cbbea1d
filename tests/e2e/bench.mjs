// `./build.sh bench`, browser part: what PAT Guard costs a GitHub page that shows no token,
// as ratios to a baseline measured in the same browser and run. The baseline is the same
// page served under `baseline.test`, where no content script runs (the shipped dist/chrome
// is loaded in both cases). Figures are printed and written to target/bench/browser.json;
// no test asserts a time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ExtensionBrowser } from './lib/chromium.mjs';
import { FakeGitHub } from './lib/fake-github.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const MUTATIONS = 3000;
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Load a page, then make MUTATIONS DOM changes that start like tokens; time both. */
async function round(page, origin, path) {
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0].duration);
  const mutate = await page.evaluate(async (count) => {
    const main = document.querySelector('main');
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const p = document.createElement('p');
      p.textContent = `ghp_ line ${i}`;
      main.append(p);
    }
    // Observers' callbacks run before the next frame: two frames include them.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - start;
  }, MUTATIONS);
  return { load, mutate };
}

async function main() {
  const server = await new FakeGitHub().start();
  const browser = await ExtensionBrowser.launch(server);
  const page = await browser.newPage();
  const figures = [];
  try {
    for (const path of ['/octocat/hello', '/settings/profile']) {
      const github = { load: [], mutate: [] };
      const baseline = { load: [], mutate: [] };
      await round(page, 'https://github.com', path); // warm both caches
      await round(page, 'https://baseline.test', path);
      for (let i = 0; i < ROUNDS; i++) {
        // Alternate, so drift in the machine's speed hits both sides alike.
        for (const [origin, into] of [['https://github.com', github], ['https://baseline.test', baseline]]) {
          const { load, mutate } = await round(page, origin, path);
          into.load.push(load);
          into.mutate.push(mutate);
        }
      }
      for (const what of ['load', 'mutate']) {
        const ours = median(github[what]);
        const base = median(baseline[what]);
        figures.push({
          figure: `${path}: ${what === 'load' ? 'page load' : `${MUTATIONS} DOM changes`}`,
          with_extension_ms: Number(ours.toFixed(2)),
          baseline_ms: Number(base.toFixed(2)),
          ratio: Number((ours / base).toFixed(3)),
        });
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`\nnon-token GitHub pages, median of ${ROUNDS} rounds (ratio = with PAT Guard / baseline)`);
  console.log(`${'figure'.padEnd(40)} ${'with'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(7)}`);
  for (const f of figures) {
    console.log(`${f.figure.padEnd(40)} ${String(f.with_extension_ms).padStart(10)} ${String(f.baseline_ms).padStart(10)} ${String(f.ratio).padStart(7)}`);
  }
  const out = join(root, 'target', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'browser.json'), `${JSON.stringify({ rounds: ROUNDS, figures }, null, 2)}\n`);
  console.log(`(written to target/bench/browser.json)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
