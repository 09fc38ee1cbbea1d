// The fake github.com's pages, shaped as GitHub serves them (docs/github-pages.md): full
// lists with many rows, a delete form with hidden inputs in every row, filter forms with
// hidden fields, duplicated ids, the fine-grained confirmation frame and late
// include-fragments. Only the parts PAT Guard could rely on are modelled; styling is not.

export const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const CLASSIC_NOTICE = 'Make sure to copy your personal access token now. You won’t be able to see it again!';
export const FINE_GRAINED_NOTICE = 'Make sure to copy your personal access token now as you will not be able to see this again.';
export const CLIENT_SECRET_NOTICE = 'Make sure to copy your new client secret now. You won’t be able to see it again.';

/** A Rails-like authenticity token: base64, as every GitHub form carries one. */
function authenticity(seed) {
  return Buffer.from(`authenticity-${seed}-${'x'.repeat(24)}`).toString('base64');
}

function deleteForm(action, seed) {
  return `
        <form class="d-inline" action="${action}" accept-charset="UTF-8" method="post">
          <input type="hidden" name="_method" value="delete" autocomplete="off">
          <input type="hidden" name="authenticity_token" value="${authenticity(seed)}" autocomplete="off">
          <button type="submit" class="btn btn-sm btn-danger">Delete</button>
        </form>`;
}

const EXPIRIES = ['Expires on Mon, Jan 4 2027.', 'This token has no expiration date.', 'Expired on Fri, Oct 2 2026.', 'Expires on Sun, Feb 28 2027.'];

/** Other tokens' rows: names, scopes, "last used", a date, a delete form. No token values. */
function classicRows(count) {
  let rows = '';
  for (let i = 0; i < count; i++) {
    rows += `
      <li class="listgroup-item access-token" data-id="${1000 + i}">
        <span class="token-description"><a href="/settings/tokens/${1000 + i}"><strong>old-token-${i}</strong></a> — <em>repo, workflow</em></span>
        <span class="last-used color-fg-muted">${i % 3 ? 'Last used within the last week' : 'Never used'}</span>
        <span class="expiration">${EXPIRIES[i % EXPIRIES.length]}</span>
        ${deleteForm(`/settings/tokens/${1000 + i}`, i)}
      </li>`;
  }
  return rows;
}

function filterForm(type) {
  return `
    <form class="subnav-search" role="search" action="/settings/tokens" accept-charset="UTF-8" method="get">
      <input type="hidden" name="utf8" value="✓" autocomplete="off">
      ${type ? `<input type="hidden" name="type" value="${type}" autocomplete="off">` : ''}
      <input type="search" name="q" class="form-control" aria-label="Filter tokens" placeholder="Filter tokens" value="">
    </form>`;
}

/**
 * The classic list, with the new token on top when there is one: its text in
 * `code#new-oauth-token`, a `<clipboard-copy value>` named "Copy token", and (as a template a
 * re-render would use) a duplicated, empty `#new-oauth-token` before it.
 */
export function classicList(token, { rows = 40, expiry = 'Expires on Tue, Jul 28 2026.' } = {}) {
  const fresh = token ? `
      <li class="listgroup-item access-token new-token" data-id="999">
        <div class="d-flex flex-items-center">
          <code id="new-oauth-token" class="token">${escape(token)}</code>
          <clipboard-copy value="${escape(token)}" aria-label="Copy token" class="btn btn-sm" data-copy-feedback="Copied!" tabindex="0" role="button">Copy</clipboard-copy>
        </div>
        <span class="token-description"><strong>ci</strong> — <em>repo</em></span>
        <span class="last-used color-fg-muted">Never used</span>
        <span class="expiration">${expiry}</span>
        ${deleteForm('/settings/tokens/999', 999)}
      </li>` : '';
  return `
    <template id="token-row-template"><code id="new-oauth-token" class="token"></code></template>
    <div hidden><code id="new-oauth-token" class="token"></code></div>
    ${token ? `<div class="flash flash-full flash-success" role="alert">${CLASSIC_NOTICE}</div>` : ''}
    <div class="Box">
      <div class="Box-header d-flex">
        <h1 class="Box-title">Personal access tokens (classic)</h1>
        <a href="/settings/tokens/new" id="generate-new" class="btn btn-sm">Generate new token (classic)</a>
      </div>
      ${filterForm('')}
      <p>Tokens you have generated that can be used to access the GitHub API.</p>
      <ul class="listgroup">${fresh}${classicRows(rows)}
      </ul>
    </div>
    <p><a href="/settings/tokens/new" id="generate-another">Generate another token</a></p>`;
}

