// Mozilla's linter on the shipped dist/firefox: no errors, and no warning but the one the
// README explains (yew's DOM renderer carries an innerHTML setter for raw-HTML nodes, which
// PAT Guard never creates).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';

import webExt from 'web-ext';

import { EXTENSION_DIR } from './lib/chromium.mjs';

const FIREFOX_DIR = join(EXTENSION_DIR, '..', 'firefox');
// yew's innerHTML setter (README, "Mozilla's linter"), in the one module that holds yew.
const EXPLAINED = new Set(['UNSAFE_VAR_ASSIGNMENT pkg/popup.js']);

test('web-ext lint: no errors, no unexplained warnings', async () => {
  const result = await webExt.cmd.lint(
    { sourceDir: FIREFOX_DIR, output: 'none', selfHosted: false, boring: true },
    { shouldExitProgram: false },
  );
  const describe = (item) => `${item.code} ${item.file ?? ''}`.trim();
  assert.deepEqual(result.errors.map(describe), []);
  assert.deepEqual(result.warnings.map(describe).filter((w) => !EXPLAINED.has(w)), []);
  assert.deepEqual(result.notices.map(describe), []);
});
