// The video panel: once all 20 images are approved, choose how the video is made, watch it render
// (video_progress events, or `video` in the polled story), then play it and download its files.
import { el, append, clear, setText } from './dom.js';
import { api } from './api.js';
import { quoteFor } from './cost.js';
import { VIDEO_BUSY } from './status.js';
import { compact, describe, duration, resultView } from './video-result.js';

const CLIPS = [
  { value: 'local', label: 'Camera motion', note: 'Slow pans and zooms over your pictures, made on this server.' },
  { value: 'kling', label: 'Kling', note: 'AI-animated clips from each picture.' },
  { value: 'hailuo', label: 'Hailuo', note: 'AI-animated clips from each picture.' },
];
const NARRATIONS = [
  { value: 'none', label: 'No narration', note: 'Captions only, plus your music if you add some.' },
  { value: 'local', label: 'Local voice', note: 'A robotic but free voice made on this server.' },
  { value: 'openai', label: 'OpenAI voice', note: 'A natural voice (paid, per character read).' },
];
const STAGES = {
  narrating: p => `Recording narration · scene ${p.scene_number ?? p.scenes_done + 1} of ${p.total_scenes}`,
  rendering: p => `Rendering scene ${p.scene_number ?? p.scenes_done + 1} of ${p.total_scenes}`,
  encoding: () => 'Finishing the video file',
  storing: () => 'Saving the video and packing the download',
};
const MAX_MUSIC_BYTES = 20 * 1024 * 1024;

export class VideoPanel {
  /** root: the panel's section; onStarted(): a render was asked for (so polling can resume). */
  constructor(root, { onStarted } = {}) {
    this.root = root;
    this.onStarted = onStarted || (() => {});
    this.storyId = null;
    this.ready = false; // all 20 approved
    this.video = null; // the story's `video` object
    this.cost = null;
    this.tools = null; // {clips: [...], narration: [...]} from /health
    this.music = null; // {music_key, name, duration_seconds}
    this.poster = null; // scene 1's picture, shown in the player before it plays
    this.uploading = false;
    this.shownKey = null;
    this.build();
    this.loadTools();
  }

  build() {
    this.title = el('h2', { id: 'video-title' }, 'Make the video');
    this.status = el('div', { class: 'video-status', id: 'video-status', 'aria-live': 'polite' });
    this.form = this.buildForm();
    this.again = el('details', { class: 'video-again', id: 'video-again' }, el('summary', {}, 'Make another version'));
    this.root.setAttribute('aria-labelledby', 'video-title');
    this.root.append(el('div', { class: 'video-head' }, this.title), this.status, this.form, this.again);
  }

  buildForm() {
    this.clipInputs = new Map();
    this.narrationInputs = new Map();
    this.clipList = el('div', { class: 'choices' });
    this.narrationList = el('div', { class: 'choices' });
    this.musicInput = el('input', { type: 'file', id: 'video-music', accept: 'audio/*', class: 'file-input', onchange: () => this.uploadMusic() });
    this.musicStatus = el('p', { class: 'music-status small', id: 'video-music-status', 'aria-live': 'polite', hidden: true });
    this.musicClear = el('button', { type: 'button', class: 'btn btn-ghost btn-small', hidden: true, onclick: () => this.clearMusic() }, 'Remove');
    this.draftBox = el('input', { type: 'checkbox', id: 'video-draft' });
    this.quote = el('p', { class: 'quote small', id: 'video-quote', hidden: true });
    this.error = el('p', { class: 'form-error', id: 'video-error', role: 'alert', hidden: true });
    this.generate = el('button', { type: 'submit', class: 'btn btn-primary btn-lg', id: 'video-generate' }, 'Generate video');
    return el('form', { class: 'video-form', id: 'video-form', novalidate: true, onsubmit: e => { e.preventDefault(); this.start(this.chosen()); } },
      el('fieldset', { class: 'video-field' }, el('legend', {}, 'Moving pictures'), this.clipList),
      el('fieldset', { class: 'video-field' }, el('legend', {}, 'Narration'), this.narrationList),
      el('div', { class: 'video-field' },
        el('label', { for: 'video-music', class: 'field-label' }, 'Music ', el('span', { class: 'muted small' }, '(optional, up to 20 MB)')),
        el('div', { class: 'music-row' }, this.musicInput, this.musicClear),
        this.musicStatus),
      el('label', { class: 'check draft-check' }, this.draftBox,
        el('span', {}, el('strong', {}, 'Quick draft'), el('span', { class: 'muted' }, ' · 480p, renders in a fraction of the time'))),
      el('div', { class: 'form-actions' }, this.generate, this.quote),
      this.error);
  }

