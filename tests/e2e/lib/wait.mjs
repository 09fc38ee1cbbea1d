// Waiting in tests: for a condition, with a deadline, never for a fixed time when a
// condition can be named.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolve with the first truthy value of `probe()`, or fail after `timeoutMs`. */
export async function waitFor(what, probe, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
