// PAT Guard banner loader: load the wasm, then let Rust render the in-page reminder.
import init, { start_banner } from './pkg/banner.js';

await init();
start_banner();
