// The scenes screen: 20 editable scenes grouped by beat; drafts are kept in localStorage until approved.
import { el, clear, setText, autoResize } from './dom.js';
import { BEATS, isPlaceholder, heroLine } from './beats.js';
import { quoteFor, renderSpend, todayText } from './cost.js';

const draftKey = storyId => `fableforge.draft.${storyId}`;
const narrationKey = storyId => `fableforge.narration.${storyId}`;
const APPROVE_LABEL = 'Approve scenes & make images';

export class ScenesEditor {
  constructor({ form, list, error, submitButton, summary, hero, spend, quote, onApprove }) {
    Object.assign(this, { form, list, error, submitButton, summary, hero, spend, quote, onApprove });
    this.storyId = null;
    this.approveLabel = APPROVE_LABEL;
    this.areas = [];
    this.lines = []; // the narration line of each scene: read aloud and shown as captions
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.approve();
    });
    form.addEventListener('input', event => {
      if (event.target.tagName !== 'TEXTAREA') return;
      if (event.target.classList.contains('scene-narration')) this.refreshLine(event.target);
      else this.refresh(event.target);
      this.saveDraft();
    });
    window.addEventListener('resize', () => [...this.areas, ...this.lines].forEach(autoResize));
  }

  render(storyId, scenes, character, quiz, cost) {
    this.storyId = storyId;
    const draft = loadDraft(storyId);
    const draftLines = loadDraft(storyId, narrationKey);
    setText(this.hero, heroLine(character, quiz) ? `Starring ${heroLine(character, quiz)}.` : '');
    this.showError('');
    this.showCost(cost);
    clear(this.list);
    this.areas = [];
    this.lines = [];
    for (const beat of BEATS) {
      const inBeat = scenes.filter(scene => scene.number >= beat.first && scene.number <= beat.last);
      if (!inBeat.length) continue;
      const range = beat.first === beat.last ? `Scene ${beat.first}` : `Scenes ${beat.first}–${beat.last}`;
      const group = el('section', { class: 'beat card', 'aria-labelledby': `beat-${beat.id}` },
        el('h2', { class: 'beat-title', id: `beat-${beat.id}` }, beat.title, el('span', { class: 'beat-range', text: range })),
        inBeat.map(scene => this.sceneField(scene, draft?.[scene.number - 1], draftLines?.[scene.number - 1])));
      this.list.append(group);
    }
    requestAnimationFrame(() => [...this.areas, ...this.lines].forEach(autoResize));
    this.updateSummary();
  }

  sceneField(scene, draftText, draftLine) {
    const id = `scene-${scene.number}`;
    const area = el('textarea', {
      id, name: id, rows: 3, class: 'scene-text', value: draftText ?? scene.text,
      'aria-describedby': `${id}-note ${id}-count`, dataset: { number: scene.number },
    });
    this.areas.push(area);
    const wrapper = el('div', { class: 'scene-field' },
      el('label', { for: id, class: 'scene-label' }, el('span', { class: 'scene-num', text: String(scene.number) }), `Scene ${scene.number}`),
      area,
      el('div', { class: 'scene-meta' },
        el('span', { class: 'scene-note', id: `${id}-note` }),
        el('span', { class: 'counter', id: `${id}-count` })),
      this.narrationField(scene, draftLine));
    this.refresh(area, wrapper);
    return wrapper;
  }

  /** The scene's narration line: what the voice reads and the captions show (the text above is what gets drawn). */
  narrationField(scene, draftLine) {
    const id = `narration-${scene.number}`;
    const line = el('textarea', {
      id, name: id, rows: 1, class: 'scene-narration', value: draftLine ?? scene.narration ?? '', maxlength: 400,
      'aria-describedby': `${id}-count`, dataset: { number: scene.number },
    });
    this.lines.push(line);
    const field = el('div', { class: 'narration-field' },
      el('label', { for: id, class: 'narration-label small' }, 'Narration', el('span', { class: 'muted' }, ' · read aloud and captioned')),
      line,
      el('span', { class: 'counter small', id: `${id}-count` }));
    this.refreshLine(line, field);
    return field;
  }

  refreshLine(line, field = line.closest('.narration-field')) {
    const words = line.value.trim() ? line.value.trim().split(/\s+/).length : 0;
    // 2.5 words a second is the pace the story writer sizes lines for; longer lines are shortened to the video's length.
    field.querySelector('.counter').textContent = `${words} words · about ${Math.max(1, Math.round(words / 2.5))} s spoken`;
    if (line.isConnected) autoResize(line);
  }

  refresh(area, wrapper = area.closest('.scene-field')) {
    const text = area.value;
    const missing = isPlaceholder(text) || !text.trim();
    wrapper.classList.toggle('needs-edit', missing);
    wrapper.querySelector('.scene-note').textContent = missing
      ? (text.trim() ? 'This scene is missing: please write it.' : 'This scene is empty: please write it.')
      : '';
    wrapper.querySelector('.counter').textContent = `${text.length} characters`;
    if (missing) area.setAttribute('aria-invalid', 'true');
    else area.removeAttribute('aria-invalid');
    if (area.isConnected) autoResize(area);
    if (this.areas.length) this.updateSummary();
  }

  /** What the story has cost so far, and what drawing its 20 images will cost (nothing shown when free). */
  showCost(cost) {
    renderSpend(this.spend, cost);
    const quote = quoteFor(cost, 'approve_scenes');
    this.approveLabel = quote ? `Approve & draw ${quote.units ?? 20} images · ${quote.price}` : APPROVE_LABEL;
    this.submitButton.textContent = this.approveLabel;
    const today = todayText(cost);
    setText(this.quote, quote ? [quote.description && `Estimate for ${quote.description}.`, today && `${today}.`].filter(Boolean).join(' ') : '');
  }

  /** A spending-limit refusal (HTTP 402) stops the whole step, so it is shown as a banner, not a field note. */
  showError(message, status) {
    setText(this.error, message);
    this.error.classList.toggle('is-blocking', Boolean(message) && status === 402);
  }

  updateSummary() {
    const todo = this.areas.filter(a => isPlaceholder(a.value) || !a.value.trim()).length;
    this.summary.textContent = todo ? `${todo} scene${todo > 1 ? 's' : ''} still need${todo > 1 ? '' : 's'} writing` : '';
  }

  saveDraft() {
    if (!this.storyId) return;
    try {
      localStorage.setItem(draftKey(this.storyId), JSON.stringify(this.areas.map(a => a.value)));
      localStorage.setItem(narrationKey(this.storyId), JSON.stringify(this.lines.map(l => l.value)));
    } catch { /* storage full or disabled: editing still works */ }
  }

  async approve() {
    this.showError('');
    const todo = this.areas.find(a => isPlaceholder(a.value) || !a.value.trim());
    if (todo) {
      this.showError(`Scene ${todo.dataset.number} still needs writing before we can draw it.`);
      todo.focus();
      return;
    }
    this.setBusy(true);
    try {
      // Lines left empty are written again from their scene by the server, so only complete sets are sent.
      const lines = this.lines.map(l => l.value.trim());
      await this.onApprove(this.storyId, this.areas.map(a => a.value.trim()), lines.length === 20 && lines.every(Boolean) ? lines : undefined);
      localStorage.removeItem(draftKey(this.storyId));
      localStorage.removeItem(narrationKey(this.storyId));
    } catch (error) {
      // The scenes stay as typed (and in the saved draft), so nothing is lost when the limit is raised.
      this.showError(error.message, error.status);
      if (error.status === 402) this.error.scrollIntoView({ block: 'center' });
    } finally {
      this.setBusy(false);
    }
  }

  setBusy(busy) {
    this.submitButton.disabled = busy;
    this.submitButton.setAttribute('aria-busy', String(busy));
    this.submitButton.classList.toggle('is-busy', busy);
    this.submitButton.textContent = busy ? 'Starting the drawings…' : this.approveLabel;
  }
}

function loadDraft(storyId, key = draftKey) {
  try {
    const draft = JSON.parse(localStorage.getItem(key(storyId)));
    return Array.isArray(draft) ? draft : null;
  } catch {
    return null;
  }
}
