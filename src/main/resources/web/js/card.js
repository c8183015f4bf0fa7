// One scene's card in the image grid: status, image (with versions), scene text, review actions.
import { el, clear, setText, autoResize } from './dom.js';
import { IMAGE_STATUS, REJECT_REASONS, plainError } from './status.js';
import { promptChangesView } from './diff.js';

export class ImageCard {
  /** actions: {approve(n, attempt?), reject(n, body), open(n, url, attemptNumber), redrawPrice() → "about $0.06" | null} */
  constructor(scene, actions) {
    this.scene = scene; // live object owned by the gallery
    this.actions = actions;
    this.viewIndex = null; // index into scene.attempts being shown; null = the newest with an image
    this.build();
    this.update();
  }

  build() {
    const n = this.scene.number;
    this.badge = el('span', { class: 'badge' });
    this.media = el('div', { class: 'media' });
    this.versionText = el('span', { class: 'version-text', 'aria-live': 'polite' });
    this.prev = el('button', { type: 'button', class: 'btn btn-icon', 'aria-label': `Scene ${n}: previous version`, onclick: () => this.flip(-1) }, '‹');
    this.next = el('button', { type: 'button', class: 'btn btn-icon', 'aria-label': `Scene ${n}: next version`, onclick: () => this.flip(1) }, '›');
    this.useVersion = el('button', { type: 'button', class: 'btn btn-small', onclick: () => this.approveViewed() }, 'Use this version');
    this.versions = el('div', { class: 'versions' }, this.prev, this.versionText, this.next, this.useVersion);
    this.text = el('p', { class: 'scene-copy' });
    this.failure = el('p', { class: 'card-error', role: 'status' });
    this.changes = el('div', { class: 'changes-slot' });
    this.actionsBox = el('div', { class: 'card-actions' });
    this.message = el('p', { class: 'card-message', role: 'alert', hidden: true });
    this.rejectForm = this.buildRejectForm();
    this.root = el('li', { class: 'image-card', id: `image-${n}`, 'aria-labelledby': `image-${n}-title` },
      el('div', { class: 'card-head' }, el('h3', { id: `image-${n}-title`, text: `Scene ${n}` }), this.badge),
      this.media, this.versions, this.failure, this.changes,
      el('details', { class: 'scene-details' }, el('summary', {}, 'Scene text'), this.text),
      this.actionsBox, this.message, this.rejectForm);
  }

