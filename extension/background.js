// PAT Guard background loader: loads the wasm and hands every message to it.
// The listeners are registered synchronously, as a service worker requires; all decisions
// (who may send what, what to answer) are made in Rust (`background_handle`).
import init, { background_handle, background_sync_hosts } from './pkg/background.js';

const api = globalThis.browser ?? globalThis.chrome;
const ready = init();

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => background_handle(message, sender))
    .then(sendResponse, () => sendResponse({ type: 'refused', reason: 'the PAT Guard background failed to start' }));
  return true;
});

// GitHub Enterprise hosts: PAT Guard watches exactly those whose permissions the user granted
// (docs/github-enterprise.md). Looked at again at start, when a permission is granted or
// given back (in PAT Guard or in the browser's own settings), and when the administrator's
// or the user's host list changes. What a sync does is decided in Rust.
const syncHosts = () => ready.then(() => background_sync_hosts()).catch(() => undefined);
api.permissions?.onAdded?.addListener(syncHosts);
api.permissions?.onRemoved?.addListener(syncHosts);
api.storage?.onChanged?.addListener((changes, area) => {
  if ((area === 'managed' || area === 'local') && 'enterpriseHosts' in changes) syncHosts();
});
syncHosts();