export function classicNew() {
  return `
    <h1>New personal access token (classic)</h1>
    <form action="/settings/tokens" accept-charset="UTF-8" method="post" id="new-token-form">
      <input type="hidden" name="authenticity_token" value="${authenticity('new')}" autocomplete="off">
      <label>Note <input name="oauth_access[description]" id="token-note" value="ci"></label>
      <label>Expiration <select name="oauth_access[default_expires_at]"><option value="30">30 days</option></select></label>
      <label><input type="checkbox" name="oauth_access[scopes][]" value="repo" checked> repo</label>
      <button type="submit" id="generate" class="btn btn-primary">Generate token</button>
    </form>`;
}

/** A classic token's detail page: its name, scopes and the way to regenerate it. */
export function classicDetail(id) {
  return `
    <h1>ci</h1>
    <p>Scopes: repo. Expires on Tue, Jul 28 2026.</p>
    <a href="/settings/tokens/${id}/regenerate" id="regenerate-link" class="btn">Regenerate token</a>
    ${deleteForm(`/settings/tokens/${id}`, id)}`;
}

export function classicRegenerate(id) {
  return `
    <h1>Regenerate personal access token (classic)</h1>
    <form action="/settings/tokens/${id}/regenerate" accept-charset="UTF-8" method="post">
      <input type="hidden" name="authenticity_token" value="${authenticity(`re${id}`)}" autocomplete="off">
      <label>Expiration <select name="expires_in"><option value="30">30 days</option></select></label>
      <button type="submit" id="regenerate" class="btn btn-danger">Regenerate token</button>
    </form>`;
}

/** After regenerating: the token details page shows the new token once. */
export function classicRegenerated(id, token) {
  return `
    <div class="flash flash-full flash-success" role="alert">${CLASSIC_NOTICE}</div>
    <h1>ci</h1>
    <div class="access-token new-token" data-id="${id}">
      <code id="new-oauth-token" class="token">${escape(token)}</code>
      <clipboard-copy value="${escape(token)}" aria-label="Copy token" class="btn btn-sm" tabindex="0" role="button">Copy</clipboard-copy>
      <span class="expiration">Expires on Wed, Dec 30 2026.</span>
    </div>
    <a href="/settings/tokens/${id}/regenerate" class="btn">Regenerate token</a>`;
}

/** Other fine-grained rows. Some of their expiries arrive by include-fragment too. */
function fineGrainedRows(count) {
  let rows = '';
  for (let i = 0; i < count; i++) {
    const id = 2000 + i;
    rows += `
        <li class="access-token" data-id="${id}">
          <div class="listgroup-item">
            <span class="token-description"><strong><a href="/settings/personal-access-tokens/${id}">fg-token-${i}</a></strong></span>
            <span class="last-used color-fg-muted">${i % 2 ? 'Last used within the last 2 weeks' : 'Never used'}</span>
            ${i < 5
              ? `<include-fragment src="/settings/personal-access-tokens/${id}/expiration?page=1">Loading expiration ...</include-fragment>`
              : `<span class="text-italic">${EXPIRIES[i % EXPIRIES.length]}</span>`}
            ${deleteForm(`/settings/personal-access-tokens/${id}`, id)}
          </div>
        </li>`;
  }
  return rows;
}

/**
 * The new row's token holder: the token is the `value` of `#new-access-token`, whose tag is
 * not known (an input, a `<clipboard-copy>` or something else).
 */
