// The fake github.com's own script: GitHub's in-site navigation and copy button.
import * as Turbo from '/assets/turbo.js';
import '/assets/clipboard-copy.js';

Turbo.start();
