// PAT Guard background loader: loads the wasm and hands every message to it.
// The listener is registered synchronously, as a service worker requires; all decisions
// (who may send what, what to answer) are made by `background_handle` in Rust.
import init, { background_handle } from './pkg/pat_guard.js';

const api = globalThis.browser ?? globalThis.chrome;
const ready = init();

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => background_handle(message, sender))
    .then(sendResponse, () => sendResponse({ type: 'refused', reason: 'the PAT Guard background failed to start' }));
  return true;
});
