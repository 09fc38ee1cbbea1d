// PAT Guard content script: a thin shim, because github.com's CSP forbids WebAssembly here.
// It gathers facts about GitHub's token pages, asks the background (Rust) what to do, and
// does what it is told: mount the reminder, arm or disarm the leave warning, report a copy.
// Its only decisions of its own are cheap gates (page::CONTENT_GATE, and a token-prefix hint
// before sending values): other pages cost no message and no work.
//
// It exposes nothing to the page: it runs in the isolated world, in a closure, adds no
// globals and no window message listeners; the banner lives in a closed shadow root; DOM
// methods are called through their prototypes so page markup cannot clobber them; every
// handler is wrapped so nothing is ever thrown into the page. Only trusted events (a real
// user's key press, click or copy) count as the user's actions.
(() => {
  'use strict';

  // The extension's API, reached the first time this page has something to say: on a page
  // where nothing happens the script never builds the API's bindings nor registers a
  // listener. Every message the background sends a tab answers something the tab said first
  // (a token page's facts, a pasted secret), so the listener is in place before any comes.
  // `browser` where it is the real API (Firefox), else `chrome`: a page element with
  // id="browser" must not pass for the API.
  let api = null;
  function runtime() {
    if (!api) {
      api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
      api.runtime.onMessage.addListener(onMessage);
    }
    return api.runtime;
  }
  const GATE = ['/settings/tokens', '/settings/personal-access-tokens', '/settings/applications/', '/settings/apps/'];
  const ORGANIZATION_GATE = ['/settings/applications/', '/settings/apps/'];
  // Limits in UTF-16 code units (JavaScript's length), as page::facts counts them.
  const MAX_TEXT = 262144; // page::MAX_TEXT_LEN
  const MAX_CANDIDATE = 4096; // page::MAX_CANDIDATE_LEN
  const MAX_CANDIDATES = 64; // page::MAX_CANDIDATES
  const MAX_ROW = 2048; // page::MAX_ROW_LEN
  const MAX_THEME = 64; // page::MAX_THEME_NAME_LEN
  /** Something that starts like a GitHub token: only such values are reported. */
  const TOKEN_HINT = /gh[pousr]_|github_pat_/;
  /** GitHub's elements for a new secret (docs/github-pages.md); ids may be duplicated. */
  const HOLDERS = '[id="new-oauth-token"], [id="new-access-token"]';
  /** The row a token sits in, where its expiry is written. */
  const ROW = '.new-token, .access-token, .Box-row, li, tr';
  /** The reminder goes after the token's row, else after its nearest block. */
  const PLACES = ['.new-token, .access-token, .Box-row, li', 'p, div'];
  const BANNER_HEIGHT = 112;
  const SETTLE_MS = 250; // wait for a burst of DOM changes to end
  const MIN_INTERVAL_MS = 1000; // and look again at most once a second
  const COPY_WINDOW_MS = 5000; // a copy button's announcement counts this long after a press
  const MAX_RESTORES = 50; // a page that removes the reminder forever: the leave guard stays
  const SEEN_FOR_MS = 500; // the reminder must be on screen this long before a click counts
  const MIN_OPACITY = 0.9; // and not faded by the page

  // DOM access through the prototypes, bound now: named elements (`<form name="body">`,
  // `<a id="browser">`) can shadow properties of `document` and `window`, never these.
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const querySelector = Element.prototype.querySelector;
  const querySelectorAll = Element.prototype.querySelectorAll;
  const closest = Element.prototype.closest;
  const after = Element.prototype.after;
  const prepend = Element.prototype.prepend;
  const remove = Element.prototype.remove;
  const attachShadow = Element.prototype.attachShadow;
  const checkVisibility = Element.prototype.checkVisibility;
  const getClientRects = Element.prototype.getClientRects;
  const getElementById = Document.prototype.getElementById;
  const elementFromPoint = Document.prototype.elementFromPoint;
  const getBoundingClientRect = Element.prototype.getBoundingClientRect;
  const contains = Node.prototype.contains;
  const getComputedStyle = window.getComputedStyle.bind(window);
  const matchMedia = window.matchMedia.bind(window);
  const parentElement = getter(Node.prototype, 'parentElement');
  const createElement = Document.prototype.createElement;
  const getSelection = Document.prototype.getSelection;
  const addListener = EventTarget.prototype.addEventListener;
  const getAttribute = Element.prototype.getAttribute;
  const documentElement = getter(Document.prototype, 'documentElement');
  const body = getter(Document.prototype, 'body');
  const activeElement = getter(Document.prototype, 'activeElement');
  const textContent = getter(Node.prototype, 'textContent');
  const isConnected = getter(Node.prototype, 'isConnected');
  const localName = getter(Element.prototype, 'localName');
  const textOf = (node) => String(textContent.call(node) ?? '');
  const root = () => documentElement.call(document);
  const mainElement = () => querySelector.call(root(), 'main') ?? body.call(document);
  const on = (target, type, listener, options) => addListener.call(target, type, listener, options);
  const connected = (node) => Boolean(node) && isConnected.call(node);

  /** Never throw into the page, and never log from it. */
  const safely = (fn) => (...args) => {
    try {
      const result = fn(...args);
      return result instanceof Promise ? result.catch(() => undefined) : result;
    } catch {
      return undefined;
    }
  };

  /** Cut to `max` UTF-16 units without splitting a surrogate pair. */
  const cut = (text, max) => {
    if (text.length <= max) return text;
    const last = text.charCodeAt(max - 1);
    return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
  };

  const onTokenPage = (path) =>
    GATE.some((prefix) => path.startsWith(prefix)) ||
    (path.startsWith('/organizations/') && ORGANIZATION_GATE.some((part) => path.includes(part)));

  /** Ask the background; `null` when it refuses, cannot be reached or answers nonsense. */
  async function ask(message) {
    try {
      return (await runtime().sendMessage(message)) ?? null;
    } catch {
      return null; // the extension was reloaded or the background is gone
    }
  }

  /** State of the current page view; dropped (with all its listeners) on navigation. */
  let view = null;
  /** The kind of a token left unsaved by a history navigation, to report on arrival. */
  let lostKind = null;
  /** The mounted reminder: its host, frame, address and what it shows now. */
  let banner = null;
  let settleTimer = 0;

  // ----------------------------------------------------------------------------------------
  // The reminder: an extension page in an iframe in a closed shadow root. Its address
  // (`banner.html?…#…`) is written by the background: its key and what changes while it is
  // shown (save state, expiry) ride in the fragment, so a reminder the page removed comes
  // back, reloaded, as it was. This script only loads each new address into the frame.

  function unmountBanner() {
    if (!banner) return;
    banner.keeper.disconnect();
    banner.sight.disconnect();
    remove.call(banner.host);
    banner = null;
  }

  /** The element that shows `token` now (a re-render may have replaced the first one). */
  function holderOf(token) {
    if (!token) return null;
    for (const element of querySelectorAll.call(root(), `${HOLDERS}, clipboard-copy[value], input[value]`)) {
      if (textOf(element).includes(token) || String(getAttribute.call(element, 'value') ?? '').includes(token)) return element;
    }
    return null;
  }

  /** Put the host after the token's row or block (found again if it was replaced). */
  function placeBanner() {
    const anchor = connected(banner.anchor) ? banner.anchor : holderOf(banner.token);
    let block = null;
    for (const selector of PLACES) {
      block = block ?? (anchor ? closest.call(anchor, selector) : null);
    }
    if (connected(block)) {
      after.call(block, banner.host);
    } else {
      const main = mainElement();
      if (main) prepend.call(main, banner.host);
    }
    // Put back (or first placed): it must be seen afresh before a click counts.
    banner.placedAt = Date.now();
    banner.seenSince = null;
  }

  /**
   * One of PAT Guard's frames (the reminder, a leak warning) in a closed shadow root the page
   * cannot reach into: `{ host, frame }`. `mounted.seenSince` says since when it has been
   * fully on screen, for the clickjacking check (`frameVisible`): null until the observer
   * first reports, 0 while it is not.
   */
  function framed(mounted, address, title, height, margin) {
    const host = createElement.call(document, 'div');
    const shadow = attachShadow.call(host, { mode: 'closed' });
    const frame = createElement.call(document, 'iframe');
    mounted.sight = new IntersectionObserver(safely((entries) => {
      const entry = entries[entries.length - 1];
      mounted.seenSince = entry.intersectionRatio >= 0.99 ? (mounted.seenSince || Date.now()) : 0;
    }), { threshold: [0, 0.99, 1] });
    mounted.sight.observe(host);
    frame.src = bannerUrl(address);
    frame.title = title;
    frame.setAttribute('style', `display:block;border:0;width:100%;height:${height}px;margin:${margin};color-scheme:normal`);
    shadow.append(frame);
    return { host, frame };
  }

  function mountBanner(address, lost, anchor, token = '') {
    unmountBanner();
    banner = {
      anchor, token, lost, restores: 0, url: location.href,
      keeper: new MutationObserver(safely(() => {
        // A re-render removed the reminder: put it back at once.
        if (banner && !connected(banner.host) && banner.restores++ < MAX_RESTORES) placeBanner();
      })),
    };
    Object.assign(banner, framed(banner, address, 'PAT Guard reminder', BANNER_HEIGHT, '8px 0'));
    placeBanner();
    banner.keeper.observe(root(), { childList: true, subtree: true });
  }

  /**
   * Whether a click in the reminder can be the user's: its host is in the page, has been
   * fully on screen for a moment, is not faded, and is what the page shows at its centre and
   * corners (nothing covers it). Asked by the background before each of the reminder's
   * actions, as password managers check their in-page menus.
   */
  function bannerVisible() {
    return banner ? frameVisible(banner) : 'the reminder is no longer in the page';
  }

  /** The same for any of PAT Guard's frames: `mounted` is { host, placedAt, seenSince }. */
  function frameVisible(mounted) {
    if (!connected(mounted.host)) return 'the reminder is no longer in the page';
    const { host } = mounted;
    // The observer reports on the next frame, which a busy machine delays: until it has,
    // the reminder counts as seen since it was placed if it is fully on screen now.
    const box = getBoundingClientRect.call(host);
    const onScreen = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
    const since = mounted.seenSince ?? (onScreen ? mounted.placedAt : 0);
    if (!since || Date.now() - since < SEEN_FOR_MS) return 'the reminder was not on screen long enough';
    let opacity = 1;
    for (let node = host; node; node = parentElement.call(node)) {
      const style = getComputedStyle(node);
      if (style.visibility === 'hidden' || style.display === 'none') return 'the reminder is hidden';
      opacity *= Number(style.opacity);
    }
    if (!(opacity >= MIN_OPACITY)) return 'the reminder is faded out';
    const inset = 4;
    const points = [
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.left + inset, box.top + inset], [box.right - inset, box.top + inset],
      [box.left + inset, box.bottom - inset], [box.right - inset, box.bottom - inset],
    ];
    for (const [x, y] of points) {
      if (elementFromPoint.call(document, x, y) !== host) return 'something covers the reminder';
    }
    // Hit-testing cannot see an overlay the page made transparent to clicks: look for a
    // positioned, visible element that lets clicks through and lies over the reminder.
    for (const element of querySelectorAll.call(root(), '*')) {
      const style = getComputedStyle(element);
      if (style.pointerEvents !== 'none' || style.position === 'static') continue;
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      if (contains.call(element, host)) continue;
      const over = getBoundingClientRect.call(element);
      const overlaps = points.some(([x, y]) => x >= over.left && x <= over.right && y >= over.top && y <= over.bottom);
      if (overlaps) return 'something covers the reminder';
    }
    return null;
  }

  /** The background's address for the reminder, as a URL inside this extension. */
  function bannerUrl(address) {
    return typeof address === 'string' && address.startsWith('banner.html?') ? runtime().getURL(address) : null;
  }

  /** Tell the reminder what changed: its new address differs in the fragment only (a
   * same-document navigation of its frame). */
  function updateBanner(address) {
    const url = bannerUrl(address);
    if (banner && !banner.lost && url) banner.frame.src = url;
  }

  // ----------------------------------------------------------------------------------------
  // Facts

  function isVisible(element) {
    return checkVisibility ? checkVisibility.call(element) : getClientRects.call(element).length > 0;
  }

  function gatherFacts() {
    const candidates = [];
    const anchors = [];
    const seen = new Set();
    const add = (element, raw, source) => {
      const value = String(raw ?? '');
      // An oversized string is skipped, never cut: a cut token is no token.
      if (!value.trim() || value.length > MAX_CANDIDATE || candidates.length >= MAX_CANDIDATES || seen.has(value)) return;
      seen.add(value);
      const row = closest.call(element, ROW);
      candidates.push({ value, source, row: row ? cut(textOf(row), MAX_ROW) : null });
      anchors.push(element);
    };
    const holders = Array.from(querySelectorAll.call(root(), HOLDERS));
    for (const element of holders) add(element, textOf(element), 'holder-text');
    for (const element of holders) add(element, getAttribute.call(element, 'value'), 'holder-value');
    // Every other `value` that starts like a token: copy buttons, then visible fields, then
    // anything else. Hidden inputs (authenticity tokens, `_method`) never count.
    const copies = [];
    const fields = [];
    const others = [];
    for (const element of querySelectorAll.call(root(), '[value]')) {
      const value = getAttribute.call(element, 'value');
      if (!value || !TOKEN_HINT.test(value)) continue;
      const tag = localName.call(element);
      if (tag === 'clipboard-copy') {
        copies.push([element, value]);
      } else if (tag === 'input') {
        const type = String(getAttribute.call(element, 'type') ?? '').toLowerCase();
        if (type !== 'hidden' && isVisible(element)) fields.push([element, value]);
      } else {
        others.push([element, value]);
      }
    }
    for (const [element, value] of copies) add(element, value, 'copy-button');
    for (const [element, value] of fields) add(element, value, 'field');
    for (const [element, value] of others) add(element, value, 'value');
    const main = mainElement();
    const facts = {
      type: 'page-facts',
      url: location.href,
      // An empty holder (a template, a hidden copy) marks nothing.
      tokenElement: candidates.some((candidate) => candidate.source.startsWith('holder-'))
        || querySelector.call(root(), '.new-token') !== null,
      candidates,
      text: main ? cut(textOf(main), MAX_TEXT) : '',
    };
    if (lostKind) facts.leftUnsaved = lostKind;
    facts.colors = pageColors();
    return { facts, anchors };
  }

  /** GitHub's colour settings on <html> (docs/github-pages.md) and the system's scheme: the
   * background decides which the reminder follows. */
  function pageColors() {
    const read = (name) => {
      const value = getAttribute.call(root(), name);
      return value ? cut(String(value), MAX_THEME) : null;
    };
    return {
      mode: read('data-color-mode'),
      lightTheme: read('data-light-theme'),
      darkTheme: read('data-dark-theme'),
      systemDark: matchMedia('(prefers-color-scheme: dark)').matches === true,
    };
  }

  const looksTokenLike = (facts) =>
    facts.tokenElement || facts.candidates.length > 0 || TOKEN_HINT.test(facts.text);

  // ----------------------------------------------------------------------------------------
  // Page views

  function leave() {
    view?.abort.abort();
    view = null;
    clearTimeout(settleTimer);
  }

  async function evaluate(again = false) {
    const onToken = onTokenPage(location.pathname);
    if (!onToken && !lostKind) {
      leave();
      if (!(banner?.lost && banner.url === location.href)) unmountBanner();
      return;
    }
    if (view?.url !== location.href) again = false; // a navigation, not a DOM change
    if (!again && view?.url === location.href) return; // DOM changes bring us back here
    if (again && view?.assessment?.page === 'token-shown') return;
    const { facts, anchors } = gatherFacts();
    // Looking again after a DOM change costs a message only once something looks like a token.
    if (again && !looksTokenLike(facts)) return;
    leave();
    const current = { url: location.href, abort: new AbortController(), assessment: null, token: '', armed: false, lastRead: Date.now(), timer: 0 };
    view = current;
    lostKind = null;
    const reply = await ask(facts);
    if (view !== current) return;
    if (reply?.type === 'page-assessment') {
      apply(current, reply, facts, anchors);
    } else if (onToken) {
      // The background refused or could not be reached, so nobody can tell whether this is
      // a new token: where something looks like one, the leave warning is armed anyway.
      current.armed = looksTokenLike(facts);
      if (current.armed) guardLeaving(current, current.abort.signal);
      watchForToken(current, current.abort.signal);
    }
  }

  function apply(current, assessment, facts, anchors) {
    current.assessment = assessment;
    const at = assessment.tokenAt;
    let anchor = null;
    if (at) {
      const inCandidate = at.candidate !== null && at.candidate !== undefined;
      const source = inCandidate ? facts.candidates[at.candidate]?.value : facts.text;
      current.token = String(source ?? '').slice(at.start, at.end);
      anchor = inCandidate ? anchors[at.candidate] ?? null : null;
    }
    // The reminder's key rides in its address's fragment, which no request carries: the
    // background believes only the frame whose address holds it.
    const lost = Boolean(assessment.lost);
    if ((lost || assessment.banner) && bannerUrl(assessment.bannerAddress)) {
      mountBanner(assessment.bannerAddress, lost, lost ? null : anchor, lost ? '' : current.token);
    } else if (assessment.page !== 'token-shown') {
      unmountBanner();
    }
    current.armed = assessment.guard === true;
    const signal = current.abort.signal;
    if (assessment.page === 'token-shown') {
      watchCopies(current, signal);
      guardLeaving(current, signal);
      if (!assessment.expires) watchExpiry(current, signal);
    } else if (onTokenPage(location.pathname)) {
      watchForToken(current, signal);
    }
  }

  /** Run `task` after DOM changes settle, at most once a second. */
  function observeChanges(current, signal, task) {
    const observer = new MutationObserver(safely(() => {
      clearTimeout(current.timer);
      const wait = Math.max(SETTLE_MS, current.lastRead + MIN_INTERVAL_MS - Date.now());
      current.timer = setTimeout(safely(() => {
        if (view !== current) return;
        current.lastRead = Date.now();
        task(observer);
      }), wait);
    }));
    // The whole document: Turbo replaces <body> on a render at the same URL.
    observer.observe(root(), { childList: true, subtree: true, characterData: true });
    on(signal, 'abort', () => {
      observer.disconnect();
      clearTimeout(current.timer);
    }, { once: true });
  }

  /** A token can appear without a navigation (a Turbo frame, a React render): look again. */
  function watchForToken(current, signal) {
    observeChanges(current, signal, () => evaluate(true));
  }

  /** The token's expiry arrives late (an include-fragment): read it when it does. */
  function watchExpiry(current, signal) {
    observeChanges(current, signal, async (observer) => {
      const { facts } = gatherFacts();
      const reply = await ask(facts);
      if (view !== current || reply?.type !== 'page-assessment') return;
      if (reply.fingerprint !== current.assessment.fingerprint || !reply.expires) return;
      current.assessment.expires = reply.expires;
      observer.disconnect();
      updateBanner(reply.bannerAddress);
    });
  }

  // ----------------------------------------------------------------------------------------
  // Copies and leaving

  function markCopied(current) {
    if (!current.armed && current.assessment?.state !== 'unsaved') return;
    // The user has the token: leaving is safe now (this cannot wait for an answer).
    current.armed = false;
    // What the reminder says next is the background's to decide (acknowledging outranks
    // copying); its answer is carried on as it is.
    ask({ type: 'token-copied', fingerprint: current.assessment.fingerprint }).then(safely((reply) => {
      if (view !== current || reply?.type !== 'save-state-changed') return;
      current.assessment.state = reply.state;
      updateBanner(reply.bannerAddress);
    }));
  }

  function selectedText() {
    const active = activeElement.call(document);
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
      return String(active.value ?? '').slice(active.selectionStart ?? 0, active.selectionEnd ?? 0);
    }
    return String(getSelection.call(document)?.toString() ?? '');
  }

  /** What a `<clipboard-copy>` copies: its `value`, else the text or value of its `for`. */
  function copiedBy(button) {
    const value = getAttribute.call(button, 'value');
    if (value !== null) return value;
    const id = getAttribute.call(button, 'for');
    const target = id ? getElementById.call(document, id) : null;
    return target ? String(getAttribute.call(target, 'value') ?? textOf(target)) : '';
  }

  function watchCopies(current, signal) {
    if (!current.token) return;
    const options = { capture: true, signal };
    // GitHub's copy button announces its copy with a script-made `clipboard-copy` event,
    // which a page could forge: it counts only right after the user pressed that button.
    let pressed = null;
    const press = safely((event) => {
      if (!event.isTrusted) return;
      if (event.type === 'keydown' && event.key !== 'Enter' && event.key !== ' ') return;
      const button = closest.call(event.target, 'clipboard-copy');
      if (button && copiedBy(button).includes(current.token)) pressed = { button, at: Date.now() };
    });
    on(document, 'click', press, options);
    on(document, 'keydown', press, options);
    on(document, 'clipboard-copy', safely((event) => {
      if (pressed?.button === event.target && Date.now() - pressed.at < COPY_WINDOW_MS) markCopied(current);
    }), options);
    on(document, 'copy', safely((event) => {
      if (event.isTrusted && selectedText().includes(current.token)) markCopied(current);
    }), options);
  }

  function guardLeaving(current, signal) {
    const options = { capture: true, signal };
    // Reload, tab close and full navigations: the browser's own leave dialog. A script-made
    // `beforeunload` learns nothing.
    on(window, 'beforeunload', safely((event) => {
      if (!event.isTrusted || !current.armed) return;
      event.preventDefault();
      event.returnValue = '';
    }), options);
    // Turbo navigations would replace the page without asking: make them full navigations,
    // which ask. Turbo's events are script-made; they count only for a link the user clicked.
    let clicked = null;
    on(document, 'click', safely((event) => {
      if (event.isTrusted) clicked = closest.call(event.target, 'a');
    }), options);
    on(document, 'turbo:click', safely((event) => {
      if (current.armed && clicked !== null && event.target === clicked) event.preventDefault();
    }), options);
    on(document, 'turbo:before-visit', safely((event) => {
      if (!current.armed) return;
      const target = new URL(String(event.detail?.url ?? ''), location.href);
      if (target.origin !== location.origin) return; // never sent anywhere else by the page
      event.preventDefault();
      location.assign(target.href);
    }), options);
    // History navigations cannot be stopped: say so on arrival.
    on(window, 'popstate', safely((event) => {
      if (event.isTrusted && current.armed) lostKind = current.assessment?.kind ?? 'not-a-token';
    }), options);
  }

  // ----------------------------------------------------------------------------------------
  // The leak guard: a secret pasted, dropped or typed into a text field (anywhere but where
  // secrets belong) is caught before it is posted. Until something that starts like a secret
  // is pasted, dropped or submitted, it costs one cheap test per such event and no message.

  /** What may be a secret: what starts like a token, or a private key's first line. */
  const LEAK_HINT = new RegExp(`${TOKEN_HINT.source}|-----BEGIN `);
  /** The strings worth asking about: token-shaped words and private-key blocks. Only these
   * go to the background, never the rest of the field. */
  const LEAK_CANDIDATE = /gh[pousr]_[A-Za-z0-9_.-]{20,}|github_pat_[A-Za-z0-9_]{20,}|-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]{0,16000}?-----END [A-Z0-9 ]*PRIVATE KEY-----/g;
  const MAX_LEAK_CANDIDATES = 16; // leak::MAX_LEAK_CANDIDATES
  const MAX_LEAK_CANDIDATE = 16384; // leak::MAX_LEAK_CANDIDATE_LEN
  const LEAK_HEIGHT = 120;
  /** Where a secret belongs (leak::guards_path): Actions, Codespaces, Dependabot and
   * environment secrets; and the token pages, where the reminder works. */
  const SECRETS_PAGE = /\/settings\/secrets(\/|$)|\/settings\/environments\/|\/codespaces\/secrets(\/|$)/;
  const leakGuarded = () => !onTokenPage(location.pathname) && !SECRETS_PAGE.test(location.pathname);
  const OPEN = ['warning', 'held'];

  /** Every leak warning shown: { field, token, key, address, state, host, frame, … }. */
  const leaks = [];
  /** The text of each field last asked about, so unchanged text is not asked about again. */
  const asked = new WeakMap();
  /** A post held until the user decides: how to send it again. */
  let held = null;
  let resubmitting = false;
  let recheckTimer = 0;

  /** The text field an event happened in: a textarea, a text input (never a password), or
   * an editable element. */
  function textField(target) {
    if (!target || typeof target !== 'object' || !('nodeType' in target)) return null;
    const element = target.nodeType === 1 ? target : parentElement.call(target);
    if (!element) return null;
    const tag = localName.call(element);
    if (tag === 'textarea') return element;
    if (tag === 'input') {
      const type = String(getAttribute.call(element, 'type') ?? 'text').toLowerCase();
      return ['text', 'search', 'url', 'email'].includes(type) ? element : null;
    }
    return closest.call(element, '[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]');
  }

  const isValueField = (field) => ['textarea', 'input'].includes(localName.call(field));
  const fieldText = (field) => (isValueField(field) ? String(field.value ?? '') : textOf(field));

  function candidatesIn(texts) {
    const found = [];
    for (const text of texts) {
      for (const match of String(text).matchAll(LEAK_CANDIDATE)) {
        const value = match[0];
        if (value.length <= MAX_LEAK_CANDIDATE && !found.includes(value) && found.length < MAX_LEAK_CANDIDATES) found.push(value);
      }
    }
    return found;
  }

  /** Ask the background which of `texts`' candidates are secrets; warn about each new one,
   * in `state` (a warning asked for by a post starts out holding it: its frame loads once). */
  async function inspectField(field, texts, state = 'warning') {
    asked.set(field, fieldText(field));
    const candidates = candidatesIn(texts);
    if (!candidates.length) return;
    const reply = await ask({ type: 'leak-candidates', url: location.href, candidates });
    if (reply?.type !== 'leaks-found') return;
    for (const leak of reply.leaks ?? []) {
      const token = String(candidates[leak.candidate] ?? '').slice(leak.start, leak.end);
      if (!token || leak.kept) continue;
      if (leaks.some((known) => known.field === field && known.token === token)) continue;
      mountLeak({ field, token, key: leak.key, kind: leak.kind, address: withState(leak.warningAddress, state), state });
    }
  }

  function mountLeak(record) {
    const { host } = Object.assign(record, framed(record, record.address, 'PAT Guard warning', LEAK_HEIGHT, '4px 0'));
    Object.assign(record, { placedAt: Date.now(), seenSince: null });
    after.call(record.field, host);
    leaks.push(record);
    watchLeaks();
  }

  const withState = (address, state) => address.replace(/([#&]state=)[a-z]+/, `$1${state}`);

  function setLeakState(record, state) {
    if (record.state === state) return;
    record.state = state;
    record.address = withState(record.address, state);
    record.frame.src = bannerUrl(record.address);
  }

  /** The warnings about `fields` whose secret is still in its field, undecided. */
  const openLeaks = (fields) => leaks.filter((record) =>
    fields.includes(record.field) && OPEN.includes(record.state) && fieldText(record.field).includes(record.token));

  /** The text fields a submission from `target` sends: its form's, else its own field. */
  function fieldsOf(target) {
    const element = target?.nodeType === 1 ? target : null;
    const form = element ? closest.call(element, 'form') : null;
    const all = form ? Array.from(querySelectorAll.call(form, 'textarea, input, [contenteditable]')) : [element];
    return all.map(textField).filter((field, i, list) => field && list.indexOf(field) === i);
  }

  /** Hold a submission while a field it sends holds an undecided secret; a field with text
   * that starts like a secret and was not asked about yet (typed, autofilled) is asked
   * about first, and the submission sent again if it holds none. */
  function holdIfNeeded(event, fields, resume) {
    if (resubmitting || !leakGuarded() || !fields.length) return;
    const open = openLeaks(fields);
    const unasked = fields.filter((field) => LEAK_HINT.test(fieldText(field)) && asked.get(field) !== fieldText(field));
    if (!open.length && !unasked.length) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const hold = () => {
      const still = openLeaks(fields);
      if (!still.length) return false;
      held = { fields, resume };
      for (const record of still) setLeakState(record, 'held');
      return true;
    };
    if (hold()) return;
    Promise.all(unasked.map((field) => inspectField(field, [fieldText(field)], 'held'))).then(safely(() => {
      if (!hold()) sendAgain(resume);
    }));
  }

  function sendAgain(resume) {
    resubmitting = true;
    try {
      resume();
    } finally {
      resubmitting = false;
    }
  }

  /** Take the secret out of its field, leaving the rest; the page's editor sees an input. */
  function removeFromField(record) {
    const { field, token } = record;
    if (isValueField(field)) {
      const proto = localName.call(field) === 'textarea' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value').set.call(field, fieldText(field).split(token).join(''));
    } else {
      const walker = document.createTreeWalker(field, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.data.includes(token)) node.data = node.data.split(token).join('');
      }
    }
    field.dispatchEvent(new Event('input', { bubbles: true }));
    asked.set(field, fieldText(field));
  }

  /** After the page changed: a secret gone from its field without Remove was posted if the
   * page now shows it, else the user deleted it. A removed warning is put back. */
  function recheckLeaks() {
    for (const record of leaks) {
      if (connected(record.field) && !connected(record.host)) after.call(record.field, record.host);
      if (!OPEN.includes(record.state) || fieldText(record.field).includes(record.token)) continue;
      const shown = textOf(mainElement() ?? root()).includes(record.token);
      setLeakState(record, shown ? 'posted' : 'removed');
    }
  }

  const onLeakInput = safely((event, texts) => {
    if (!event.isTrusted || !leakGuarded()) return;
    const field = textField(event.target);
    if (field && texts.some((text) => LEAK_HINT.test(text))) inspectField(field, texts);
  });
  on(document, 'paste', (event) => onLeakInput(event, [event.clipboardData?.getData('text/plain') ?? '']), true);
  on(document, 'drop', (event) => onLeakInput(event, [event.dataTransfer?.getData('text/plain') ?? '']), true);
  on(window, 'submit', safely((event) => {
    const form = event.target;
    holdIfNeeded(event, fieldsOf(form), () => HTMLFormElement.prototype.requestSubmit.call(form, event.submitter ?? undefined));
  }), true);

  /** Once a warning is shown (and only then, so typing costs nothing before): hold posts
   * that do not go through a form's submit (a script's button, Ctrl+Enter), and watch the
   * page for a secret taken out of its field or posted. */
  let watching = false;
  function watchLeaks() {
    if (watching) return;
    watching = true;
    on(window, 'click', safely((event) => {
      const button = event.target?.nodeType === 1 ? closest.call(event.target, 'button, input[type="submit"]') : null;
      if (!button || String(getAttribute.call(button, 'type') ?? 'submit').toLowerCase() !== 'submit') return;
      holdIfNeeded(event, fieldsOf(button), () => button.click());
    }), true);
    on(window, 'keydown', safely((event) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      const field = textField(event.target);
      if (!field) return;
      const form = closest.call(field, 'form');
      holdIfNeeded(event, form ? fieldsOf(form) : [field], () => {
        if (form) HTMLFormElement.prototype.requestSubmit.call(form);
        else field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: event.ctrlKey, metaKey: event.metaKey, bubbles: true, cancelable: true }));
      });
    }), true);
    on(document, 'input', safely(recheckLeaks), true);
    new MutationObserver(safely(() => {
      clearTimeout(recheckTimer);
      recheckTimer = setTimeout(safely(recheckLeaks), SETTLE_MS);
    })).observe(root(), { childList: true, subtree: true });
  }

  /** The user decided in a warning: remove the secret or keep it; a post held for it goes
   * once no field it sends holds an undecided secret (and only after Keep: after Remove the
   * user reads their text again and posts it themselves). */
  function leakDecided(record, keep) {
    if (!OPEN.includes(record.state)) return;
    if (keep) {
      setLeakState(record, 'kept');
    } else {
      removeFromField(record);
      setLeakState(record, 'removed');
    }
    if (held && held.fields.includes(record.field) && !openLeaks(held.fields).length) {
      const { resume } = held;
      held = null;
      if (keep) sendAgain(resume);
    }
  }

  const onMessage = safely((message, sender, sendResponse) => {
    if (sender?.id !== api.runtime.id) return undefined;
    const current = view;
    switch (message?.type) {
      case 'unmount-banner':
        unmountBanner();
        break;
      case 'confirm-banner-visible': {
        const record = message.key ? leaks.find((leak) => leak.key === message.key) : null;
        const why = message.key ? (record ? frameVisible(record) : 'that warning is gone') : bannerVisible();
        sendResponse(why ? { type: 'refused', reason: `PAT Guard ignored that click: ${why}.` } : { type: 'ack' });
        break;
      }
      case 'resize-banner': {
        const target = message.key ? leaks.find((leak) => leak.key === message.key) : banner;
        if (target && Number.isFinite(message.height)) target.frame.style.height = `${message.height}px`;
        break;
      }
      case 'save-state-changed':
        if (current?.assessment?.fingerprint === message.fingerprint && message.state !== 'unsaved') {
          current.armed = false;
          current.assessment.state = message.state;
          updateBanner(message.bannerAddress);
        }
        break;
      case 'share-shown-token':
        if (current?.token && current.assessment?.fingerprint === message.fingerprint) {
          sendResponse({ type: 'shown-token', value: current.token });
        } else {
          sendResponse({ type: 'refused', reason: 'that token is no longer on this page' });
        }
        break;
      case 'leak-decided': {
        const record = leaks.find((leak) => leak.key === message.key);
        if (record) leakDecided(record, message.keep === true);
        break;
      }
      case 'share-leak': {
        // Only a secret the page has already posted, for a check the user asked for.
        const record = leaks.find((leak) => leak.key === message.key && leak.state === 'posted');
        sendResponse(record ? { type: 'shown-token', value: record.token } : { type: 'refused', reason: 'that secret was not posted' });
        break;
      }
      default:
        break;
    }
    return undefined;
  });

  // GitHub navigates inside the site with Turbo and React soft navigations. A navigation
  // event at an unchanged URL does nothing: DOM changes are watched on their own.
  const navigated = safely(() => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(safely(() => evaluate()), 0);
  });
  for (const event of ['turbo:load', 'turbo:render', 'turbo:frame-load', 'soft-nav:end', 'soft-nav:react-done']) {
    on(document, event, navigated);
  }
  // The script starts with the document (document_start), while the page still waits on its
  // network, rather than on the way to the page's load event; the page's facts are read once
  // its markup is parsed. Its listeners for pastes, drops and posts are in place from the
  // first moment.
  if (document.readyState === 'loading') on(document, 'DOMContentLoaded', safely(() => evaluate()), { once: true });
  else evaluate();
})();