function accessTokenHolder(token, tag) {
  const value = escape(token);
  switch (tag) {
    case 'clipboard-copy':
      return `<clipboard-copy id="new-access-token" value="${value}" aria-label="Copy token" class="btn btn-sm" tabindex="0" role="button">Copy</clipboard-copy>`;
    case 'div':
      return `<div id="new-access-token" value="${value}" class="input-monospace"></div>
          <clipboard-copy value="${value}" aria-label="Copy token" class="btn btn-sm" tabindex="0" role="button">Copy</clipboard-copy>`;
    default:
      return `<input type="text" readonly id="new-access-token" class="form-control input-monospace" aria-label="Token" value="${value}">
          <clipboard-copy for="new-access-token" aria-label="Copy token" class="btn btn-sm" tabindex="0" role="button">Copy</clipboard-copy>`;
  }
}

export function fineGrainedNewRow(id, token, tag) {
  return `
        <li class="access-token new-token" data-id="${id}">
          <div class="listgroup-item">
            <div class="d-flex">${accessTokenHolder(token, tag)}</div>
            <span class="token-description"><strong><a href="/settings/personal-access-tokens/${id}">deploy</a></strong></span>
            <span class="last-used color-fg-muted">Never used</span>
            <include-fragment src="/settings/personal-access-tokens/${id}/expiration?page=1">Loading expiration ...</include-fragment>
            ${deleteForm(`/settings/personal-access-tokens/${id}`, id)}
          </div>
        </li>`;
}

/** The fine-grained list (also served at `/settings/tokens?type=beta`). */
export function fineGrainedList(fresh, { rows = 300, tag = 'input' } = {}) {
  return `
    ${fresh ? `<div class="flash flash-full flash-success" role="alert">${FINE_GRAINED_NOTICE}</div>` : ''}
    <div class="Box">
      <div class="Box-header d-flex">
        <h1 class="Box-title">Fine-grained personal access tokens</h1>
        <a href="/settings/personal-access-tokens/new" id="generate-new" class="btn btn-sm">Generate new token</a>
      </div>
      ${filterForm('beta')}
      <ul class="listgroup">${fresh ? fineGrainedNewRow(fresh.id, fresh.token, tag) : ''}${fineGrainedRows(rows)}
      </ul>
    </div>`;
}

/**
 * The form that creates a fine-grained token. With `confirm`, "Generate token" first loads a
 * confirmation dialog into `turbo-frame#fg_pat_confirmation_dialog`.
 */
export function fineGrainedNew({ confirm = false } = {}) {
  return `
    <h1>New fine-grained personal access token</h1>
    <form action="/settings/personal-access-tokens" accept-charset="UTF-8" method="post" id="new_user_programmatic_access"
      ${confirm ? 'data-turbo-frame="fg_pat_confirmation_dialog"' : ''}>
      <input type="hidden" name="authenticity_token" value="${authenticity('fg-new')}" autocomplete="off">
      <label>Token name <input name="user_programmatic_access[name]" value="deploy"></label>
      <label>Expiration <select name="user_programmatic_access[default_expires_at]"><option value="30">30 days</option></select></label>
      <button type="submit" id="generate" class="btn btn-primary">Generate token</button>
    </form>
    <turbo-frame id="fg_pat_confirmation_dialog"></turbo-frame>`;
}

/**
 * The confirmation dialog, inside its frame. How the confirmed token comes back:
 * `frame` (the frame is replaced with the new row), `full` (a full page POST answered with
 * the list), `redirect` (a Turbo submission answered with a redirect to the list).
 */
export function fineGrainedConfirm(via) {
  const target = { frame: '', full: 'data-turbo="false"', redirect: 'data-turbo-frame="_top"' }[via];
  return `
    <turbo-frame id="fg_pat_confirmation_dialog">
      <dialog id="confirm-fg-pat" open aria-labelledby="confirm-title">
        <h2 id="confirm-title">Generate this token?</h2>
        <p>This token will be able to read repository contents.</p>
        <form action="/settings/personal-access-tokens" accept-charset="UTF-8" method="post" ${target}>
          <input type="hidden" name="authenticity_token" value="${authenticity('fg-confirm')}" autocomplete="off">
          <input type="hidden" name="user_programmatic_access[name]" value="deploy" autocomplete="off">
          <input type="hidden" name="confirm" value="1" autocomplete="off">
          <button type="submit" id="confirm-generate" class="btn btn-primary">Generate token</button>
        </form>
      </dialog>
    </turbo-frame>`;
}