  async loadTools() {
    try {
      const health = await api.health();
      this.tools = health?.video || null;
    } catch {
      this.tools = null;
    }
    this.renderChoices();
  }

  /** Radio rows: unavailable clip sources stay visible but disabled; unavailable narrations are left out. */
  renderChoices() {
    const clips = this.tools?.clips || ['local'];
    const narrations = this.tools?.narration || ['none'];
    const clip = this.selected(this.clipInputs) || 'local';
    const narration = this.selected(this.narrationInputs) || 'none';
    this.clipInputs.clear();
    this.narrationInputs.clear();
    clear(this.clipList).append(...CLIPS.map(option => this.choice('clips', option, this.clipInputs, {
      disabled: !clips.includes(option.value), checked: option.value === (clips.includes(clip) ? clip : 'local'),
      unavailable: 'not configured',
    })));
    clear(this.narrationList).append(...NARRATIONS.filter(option => narrations.includes(option.value)).map(option =>
      this.choice('narration', option, this.narrationInputs, {
        checked: option.value === (narrations.includes(narration) ? narration : 'none'),
      })));
    this.renderQuote();
  }

  choice(name, option, inputs, { disabled = false, checked = false, unavailable = '' }) {
    const id = `video-${name}-${option.value}`;
    const input = el('input', { type: 'radio', name: `video-${name}`, id, value: option.value, disabled, checked, onchange: () => this.renderQuote() });
    inputs.set(option.value, input);
    return el('label', { class: `choice${disabled ? ' is-disabled' : ''}`, for: id },
      input,
      el('span', { class: 'choice-text' },
        el('span', { class: 'choice-label' }, option.label, disabled ? el('span', { class: 'badge' }, unavailable) : null),
        el('span', { class: 'choice-note muted small' }, option.note)));
  }

  selected(inputs) {
    for (const [value, input] of inputs) if (input.checked) return value;
    return null;
  }

  chosen() {
    const body = {
      clips: this.selected(this.clipInputs) || 'local',
      narration: this.selected(this.narrationInputs) || 'none',
      draft: this.draftBox.checked,
    };
    if (this.music) body.music_key = this.music.music_key;
    return body;
  }

  renderQuote() {
    const quote = this.selected(this.narrationInputs) === 'openai' ? quoteFor(this.cost, 'narrate_video') : null;
    setText(this.quote, quote ? `Narration: ${quote.price} (${quote.description})` : '');
  }

  /** A fresh story on screen (full state or just its id). */
  load(storyId, story) {
    this.storyId = storyId;
    this.video = null;
    this.music = null;
    this.poster = null;
    this.shownKey = null;
    this.musicInput.value = '';
    this.showMusic('');
    setText(this.error, '');
    this.update(story);
  }

  /** Merge a full story state (GET story/<id>). */
  update(story) {
    if (story.story_id && story.story_id !== this.storyId) return;
    if ('cost' in story) {
      this.cost = story.cost;
      this.renderQuote();
    }
    if (story.status) this.ready = story.status === 'all_approved';
    if ('video' in story) this.video = story.video ? { ...story.video } : null;
    const first = story.images?.['1'];
    // The thumbnail: the poster shows only until the video plays, and the full image would weigh 1.5 MB.
    if (first?.url) this.poster = first.thumb_url || first.url;
    this.render();
  }

  /** The gallery's count of approvals changed (live events carry no story status). */
  setReady(allApproved) {
    if (this.ready === allApproved) return;
    this.ready = allApproved;
    this.render();
  }

  applyEvent(type, data) {
    const version = Number(data.version);
    if (type === 'video_progress') {
      if (this.video && version < this.video.version) return;
      this.video = { ...(this.video || {}), version, status: 'running', progress: data, error: null };
    } else if (type === 'video_ready') {
      if (this.video && version < this.video.version) return;
      const { url, srt_url, fcpxml_url, zip_url, duration_seconds, width, height, size_bytes, fallbacks } = data;
      this.video = { ...(this.video || {}), version, status: 'done', progress: undefined, url, srt_url, fcpxml_url, zip_url,
        duration_seconds, width, height, size_bytes, fallbacks: fallbacks || [] };
    } else if (type === 'video_failed') {
      if (this.video && version < this.video.version) return;
      this.video = { ...(this.video || {}), version, status: 'failed', progress: undefined, error: data.error };
    } else {
      return;
    }
    this.render();
  }

