// The fake github.com's own script: GitHub's in-site navigation, copy button and late
// fragments, from GitHub's own packages.
import * as Turbo from '/assets/turbo.js';
import '/assets/clipboard-copy.js';
import '/assets/include-fragment.js';

Turbo.start();

// GitHub's text boxes: Ctrl/Cmd+Enter sends the form. A React-style comment box keeps its
// text in script state, updated on each input event (as a controlled component), posts that
// state with fetch and shows the comment; Alt+S posts it too, without a click or a submit
// event (a path no extension can hold).
const state = new WeakMap();
document.addEventListener('input', (event) => {
  if (event.target.matches?.('[data-react-comment] textarea')) state.set(event.target, event.target.value);
});
async function postComment(form) {
  const box = form.querySelector('textarea');
  const comment = state.get(box) ?? '';
  await fetch(form.getAttribute('action'), { method: 'POST', body: new URLSearchParams({ comment }) });
  const shown = document.createElement('div');
  shown.className = 'comment';
  shown.textContent = comment;
  document.querySelector('.comments').append(shown);
  box.value = '';
  state.set(box, '');
}
document.addEventListener('submit', (event) => {
  const form = event.target.closest?.('[data-react-comment]');
  if (!form) return;
  event.preventDefault();
  postComment(form);
});
document.addEventListener('keydown', (event) => {
  const box = event.target.closest?.('textarea');
  if (!box) return;
  const form = box.closest('form');
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && form) {
    event.preventDefault();
    form.requestSubmit();
  } else if (event.altKey && event.key.toLowerCase() === 's' && form?.matches('[data-react-comment]')) {
    event.preventDefault();
    postComment(form);
  }
});