  buildRejectForm() {
    const n = this.scene.number;
    const name = `reason-${n}`;
    this.promptBox = el('textarea', { id: `prompt-${n}`, rows: 4, class: 'prompt-edit', oninput: e => autoResize(e.target) });
    this.applyBox = el('input', { type: 'checkbox', id: `apply-${n}` });
    this.redrawButton = el('button', { type: 'submit', class: 'btn btn-danger btn-small' }, 'Redraw');
    const form = el('form', { class: 'reject-form', id: `reject-${n}`, hidden: true, novalidate: true, onsubmit: e => { e.preventDefault(); this.submitReject(); } },
      el('fieldset', { class: 'reasons' },
        el('legend', {}, "What's wrong?"),
        REJECT_REASONS.map((reason, i) => el('label', { class: 'reason' },
          el('input', { type: 'radio', name, value: reason.value, checked: i === REJECT_REASONS.length - 1 }),
          ` ${reason.label}`))),
      el('label', { for: `prompt-${n}`, class: 'small-label' }, 'Prompt (edit it to steer the redraw)'),
      this.promptBox,
      el('label', { class: 'check' }, this.applyBox, ' Apply this fix to scenes not yet generated'),
      el('div', { class: 'form-row' },
        this.redrawButton,
        el('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => this.toggleReject(false) }, 'Cancel')));
    return form;
  }

  /** The attempt being shown: the one flipped to, else the current one, else the newest with an image. */
  shown() {
    const attempts = this.scene.attempts;
    if (this.viewIndex != null && attempts[this.viewIndex]) return attempts[this.viewIndex];
    const current = attempts.find(a => a.attempt === this.scene.attempt && a.url);
    if (current) return current;
    for (let i = attempts.length - 1; i >= 0; i--) if (attempts[i].url) return attempts[i];
    return null;
  }

  update() {
    const { scene } = this;
    const info = IMAGE_STATUS[scene.status] || IMAGE_STATUS.queued;
    this.badge.textContent = info.label;
    this.badge.dataset.tone = info.tone;
    this.root.dataset.status = scene.status;
    this.text.textContent = scene.text || '';
    setText(this.failure, scene.status === 'failed' ? plainError(scene.error) : '');
    this.renderMedia(info);
    this.renderVersions();
    this.renderPromptChanges();
    this.renderActions();
  }

  /** For the version shown: what sanitizing or shortening changed in its prompt, folded by default. */
  renderPromptChanges() {
    const shown = this.shown();
    // An earlier version's texts are not in the polled story: ask for them once.
    if (shown?.url && !('requested_prompt' in shown)) this.actions.needPrompts?.();
    const changes = Array.isArray(shown?.prompt_changes) && shown.prompt_changes.length ? shown.prompt_changes : null;
    // Rebuilding on every poll would close a diff the user has opened.
    const key = changes ? JSON.stringify([shown.attempt, changes]) : '';
    if (key === this.changesKey) return;
    this.changesKey = key;
    clear(this.changes);
    this.changes.hidden = !changes;
    if (changes) this.changes.append(promptChangesView(changes, this.scene.number));
  }

  renderMedia(info) {
    const shown = this.shown();
    const n = this.scene.number;
    // Polling applies the whole story every 3 s: rebuilding an unchanged image would replay its
    // fade-in on all 20 cards each time (a visible flicker) and make the browser fetch it again.
    const busy = info.tone === 'busy' || this.scene.status === 'queued';
    const key = JSON.stringify([shown?.url ?? null, shown?.thumb_url ?? null, shown?.attempt ?? null, shown?.url ? null : info.label, busy]);
    if (key === this.mediaKey) return;
    this.mediaKey = key;
    clear(this.media);
    if (shown?.url) {
      // The card loads the small thumbnail (a few dozen KB, not the 1.5 MB image); the viewer opens the full image.
      const size = shown.thumb_url ? this.actions.thumbSize?.() : null;
      const img = el('img', { src: shown.thumb_url || shown.url, alt: `Illustration for scene ${n}, version ${shown.attempt}`,
        width: size?.width, height: size?.height, loading: 'lazy', decoding: 'async' });
      this.media.append(el('button', { type: 'button', class: 'media-button', 'aria-label': `View scene ${n} full size`,
        onclick: () => this.actions.open(n, shown.url, shown.attempt) }, img));
    } else {
      this.media.append(el('div', { class: 'media-empty' }, el('span', { class: 'media-icon', 'aria-hidden': 'true', text: info.tone === 'bad' ? '!' : '' }), info.label));
    }
    if (busy) {
      this.media.append(el('div', { class: 'media-overlay', 'aria-hidden': 'true' },
        info.tone === 'busy' ? el('span', { class: 'spinner' }) : null));
    }
  }

  renderVersions() {
    const attempts = this.scene.attempts.filter(a => a.url);
    const shown = this.shown();
    this.versions.hidden = attempts.length < 2;
    if (attempts.length < 2 || !shown) return;
    const index = this.scene.attempts.indexOf(shown);
    const position = attempts.indexOf(shown) + 1;
    this.versionText.textContent = `Version ${position} of ${attempts.length}`;
    this.prev.disabled = !this.scene.attempts.slice(0, index).some(a => a.url);
    this.next.disabled = !this.scene.attempts.slice(index + 1).some(a => a.url);
    const isCurrentApproved = this.scene.status === 'approved' && shown.attempt === this.scene.attempt;
    this.useVersion.hidden = isCurrentApproved || (shown.attempt === this.scene.attempt && this.scene.status === 'pending_approval');
  }

  flip(step) {
    const list = this.scene.attempts;
    let index = list.indexOf(this.shown());
    do index += step; while (index >= 0 && index < list.length && !list[index].url);
    if (index < 0 || index >= list.length) return;
    this.viewIndex = index;
    this.update();
  }

  renderActions() {
    const { status } = this.scene;
    const n = this.scene.number;
    if (!['pending_approval', 'approved', 'failed'].includes(status)) this.rejectForm.hidden = true;
    const price = this.actions.redrawPrice?.() || null;
    // Same buttons as before: keep them, so the one a keyboard user is on keeps its focus.
    const key = `${status}|${this.rejectForm.hidden}|${price}`;
    if (key === this.actionsKey) return;
    this.actionsKey = key;
    // A redraw is a paid image: the buttons that lead to one say what it costs.
    const label = text => (price ? [text, el('span', { class: 'btn-cost' }, price)] : text);
    const named = text => (price ? `${text}, ${price}` : null);
    if (price !== this.redrawPriceShown) {
      this.redrawPriceShown = price;
      if (price) this.redrawButton.setAttribute('aria-label', named('Redraw'));
      else this.redrawButton.removeAttribute('aria-label');
      clear(this.redrawButton).append(...[label('Redraw')].flat());
    }
    const buttons = [];
    if (status === 'pending_approval') {
      buttons.push(el('button', { type: 'button', class: 'btn btn-ok', onclick: () => this.approve() }, 'Approve'));
    }
    if (status === 'pending_approval' || status === 'approved') {
      buttons.push(el('button', { type: 'button', class: 'btn', 'aria-expanded': String(!this.rejectForm.hidden),
        'aria-controls': this.rejectForm.id, 'aria-label': named(status === 'approved' ? 'Redo' : 'Reject'),
        onclick: () => this.toggleReject() }, label(status === 'approved' ? 'Redo' : 'Reject')));
    }
    if (status === 'failed') {
      buttons.push(el('button', { type: 'button', class: 'btn', 'aria-label': named('Try again'), onclick: () => this.toggleReject(true) }, label('Try again')));
    }
    buttons.forEach(b => b.setAttribute('aria-describedby', `image-${n}-title`));
    clear(this.actionsBox).append(...buttons);
  }

  toggleReject(open = this.rejectForm.hidden) {
    this.rejectForm.hidden = !open;
    if (open) {
      this.promptBox.value = this.scene.prompt || this.shown()?.prompt || '';
      autoResize(this.promptBox);
      this.rejectForm.querySelector('input[type=radio]:checked')?.focus();
    }
    this.renderActions();
  }

  async run(task) {
    setText(this.message, '');
    this.root.classList.add('is-busy');
    this.root.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      await task();
    } catch (error) {
      setText(this.message, error.message);
    } finally {
      this.root.classList.remove('is-busy');
      this.root.querySelectorAll('button').forEach(b => { b.disabled = false; });
      this.update();
    }
  }

  approve() {
    return this.run(() => this.actions.approve(this.scene.number));
  }

  approveViewed() {
    const shown = this.shown();
    if (!shown) return undefined;
    return this.run(async () => {
      await this.actions.approve(this.scene.number, shown.attempt);
      this.viewIndex = null;
    });
  }

  submitReject() {
    const reason = this.rejectForm.querySelector('input[type=radio]:checked')?.value || 'other';
    const body = { action: 'reject', reason, apply_to_pending: this.applyBox.checked };
    const prompt = this.promptBox.value.trim();
    if (prompt && prompt !== (this.scene.prompt || '').trim()) body.prompt = prompt;
    return this.run(async () => {
      await this.actions.reject(this.scene.number, body);
      this.rejectForm.hidden = true;
      this.viewIndex = null;
    });
  }
}
