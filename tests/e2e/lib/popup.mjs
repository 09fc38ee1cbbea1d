// Helpers for suites that drive the popup.

/**
 * Have the fake API answer `GET /user` with `answer`, type `token` into the popup, press
 * Validate and wait for the card: its locator.
 */
export async function validateIn(popup, server, token, answer) {
  server.answer('GET /user', answer);
  await popup.getByTestId('token-input').fill(token);
  await popup.getByTestId('validate').click();
  const verdict = popup.getByTestId('verdict');
  await verdict.waitFor();
  return verdict;
}
