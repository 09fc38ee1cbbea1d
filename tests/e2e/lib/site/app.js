// The fake github.com's own script: GitHub's in-site navigation, copy button and late
// fragments, from GitHub's own packages.
import * as Turbo from '/assets/turbo.js';
import '/assets/clipboard-copy.js';
import '/assets/include-fragment.js';

Turbo.start();
