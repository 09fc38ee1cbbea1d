// PAT Guard popup loader: load the wasm, then let Rust render the popup.
import init, { start_popup } from './pkg/popup.js';

await init();
start_popup();
