// Where a token went: every request the fake GitHub saw, searched for the token.
import assert from 'node:assert/strict';

import { ENTERPRISE_CLOUD, ENTERPRISE_SERVER } from './fake-github.mjs';

/** Every API host of the GitHub hosts the fake plays. */
export const ALL_API_HOSTS = ['api.github.com', ENTERPRISE_SERVER, `api.${ENTERPRISE_CLOUD}`];

/** Every 8-character piece of a token: finding any of them is finding part of the token. */
export function pieces(token) {
  return Array.from({ length: token.length - 7 }, (_, i) => token.slice(i, i + 8))
    .filter((piece) => !/^(ghp|gho|ghu|ghs|ghr|github_pat)_/.test(`${piece}_`) && !piece.includes('_'));
}

/** Whether `text` holds any 8 characters of the token (its prefix alone does not count). */
export const holdsPart = (text, token) => pieces(token).some((piece) => String(text).includes(piece));

/** The API a host's tokens go to: its API host, and on an Enterprise Server `/api/v3/`. */
const onApiOf = (request, apiHost) => request.host === apiHost
  && (apiHost !== ENTERPRISE_SERVER || request.path.startsWith('/api/v3/'));

/**
 * Assert the token reached the fake GitHub only in the Authorization header of requests to
 * one of `apiHosts` (api.github.com unless told; an Enterprise Server's API is its host under
 * /api/v3) and, for a revocation, in the body of POST /credentials/revoke, which carries no
 * Authorization header. No part of it is in any URL, other header or host.
 */
export function assertTokenOnlyInAuthorization(requests, token, apiHosts = ['api.github.com']) {
  let seen = 0;
  for (const request of requests) {
    const where = `${request.method} ${request.host}${request.path}`;
    assert.ok(!holdsPart(`${request.path}${request.search}`, token), `token in the URL of ${where}`);
    for (const [name, value] of Object.entries(request.headers)) {
      if (!holdsPart(value, token)) continue;
      assert.ok(apiHosts.some((host) => onApiOf(request, host)), `token sent to ${where}`);
      assert.equal(name, 'authorization', `token in header ${name} of ${where}`);
      assert.equal(value, `Bearer ${token}`);
      seen++;
    }
    if (holdsPart(request.body, token)) {
      assert.ok(request.method === 'POST' && request.path.endsWith('/credentials/revoke')
        && apiHosts.some((host) => onApiOf(request, host)), `token in the body of ${where}`);
      assert.equal(request.headers.authorization, undefined, 'a revocation carries no Authorization header');
    }
    if (request.host === 'api.github.com') {
      assert.equal(request.headers.cookie, undefined, `no cookies on ${where}`);
      assert.equal(request.headers.referer, undefined, `no referrer on ${where}`);
    }
  }
  return seen;
}
