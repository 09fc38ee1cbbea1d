// Where a token went: every request the fake GitHub saw, searched for the token.
import assert from 'node:assert/strict';

/**
 * Assert the token reached the fake GitHub only in the Authorization header of requests to
 * api.github.com (and, for a revocation, in the body of POST /credentials/revoke, which
 * carries no Authorization header). It is in no URL, no other header, no other host.
 */
export function assertTokenOnlyInAuthorization(requests, token) {
  let seen = 0;
  for (const request of requests) {
    const where = `${request.method} ${request.host}${request.path}`;
    assert.ok(!`${request.path}${request.search}`.includes(token), `token in the URL of ${where}`);
    for (const [name, value] of Object.entries(request.headers)) {
      if (!String(value).includes(token)) continue;
      assert.equal(request.host, 'api.github.com', `token sent to ${request.host}`);
      assert.equal(name, 'authorization', `token in header ${name} of ${where}`);
      assert.equal(value, `Bearer ${token}`);
      seen++;
    }
    if (request.body.includes(token)) {
      assert.equal(`${request.method} ${request.host}${request.path}`, 'POST api.github.com/credentials/revoke',
        `token in the body of ${where}`);
      assert.equal(request.headers.authorization, undefined, 'a revocation carries no Authorization header');
    }
    if (request.host === 'api.github.com') {
      assert.equal(request.headers.cookie, undefined, `no cookies on ${where}`);
      assert.equal(request.headers.referer, undefined, `no referrer on ${where}`);
    }
  }
  return seen;
}