/** The new token, rendered into the confirmation frame (the `frame` way). */
export function fineGrainedInFrame(id, token) {
  return `
    <turbo-frame id="fg_pat_confirmation_dialog">
      <div class="flash flash-success">${FINE_GRAINED_NOTICE}</div>
      <ul class="listgroup">${fineGrainedNewRow(id, token, 'input')}</ul>
    </turbo-frame>`;
}

/** A fine-grained token's detail page: it never shows the token again. */
export function fineGrainedDetail(id) {
  return `<h1>deploy</h1><p>Token ${id}.</p><include-fragment src="/settings/personal-access-tokens/${id}/expiration?page=1">Loading expiration ...</include-fragment>`;
}

/** An OAuth app's or a GitHub App's settings, with a new client secret shown once. */
export function appSettings(base, name, secret) {
  return `
    <h1>${escape(name)}</h1>
    ${filterForm('')}
    ${secret ? `
    <div class="flash flash-success" role="alert">${CLIENT_SECRET_NOTICE}</div>
    <div class="Box-row new-token">
      <code id="new-oauth-token" class="token">${escape(secret)}</code>
      <clipboard-copy for="new-oauth-token" aria-label="Copy" class="btn btn-sm" tabindex="0" role="button">Copy</clipboard-copy>
    </div>` : ''}
    <p>Client ID: Iv1.0123456789abcdef</p>
    <form action="${base}/client_secret" accept-charset="UTF-8" method="post">
      <input type="hidden" name="authenticity_token" value="${authenticity(base)}" autocomplete="off">
      <button type="submit" id="generate-secret" class="btn">Generate a new client secret</button>
    </form>
    ${deleteForm(`${base}/client_secret/1`, 1)}`;
}

// ---------------------------------------------------------------------------------------------
// Where people post text: GitHub's issue form (a Turbo form; Ctrl+Enter sends it), an issue
// with a React-style comment box (its text lives in script state and goes out with fetch), a
// repository secret form (where a token belongs), and the gist editor.

export function newIssue() {
  return `<h1>New issue</h1>
<form id="new_issue" action="/octo/repo/issues" method="post" class="js-new-issue-form">
  <input type="hidden" name="authenticity_token" value="fake-csrf-token">
  <label for="issue_title">Title</label>
  <input type="text" id="issue_title" name="issue[title]" autocomplete="off">
  <label for="issue_body">Description</label>
  <textarea id="issue_body" name="issue[body]" rows="8" placeholder="Leave a comment"></textarea>
  <button type="submit" id="submit-issue">Submit new issue</button>
</form>`;
}

export function issue(posts) {
  const shown = posts.filter((post) => post.path.startsWith('/octo/repo/issues'))
    .map((post) => `<div class="comment">${escape(post.fields['issue[body]'] ?? post.fields.comment ?? '')}</div>`).join('');
  return `<h1>An issue <span>#1</span></h1>
<div class="comments">${shown}</div>
<form class="react-comment" data-react-comment action="/octo/repo/issues/1/comments" data-turbo="false">
  <textarea aria-label="Add a comment" name="comment" rows="6"></textarea>
  <button type="submit" class="react-submit">Comment</button>
</form>
<p>Press Alt+S to send the comment without leaving the keyboard.</p>`;
}

export function newSecret() {
  return `<h1>Actions secrets / New secret</h1>
<form action="/octo/repo/settings/secrets/actions" method="post">
  <input type="hidden" name="authenticity_token" value="fake-csrf-token">
  <label for="secret_name">Name</label>
  <input type="text" id="secret_name" name="secret_name">
  <label for="secret_value">Secret</label>
  <textarea id="secret_value" name="secret_value" rows="4"></textarea>
  <button type="submit" id="add-secret">Add secret</button>
</form>`;
}

export function newGist() {
  return `<h1>Create a new gist</h1>
<form action="/gists" method="post" class="js-gist-create">
  <input type="hidden" name="authenticity_token" value="fake-csrf-token">
  <input type="text" name="gist[description]" aria-label="Gist description">
  <input type="text" name="gist[contents][][name]" aria-label="Filename including extension">
  <textarea name="gist[contents][][value]" class="js-code-textarea" rows="12" aria-label="Gist content"></textarea>
  <button type="submit" id="create-gist">Create secret gist</button>
</form>`;
}
