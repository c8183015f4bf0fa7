// Money, shown only when something costs money: the story's spend so far, the quote before drawing
// 20 images, the price of one redraw. A price the server does not know is null: "price unknown".
// An absent `cost`, or one where everything is free (the offline providers), shows nothing.
import { el, clear } from './dom.js';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const positive = value => typeof value === 'number' && value > 0;

export function money(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'price unknown';
  if (value > 0 && value < 0.01) return 'under $0.01';
  return usd.format(value);
}

/** "about $1.26", "price unknown", or null when it is free. */
function about(value) {
  if (value === null) return 'price unknown';
  return positive(value) ? `about ${money(value)}` : null;
}

/** Has this story cost anything, or will its next step? (Other stories' spend today does not count.) */
export function isPaid(cost) {
  if (!cost) return false;
  return positive(cost.spent_usd) || cost.spent_usd === null || positive(cost.unpriced_calls)
    || (cost.next_step != null && about(cost.next_step.estimate_usd) != null) || positive(cost.per_image_usd);
}

/** "Spent $0.42", or null when nothing has been spent. */
export function spentText(cost) {
  if (!cost || (!positive(cost.spent_usd) && cost.spent_usd !== null && !positive(cost.unpriced_calls))) return null;
  const unpriced = positive(cost.unpriced_calls) ? ` + ${cost.unpriced_calls} call${cost.unpriced_calls > 1 ? 's' : ''} of unknown price` : '';
  return cost.spent_usd === null ? 'Spent: price unknown' : `Spent ${money(cost.spent_usd)}${unpriced}`;
}

/** The quote of the next step when it is `action`: {units, price: "about $1.26" | "price unknown", description}. */
export function quoteFor(cost, action) {
  const step = cost?.next_step;
  if (!step || step.action !== action) return null;
  const price = about(step.estimate_usd);
  return price ? { units: step.units, price, description: step.description || '' } : null;
}

/** What one redrawn image costs: "about $0.06", "price unknown" on a paid story, or null. */
export function redrawPrice(cost) {
  if (!isPaid(cost)) return null;
  return cost.per_image_usd === null ? 'price unknown' : about(cost.per_image_usd);
}

/** "Today $3.10 of your $5.00 daily limit", or null. */
export function todayText(cost) {
  if (!isPaid(cost) || cost.today_usd === undefined) return null;
  const limit = cost.daily_limit_usd != null ? ` of your ${money(cost.daily_limit_usd)} daily limit` : '';
  return `Today ${money(cost.today_usd)}${limit}`;
}

/**
 * Fills `slot` with the story's spend, a disclosure with what it was spent on. Unchanged spend
 * leaves the slot alone, so an open breakdown stays open through polls.
 */
export function renderSpend(slot, cost) {
  const text = spentText(cost);
  const key = text ? JSON.stringify([text, cost.lines, cost.today_usd, cost.daily_limit_usd]) : '';
  if (slot.dataset.key === key) return;
  slot.dataset.key = key;
  clear(slot);
  slot.hidden = !text;
  if (!text) return;
  const lines = Array.isArray(cost.lines) ? cost.lines : [];
  const today = todayText(cost);
  slot.append(el('details', { class: 'spend' },
    el('summary', {}, el('span', { class: 'spend-label' }, text)),
    el('div', { class: 'spend-body' },
      lines.length ? el('table', { class: 'spend-lines' },
        el('caption', { class: 'visually-hidden' }, 'What this story has cost so far'),
        el('thead', {}, el('tr', {}, ['Step', 'Model', 'Calls', 'Cost'].map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, lines.map(line => el('tr', {},
          el('td', {}, line.stage ?? ''), el('td', {}, line.model ?? ''), el('td', {}, String(line.calls ?? '')),
          el('td', {}, money(line.usd)))))) : null,
      today ? el('p', { class: 'spend-today' }, today) : null)));
}
