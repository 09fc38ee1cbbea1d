// PAT Guard content script: a thin shim, because github.com's CSP forbids WebAssembly here.
// It gathers facts about the page, asks the background (Rust) what to do, and mounts or
// removes the banner iframe when told to. It makes no decisions of its own beyond a cheap
// gate: only `/settings/` pages are ever reported (every page rule in src/page/ lies there).
// It exposes nothing to the page: no globals (it runs in the isolated world, in a closure),
// no window message listeners, and the banner lives in a closed shadow root.
(() => {
  'use strict';

  const api = globalThis.browser ?? globalThis.chrome;
  const BANNER_HEIGHT = '96px';
  const MAX_SHOWN_TEXT = 4096; // page::MAX_SHOWN_TEXT_LEN
  let host = null;
  let generation = 0;

  const find = (selector) => Document.prototype.querySelector.call(document, selector);

  function unmountBanner() {
    host?.remove();
    host = null;
  }

  function mountBanner(kind) {
    if (host?.isConnected) return;
    host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    const query = typeof kind === 'string' ? `?kind=${encodeURIComponent(kind)}` : '';
    frame.src = api.runtime.getURL(`banner.html${query}`);
    frame.title = 'PAT Guard reminder';
    frame.setAttribute('style', `display:block;border:0;width:100%;height:${BANNER_HEIGHT};margin:8px 0;color-scheme:normal`);
    shadow.append(frame);
    const token = find('#new-oauth-token');
    if (token?.parentElement) {
      token.parentElement.after(host);
    } else {
      (find('main') ?? document.body)?.prepend(host);
    }
  }

  async function evaluate() {
    const current = ++generation;
    if (!location.pathname.includes('/settings/')) {
      unmountBanner();
      return;
    }
    const main = find('main') ?? document.body;
    const shown = find('#new-oauth-token');
    const facts = {
      type: 'page-facts',
      url: location.href,
      tokenElement: shown !== null,
      copyNotice: String(main?.textContent ?? '').includes('Make sure to copy your'),
    };
    // The background classifies the shown secret with the token engine, then drops it.
    if (shown) facts.shownText = String(shown.textContent ?? '').slice(0, MAX_SHOWN_TEXT);
    let reply;
    try {
      reply = await api.runtime.sendMessage(facts);
    } catch {
      return; // the extension was reloaded or the background is gone: stay silent in the page
    }
    if (current !== generation) return; // a newer navigation has been evaluated meanwhile
    if (reply?.type === 'page-assessment' && reply.banner === true) {
      mountBanner(reply.kind);
    } else {
      unmountBanner();
    }
  }

  api.runtime.onMessage.addListener((message) => {
    if (message?.type === 'unmount-banner') unmountBanner();
  });

  // GitHub navigates inside the site with Turbo and React soft navigations.
  for (const event of ['turbo:load', 'turbo:render', 'turbo:frame-load', 'soft-nav:end']) {
    document.addEventListener(event, () => { evaluate(); });
  }
  evaluate();
})();
