// What sanitizing or shortening changed in a prompt before it was drawn, from the server's
// prompt_changes runs ({op: same | removed | added, text}). Struck-through and underlined words
// carry a hidden "removed:" / "added:" for screen readers, so the change is never told by colour alone.
import { el, append } from './dom.js';

const CONTEXT = 6; // unchanged words kept on each side of a change
const FOLD_AT = 2 * CONTEXT + 4; // an unchanged run longer than this is folded

export function promptChangesView(changes, sceneNumber) {
  const text = el('p', { class: 'diff', id: `diff-${sceneNumber}` });
  changes.forEach((run, i) => {
    if (i > 0) text.append(' ');
    text.append(runNode(run, i === 0, i === changes.length - 1));
  });
  return el('details', { class: 'prompt-changes' },
    el('summary', {}, 'Prompt changed before drawing'),
    el('p', { class: 'diff-note' }, 'The image service refused the first wording, so a softer, shorter prompt was sent. ',
      el('span', { class: 'diff-key', 'aria-hidden': 'true' }, el('del', {}, 'removed'), ' ', el('ins', {}, 'added'))),
    text);
}

function runNode(run, first, last) {
  if (run.op === 'removed') return el('del', {}, el('span', { class: 'visually-hidden' }, 'removed: '), run.text);
  if (run.op === 'added') return el('ins', {}, el('span', { class: 'visually-hidden' }, 'added: '), run.text);
  return sameNode(run.text, first, last);
}

/** A long unchanged stretch shows only the words next to a change, and a button to show the rest. */
function sameNode(text, first, last) {
  const words = text.split(' ');
  const span = el('span', { class: 'diff-same' });
  if (words.length <= FOLD_AT) return append(span, [text]);
  const head = first ? [] : words.slice(0, CONTEXT);
  const tail = last ? [] : words.slice(-CONTEXT);
  const folded = words.slice(head.length, words.length - tail.length);
  const more = el('button', { type: 'button', class: 'diff-more', 'aria-label': `Show ${folded.length} unchanged words` }, `… ${folded.length} words …`);
  more.addEventListener('click', () => {
    more.replaceWith(folded.join(' '));
    span.setAttribute('tabindex', '-1');
    span.focus();
  });
  return append(span, [head.join(' '), head.length ? ' ' : '', more, tail.length ? ' ' : '', tail.join(' ')]);
}
