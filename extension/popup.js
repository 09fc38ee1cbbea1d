// PAT Guard popup loader: the page's own token field works before the wasm does, so focus it
// now (a paste right after opening lands) and note an Enter pressed meanwhile (the popup
// validates once it has started); then load the wasm and let Rust render the popup.
import init, { start_popup } from './pkg/popup.js';

const field = document.getElementById('token-input');
const noteEnter = (event) => {
  if (event.key === 'Enter') field.dataset.submitted = 'true';
};
field?.addEventListener('keydown', noteEnter);
field?.focus();
await init();
field?.removeEventListener('keydown', noteEnter);
start_popup();
