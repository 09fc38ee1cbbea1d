// `./build.sh bench`, browser part, as ratios to baselines measured in the same browser and
// run: what PAT Guard costs a GitHub page that shows no token (the same page served under
// `baseline.test`, where no content script runs), and how soon the popup's token input is
// ready (against a page of the same extension holding only an input). Also what each
// context loads. Figures are printed and written to target/bench/browser.json; no test
// asserts a time.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { EXTENSION_DIR, ExtensionBrowser } from './lib/chromium.mjs';
import { FakeGitHub } from './lib/fake-github.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const MUTATIONS = 3000;
const FIRST_OPENS = Number(process.env.BENCH_FIRST_OPENS ?? 5);
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

/**
 * Popup start: from navigation to an interactive token input, for the shipped popup and for a
 * page of the same extension that holds only an input (in a copy of dist/chrome with that one
 * page added; dist itself is untouched). Warm: one browser, many opens; first open: a fresh
 * browser each time.
 */
async function popupStart(server) {
  const copy = join(root, 'target', 'bench', 'extension');
  rmSync(copy, { recursive: true, force: true });
  cpSync(EXTENSION_DIR, copy, { recursive: true });
  writeFileSync(join(copy, 'baseline.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title>'
    + '<link rel="stylesheet" href="style.css"></head><body class="popup-body">'
    + '<input data-testid="token-input" aria-label="Token"></body></html>\n');
  // When the input is in the document (yew attaches its handlers as it inserts it).
  const markReady = () => {
    const mark = () => {
      if (!globalThis.__ready && document.querySelector('[data-testid="token-input"]')) globalThis.__ready = performance.now();
    };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  };
  const open = async (browser, file) => {
    const page = await browser.newPage();
    await page.addInitScript(markReady);
    await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
    const ready = await page.waitForFunction(() => globalThis.__ready).then((h) => h.jsonValue());
    await page.close();
    return ready;
  };
  const warm = { popup: [], baseline: [] };
  const browser = await ExtensionBrowser.launch(server, { extensionDir: copy });
  try {
    await open(browser, 'popup.html');
    await open(browser, 'baseline.html');
    for (let i = 0; i < ROUNDS; i++) {
      warm.popup.push(await open(browser, 'popup.html'));
      warm.baseline.push(await open(browser, 'baseline.html'));
    }
  } finally {
    await browser.close();
  }
  const first = { popup: [], baseline: [] };
  for (let i = 0; i < FIRST_OPENS; i++) {
    for (const [file, into] of [['popup.html', first.popup], ['baseline.html', first.baseline]]) {
      const fresh = await ExtensionBrowser.launch(server, { extensionDir: copy });
      try {
        into.push(await open(fresh, file));
      } finally {
        await fresh.close();
      }
    }
  }
  return [['warm', warm], ['first open after start', first]].map(([when, samples]) => {
    const ours = median(samples.popup);
    const base = median(samples.baseline);
    return {
      figure: `popup: interactive input, ${when}`,
      with_extension_ms: Number(ours.toFixed(2)),
      baseline_ms: Number(base.toFixed(2)),
      ratio: Number((ours / base).toFixed(3)),
    };
  });
}

/** What each context loads, gzipped (deterministic: a size, not a timing). */
function contextSizes() {
  const pkg = join(EXTENSION_DIR, 'pkg');
  const gz = (file) => gzipSync(readFileSync(join(pkg, file)), { level: 9 }).length;
  return readdirSync(pkg).filter((f) => f.endsWith('_bg.wasm')).sort().map((file) => {
    const context = file.replace(/_bg\.wasm$/, '');
    return { context, wasm_gzip_bytes: gz(file), glue_gzip_bytes: gz(`${context}.js`) };
  });
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
  }
  try {
    figures.push(...await popupStart(server));
  } finally {
    await server.stop();
  }
  const sizes = contextSizes();
  console.log(`\nnon-token GitHub pages, median of ${ROUNDS} rounds (ratio = with PAT Guard / baseline)`);
  console.log(`${'figure'.padEnd(40)} ${'with'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(7)}`);
  for (const f of figures) {
    console.log(`${f.figure.padEnd(40)} ${String(f.with_extension_ms).padStart(10)} ${String(f.baseline_ms).padStart(10)} ${String(f.ratio).padStart(7)}`);
  }
  const out = join(root, 'target', 'bench');
  mkdirSync(out, { recursive: true });
  console.log('\nwhat each context loads, gzipped (bytes)');
  for (const s of sizes) console.log(`${s.context.padEnd(12)} wasm ${String(s.wasm_gzip_bytes).padStart(8)}   glue ${String(s.glue_gzip_bytes).padStart(6)}`);
  writeFileSync(join(out, 'browser.json'), `${JSON.stringify({ rounds: ROUNDS, first_opens: FIRST_OPENS, figures, sizes }, null, 2)}\n`);
  console.log(`(written to target/bench/browser.json)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
