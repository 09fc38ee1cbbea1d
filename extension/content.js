// PAT Guard content script: a thin shim, because github.com's CSP forbids WebAssembly here.
// It gathers facts about GitHub's token pages, asks the background (Rust) what to do, and
// does what it is told: mount the reminder, arm or disarm the leave warning, report a copy.
// Its only decision of its own is a cheap gate (page::CONTENT_GATE): other pages cost no
// message and no work.
//
// It exposes nothing to the page: it runs in the isolated world, in a closure, adds no
// globals and no window message listeners; the banner lives in a closed shadow root; DOM
// methods are called through their prototypes so page markup cannot clobber them; every
// handler is wrapped so nothing is ever thrown into the page.
(() => {
  'use strict';

  // `browser` where it is the real API (Firefox), else `chrome`: a page element with
  // id="browser" must not pass for the API.
  const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
  const GATE = ['/settings/tokens', '/settings/personal-access-tokens', '/settings/applications/'];
  const MAX_TEXT = 256 * 1024; // page::MAX_TEXT_LEN
  const MAX_CANDIDATE = 4096; // page::MAX_CANDIDATE_LEN
  const MAX_CANDIDATES = 16; // page::MAX_CANDIDATES
  const BANNER_HEIGHT = 112;
  const SETTLE_MS = 250;

  // DOM access through the prototypes, bound now: named elements (`<form name="body">`,
  // `<a id="browser">`) can shadow properties of `document` and `window`, never these.
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const querySelector = Element.prototype.querySelector;
  const querySelectorAll = Element.prototype.querySelectorAll;
  const getElementById = Document.prototype.getElementById;
  const createElement = Document.prototype.createElement;
  const getSelection = Document.prototype.getSelection;
  const addListener = EventTarget.prototype.addEventListener;
  const getAttribute = Element.prototype.getAttribute;
  const documentElement = getter(Document.prototype, 'documentElement');
  const body = getter(Document.prototype, 'body');
  const activeElement = getter(Document.prototype, 'activeElement');
  const textContent = getter(Node.prototype, 'textContent');
  const textOf = (node) => String(textContent.call(node) ?? '');
  const mainElement = () => querySelector.call(documentElement.call(document), 'main') ?? body.call(document);
  const on = (target, type, listener, options) => addListener.call(target, type, listener, options);

  /** Never throw into the page, and never log from it. */
  const safely = (fn) => (...args) => {
    try {
      return fn(...args);
    } catch {
      return undefined;
    }
  };

  const onTokenPage = (path) =>
    GATE.some((prefix) => path.startsWith(prefix)) ||
    (path.startsWith('/organizations/') && path.includes('/settings/applications/'));

  /** State of the current page view; dropped (with all its listeners) on navigation. */
  let view = null;
  /** The kind of a token left unsaved by a history navigation, to report on arrival. */
  let lostKind = null;
  let host = null;
  let frame = null;
  let settleTimer = 0;

  function unmountBanner() {
    host?.remove();
    host = null;
    frame = null;
  }

  function mountBanner(params, anchor) {
    unmountBanner();
    host = createElement.call(document, 'div');
    const shadow = host.attachShadow({ mode: 'closed' });
    frame = createElement.call(document, 'iframe');
    frame.src = api.runtime.getURL(`banner.html?${new URLSearchParams(params)}`);
    frame.title = 'PAT Guard reminder';
    frame.setAttribute('style', `display:block;border:0;width:100%;height:${BANNER_HEIGHT}px;margin:8px 0;color-scheme:normal`);
    shadow.append(frame);
    const block = anchor?.closest?.('li, div, p') ?? null;
    if (block?.isConnected) {
      block.after(host);
    } else {
      mainElement()?.prepend(host);
    }
  }

  function leave() {
    view?.abort.abort();
    view = null;
    clearTimeout(settleTimer);
  }

  function gatherFacts() {
    const main = mainElement();
    const shown = getElementById.call(document, 'new-oauth-token');
    const candidates = [];
    const anchors = [];
    if (shown) {
      candidates.push(textOf(shown).slice(0, MAX_CANDIDATE));
      anchors.push(shown);
    }
    for (const element of main ? querySelectorAll.call(main, 'clipboard-copy[value], input[value]') : []) {
      if (candidates.length >= MAX_CANDIDATES) break;
      candidates.push(String(getAttribute.call(element, 'value') ?? '').slice(0, MAX_CANDIDATE));
      anchors.push(element);
    }
    const text = main ? textOf(main).slice(0, MAX_TEXT) : '';
    const facts = {
      type: 'page-facts',
      url: location.href,
      tokenElement: shown !== null,
      copyNotice: text.includes('Make sure to copy your'),
      candidates,
      text,
    };
    if (lostKind) facts.leftUnsaved = lostKind;
    return { facts, anchors };
  }

  async function evaluate() {
    try {
      await evaluateNow();
    } catch {
      // never throw into the page
    }
  }

  async function evaluateNow() {
    const onToken = onTokenPage(location.pathname);
    if (!onToken && !lostKind) {
      leave();
      unmountBanner();
      return;
    }
    if (view?.url === location.href && view.assessment?.page === 'token-shown') return;
    leave();
    const current = { url: location.href, abort: new AbortController(), assessment: null, token: '', armed: false };
    view = current;
    const { facts, anchors } = gatherFacts();
    lostKind = null;
    let reply;
    try {
      reply = await api.runtime.sendMessage(facts);
    } catch {
      return; // the extension was reloaded or the background is gone: stay silent in the page
    }
    if (view !== current || reply?.type !== 'page-assessment') return;
    apply(current, reply, facts, anchors);
  }

  function apply(current, assessment, facts, anchors) {
    current.assessment = assessment;
    const at = assessment.tokenAt;
    if (at) {
      const source = at.candidate === null || at.candidate === undefined ? facts.text : facts.candidates[at.candidate];
      current.token = String(source ?? '').slice(at.start, at.end);
    }
    if (assessment.lost) {
      mountBanner({ mode: 'lost', kind: assessment.lost.kind }, null);
    } else if (assessment.banner) {
      const params = {
        kind: assessment.kind ?? '',
        secret: assessment.secret ?? '',
        state: assessment.state ?? 'unsaved',
        fp: assessment.fingerprint ?? '',
      };
      if (assessment.expires) params.expires = assessment.expires;
      const anchor = at && at.candidate !== null && at.candidate !== undefined ? anchors[at.candidate] : null;
      mountBanner(params, anchor);
    } else if (assessment.page !== 'token-shown') {
      unmountBanner();
    }
    current.armed = assessment.guard === true;
    const signal = current.abort.signal;
    if (assessment.page === 'token-shown') {
      watchCopies(current, signal);
      guardLeaving(current, signal);
    } else {
      watchForToken(current, signal);
    }
  }

  /** A token can appear without a navigation (a Turbo frame, a React render): look again. */
  function watchForToken(current, signal) {
    const main = mainElement();
    if (!main) return;
    const observer = new MutationObserver(safely(() => {
      clearTimeout(settleTimer);
      settleTimer = setTimeout(safely(() => {
        if (view === current) {
          current.url = ''; // evaluate this view again
          evaluate();
        }
      }), SETTLE_MS);
    }));
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    on(signal, 'abort', () => observer.disconnect(), { once: true });
  }

  function markCopied(current) {
    if (!current.armed && current.assessment?.state !== 'unsaved') return;
    current.armed = false;
    current.assessment.state = 'copied';
    api.runtime.sendMessage({ type: 'token-copied', fingerprint: current.assessment.fingerprint }).catch(() => {});
    // Tell the banner through its own address: a fragment change is a same-document
    // navigation the banner sees as `hashchange` (no broadcast reaches it in every browser).
    if (frame) frame.src = `${frame.src.split('#')[0]}#copied`;
  }

  function selectedText() {
    const active = activeElement.call(document);
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
      return String(active.value ?? '').slice(active.selectionStart ?? 0, active.selectionEnd ?? 0);
    }
    return String(getSelection.call(document)?.toString() ?? '');
  }

  function watchCopies(current, signal) {
    if (!current.token) return;
    const options = { capture: true, signal };
    on(document, 'clipboard-copy', safely((event) => {
      const button = event.target;
      const value = getAttribute.call(button, 'value');
      const target = getAttribute.call(button, 'for');
      const targetElement = target ? getElementById.call(document, target) : null;
      const copied = value ?? (targetElement ? textOf(targetElement) : '');
      if (String(copied).includes(current.token)) markCopied(current);
    }), options);
    on(document, 'copy', safely(() => {
      if (selectedText().includes(current.token)) markCopied(current);
    }), options);
  }

  function guardLeaving(current, signal) {
    const options = { capture: true, signal };
    // Reload, tab close and full navigations: the browser's own leave dialog.
    on(window, 'beforeunload', safely((event) => {
      if (!current.armed) return;
      event.preventDefault();
      event.returnValue = '';
    }), options);
    // Turbo navigations would replace the page without asking: make them full navigations.
    on(document, 'turbo:click', safely((event) => {
      if (current.armed) event.preventDefault();
    }), options);
    on(document, 'turbo:before-visit', safely((event) => {
      if (!current.armed) return;
      event.preventDefault();
      location.assign(String(event.detail?.url ?? location.href));
    }), options);
    // History navigations cannot be stopped: say so on arrival.
    const lost = safely(() => {
      if (current.armed) lostKind = current.assessment?.kind ?? 'not-a-token';
    });
    on(document, 'turbo:visit', safely((event) => {
      if (event.detail?.action === 'restore') lost();
    }), options);
    on(window, 'popstate', lost, options);
  }

  api.runtime.onMessage.addListener(safely((message, sender, sendResponse) => {
    if (sender?.id !== api.runtime.id) return undefined;
    const current = view;
    switch (message?.type) {
      case 'unmount-banner':
        unmountBanner();
        break;
      case 'resize-banner':
        if (frame && Number.isFinite(message.height)) frame.style.height = `${message.height}px`;
        break;
      case 'save-state-changed':
        if (current?.assessment?.fingerprint === message.fingerprint && message.state !== 'unsaved') {
          current.armed = false;
          current.assessment.state = message.state;
        }
        break;
      case 'share-shown-token':
        if (current?.token && current.assessment?.fingerprint === message.fingerprint) {
          sendResponse({ type: 'shown-token', value: current.token });
        } else {
          sendResponse({ type: 'refused', reason: 'that token is no longer on this page' });
        }
        break;
      default:
        break;
    }
    return undefined;
  }));

  // GitHub navigates inside the site with Turbo and React soft navigations.
  const again = safely(() => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(safely(evaluate), 0);
  });
  for (const event of ['turbo:load', 'turbo:render', 'turbo:frame-load', 'soft-nav:end', 'soft-nav:react-done']) {
    on(document, event, again);
  }
  evaluate();
})();
