// The video's length and caption style, and what the panel expects before a render starts: how long the
// video will be and roughly how long rendering takes on this server.
import { el, clear, setText } from './dom.js';

export const MIN_LENGTH = 15;
export const MAX_LENGTH = 600;
const CAPTIONS = [
  { value: 'phrase', label: 'Phrases', note: 'Up to two short lines at a time, cut between phrases.' },
  { value: 'words', label: 'Word by word', note: 'The word being spoken lights up, the Shorts style.' },
  { value: 'none', label: 'No captions', note: 'Nothing burned in; the .srt still carries them.' },
];
// A simple speed model of the whole local render (compose + encode, 30 fps output), in frames rendered per
// second of wall time on the 2-core reference server: full size from `fableforge bench video` (20.6 fps,
// issue 15); a draft rendered 5.6x faster than the full size in side-by-side `generate --video --length 120`
// runs (143.5 s against 807.7 s, on a busy machine). A render sharing the machine takes longer.
const RENDER_FPS = { full: 20, draft: 110 };
// Per scene, on top of the frames: reading the narration aloud (espeak-ng locally, or the OpenAI voice).
const NARRATION_SECONDS_PER_SCENE = { none: 0, local: 0.6, openai: 2.5 };

/** Shorts, Reels and TikTok (9:16) and square posts run about a minute; a landscape video may take two. */
export function defaultLength(aspect) {
  return aspect === '16:9' ? 120 : 60;
}

export function clock(seconds) {
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The render time the model expects, in words: "about 2 min". */
export function renderEstimate({ length, draft, narration }) {
  const seconds = length * 30 / (draft ? RENDER_FPS.draft : RENDER_FPS.full) + 20 * (NARRATION_SECONDS_PER_SCENE[narration] ?? 0) + 5;
  return seconds < 90 ? `about ${Math.max(10, Math.round(seconds / 10) * 10)} s` : `about ${Math.round(seconds / 60)} min`;
}

export class LengthAndCaptions {
  /** onChange(): a value changed (so the estimate is redrawn). */
  constructor(onChange) {
    this.onChange = onChange;
    this.aspect = '9:16';
    this.touched = false; // once the user types a length, a new story's default no longer replaces it
    this.lengthInput = el('input', {
      type: 'number', id: 'video-length', min: MIN_LENGTH, max: MAX_LENGTH, step: 1, inputmode: 'numeric', class: 'length-input',
      value: defaultLength(this.aspect), 'aria-describedby': 'video-length-note',
      oninput: () => { this.touched = true; this.onChange(); },
    });
    this.lengthNote = el('span', { class: 'muted small', id: 'video-length-note' });
    this.captionInputs = new Map();
    this.captionList = el('div', { class: 'choices' });
    clear(this.captionList).append(...CAPTIONS.map(option => this.choice(option)));
    this.estimate = el('p', { class: 'video-estimate small', id: 'video-estimate', 'aria-live': 'polite' });
    this.renderNote();
  }

  choice(option) {
    const id = `video-captions-${option.value}`;
    const input = el('input', { type: 'radio', name: 'video-captions', id, value: option.value, checked: option.value === 'phrase',
      onchange: () => this.onChange() });
    this.captionInputs.set(option.value, input);
    return el('label', { class: 'choice', for: id }, input,
      el('span', { class: 'choice-text' },
        el('span', { class: 'choice-label' }, option.label),
        el('span', { class: 'choice-note muted small' }, option.note)));
  }

  /** The fields, for the panel's form. */
  fields() {
    return [
      el('div', { class: 'video-field' },
        el('label', { for: 'video-length', class: 'field-label' }, 'Length'),
        el('div', { class: 'length-row' }, this.lengthInput, el('span', {}, 'seconds'), this.lengthNote)),
      el('fieldset', { class: 'video-field' }, el('legend', {}, 'Captions'), this.captionList),
    ];
  }

  /** The story's shape sets the default length, until the user picks one. */
  setAspect(aspect) {
    if (!aspect || aspect === this.aspect) return;
    this.aspect = aspect;
    if (!this.touched) this.lengthInput.value = defaultLength(aspect);
    this.renderNote();
  }

  renderNote() {
    setText(this.lengthNote, `${MIN_LENGTH}–${MAX_LENGTH}; ${defaultLength(this.aspect)} suits ${this.aspect}`);
  }

  /** The length typed, or null when it is not a whole number from 15 to 600. */
  length() {
    const value = Number(this.lengthInput.value);
    return Number.isInteger(value) && value >= MIN_LENGTH && value <= MAX_LENGTH ? value : null;
  }

  captions() {
    for (const [value, input] of this.captionInputs) if (input.checked) return value;
    return 'phrase';
  }

  /** What is wrong with the fields, in words, or '' when a render can start. */
  problem() {
    return this.length() === null ? `Choose a length from ${MIN_LENGTH} to ${MAX_LENGTH} whole seconds.` : '';
  }

  /** The request's part: length_seconds and caption_style. */
  body() {
    return { length_seconds: this.length(), caption_style: this.captions() };
  }

  /** Shows the video's expected length and render time for these options. */
  showEstimate({ draft, narration, clips }) {
    const length = this.length();
    if (length === null) return setText(this.estimate, this.problem());
    const remote = clips && clips !== 'local' ? ', plus the clip service\'s own time' : '';
    const voiced = narration && narration !== 'none' ? ' (the voice may stretch it a little)' : '';
    return setText(this.estimate, `Your video: about ${clock(length)} long${voiced} · renders in ${renderEstimate({ length, draft, narration })}${remote}.`);
  }
}