  async start(options) {
    if (this.uploading) return;
    setText(this.error, '');
    this.generate.disabled = true;
    this.generate.classList.add('is-busy');
    try {
      const video = await api.generateVideo(this.storyId, options);
      if (!this.video || video.version >= this.video.version) this.video = video;
      this.again.open = false;
      this.onStarted();
    } catch (error) {
      setText(this.error, error.message);
    } finally {
      this.generate.disabled = false;
      this.generate.classList.remove('is-busy');
    }
    this.render();
  }

  async uploadMusic() {
    const file = this.musicInput.files?.[0];
    this.music = null;
    if (!file) return this.showMusic('');
    if (file.size > MAX_MUSIC_BYTES) {
      this.musicInput.value = '';
      return this.showMusic(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; music can be up to 20 MB.`, true);
    }
    this.uploading = true;
    this.generate.disabled = true;
    this.showMusic(`Uploading ${file.name}…`);
    try {
      const stored = await api.uploadMusic(file);
      this.music = { ...stored, name: file.name };
      this.showMusic(`✓ ${file.name} · ${duration(stored.duration_seconds)}`);
    } catch (error) {
      this.musicInput.value = '';
      this.showMusic(error.message, true);
    } finally {
      this.uploading = false;
      this.generate.disabled = false;
    }
    return undefined;
  }

  clearMusic() {
    this.music = null;
    this.musicInput.value = '';
    this.showMusic('');
  }

  showMusic(text, isError = false) {
    setText(this.musicStatus, text);
    this.musicStatus.classList.toggle('form-error', isError);
    this.musicClear.hidden = !this.music;
  }

  render() {
    const { video } = this;
    this.root.hidden = !this.ready && !video;
    if (this.root.hidden) return;
    this.root.dataset.state = video?.status || 'new';
    const busy = video && VIDEO_BUSY.has(video.status);
    this.title.textContent = video?.status === 'done' ? 'Your video' : busy ? 'Making your video…' : 'Make the video';
    // The form sits in the panel until there is a video; afterwards it folds away under "Make another version".
    const formHome = video && video.status !== 'failed' ? this.again : this.root;
    if (this.form.parentNode !== formHome) formHome.append(this.form);
    this.again.hidden = !video || video.status !== 'done' || !this.ready;
    this.form.hidden = busy || !this.ready;
    this.renderStatus();
  }

  renderStatus() {
    const { video } = this;
    if (!video) {
      this.shownKey = null;
      clear(this.status);
      return;
    }
    if (VIDEO_BUSY.has(video.status)) {
      this.shownKey = null;
      this.renderProgress(video);
    } else if (video.status === 'done') {
      const key = `${video.version}|${video.url}`;
      if (this.shownKey === key) return; // keep the player (and its position) through polls
      this.shownKey = key;
      this.renderPlayer(video);
    } else {
      this.shownKey = null;
      this.renderFailure(video);
    }
  }

  renderProgress(video) {
    const p = video.progress;
    const percent = Math.max(0, Math.min(100, Number(p?.percent) || 0));
    const text = p && STAGES[p.stage] ? STAGES[p.stage](p) : 'Waiting for its turn to render…';
    let bar = this.status.querySelector('.video-bar');
    if (!bar) {
      bar = el('div', { class: 'progress video-bar', role: 'progressbar', 'aria-label': 'Video progress', 'aria-valuemin': 0, 'aria-valuemax': 100 },
        el('div', { class: 'progress-video' }));
      clear(this.status).append(
        el('p', { class: 'video-stage', id: 'video-stage' }),
        bar,
        el('p', { class: 'muted small video-note' }));
    }
    this.status.querySelector('.video-stage').textContent = `${text} · ${percent}%`;
    bar.setAttribute('aria-valuenow', String(percent));
    bar.firstChild.style.width = `${percent}%`;
    this.status.querySelector('.video-note').textContent =
      `Version ${video.version}${describe(video.options)}. You can leave this page; the video keeps rendering.`;
  }

  renderPlayer(video) {
    append(clear(this.status), [resultView(video, this.poster)]);
  }

  renderFailure(video) {
    const retry = el('button', { type: 'button', class: 'btn btn-primary', id: 'video-retry',
      onclick: () => this.start(video.options ? compact(video.options) : this.chosen()) }, 'Try again');
    append(clear(this.status), [el('div', { class: 'banner banner-error video-failed', role: 'alert' },
      el('p', {}, `The video could not be made: ${video.error || 'something went wrong while rendering.'}`),
      retry)]);
  }
}
