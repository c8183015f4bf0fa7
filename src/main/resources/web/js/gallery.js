// The images screen: 20 cards kept in sync from the full story state (polling) and from SSE events.
import { el, clear, setText } from './dom.js';
import { api } from './api.js';
import { ImageCard } from './card.js';
import { TOTAL_SCENES, normalizeScenes, heroLine } from './beats.js';
import { isPaid, redrawPrice, renderSpend } from './cost.js';
import { eventSeqOf, olderThan } from './stream.js';

const READY = new Set(['pending_approval', 'approved']);
const COST_REFRESH_MS = 2000; // after images land, the story's spend is fetched again (paid stories only)
const PROMPTS_AGAIN_MS = 10000; // earlier versions' prompt texts: asked for at most this often
const THUMB_WIDTH = 480; // the server's thumbnails (thumb_url): JPEGs at most this wide

export class Gallery {
  constructor(refs) {
    this.refs = refs; // {grid, hero, spend, progressText, progressReady, progressApproved, storyError, allApproved, viewer, viewerImg, viewerTitle, onAllApproved?}
    this.storyId = null;
    this.cost = null;
    this.costTimer = null;
    this.scenes = [];
    this.cards = [];
    this.storyStatus = null;
    this.seq = 0; // the newest event (or full state's event_seq) applied to the cards
    refs.viewer.addEventListener('click', event => { if (event.target === refs.viewer) refs.viewer.close(); });
  }

  /** Start a fresh grid for a story; `story` may be the full state or just {story_id, scenes}. */
  load(storyId, story) {
    this.storyId = storyId;
    this.seq = 0;
    this.storyStatus = story.status || 'generating';
    const ratio = String(story.quiz?.aspect_ratio || '9:16').split(':').map(Number);
    this.refs.grid.style.setProperty('--ratio', ratio.length === 2 && ratio[0] && ratio[1] ? `${ratio[0]} / ${ratio[1]}` : '9 / 16');
    // Thumbnails are 480 px wide in the frame's shape: the cards reserve their size before they load.
    const [w, h] = ratio.length === 2 && ratio[0] && ratio[1] ? ratio : [9, 16];
    this.thumbSize = { width: THUMB_WIDTH, height: Math.round(THUMB_WIDTH * h / w) };
    setText(this.refs.hero, heroLine(story.character, story.quiz));
    setText(this.refs.storyError, '');
    this.scenes = normalizeScenes(story).map(scene => ({
      number: scene.number, text: scene.text, prompt: scene.prompt,
      status: 'queued', url: null, attempt: 0, error: null, attempts: [],
    }));
    while (this.scenes.length < TOTAL_SCENES) {
      const number = this.scenes.length + 1;
      this.scenes.push({ number, text: '', prompt: '', status: 'queued', url: null, attempt: 0, error: null, attempts: [] });
    }
    this.setCost(story.cost ?? null);
    const actions = {
      approve: (n, attempt) => this.approve(n, attempt),
      reject: (n, body) => this.review(n, body),
      open: (n, url, attempt) => this.openViewer(n, url, attempt),
      thumbSize: () => this.thumbSize,
      redrawPrice: () => redrawPrice(this.cost),
      needPrompts: () => this.loadPrompts(),
    };
    this.cards = this.scenes.map(scene => new ImageCard(scene, actions));
    clear(this.refs.grid).append(...this.cards.map(card => card.root));
    if (story.images) this.applyState(story);
    this.refreshSummary();
  }

  /** Merge a full story state (from GET story/<id>), unless it is older than an event already applied. */
  applyState(story) {
    if (story.story_id && story.story_id !== this.storyId) return;
    if (olderThan(story, this.seq)) return;
    this.seq = Math.max(this.seq, eventSeqOf(story) ?? 0);
    this.storyStatus = story.status || this.storyStatus;
    if ('cost' in story) this.setCost(story.cost);
    for (const scene of normalizeScenes(story)) {
      const local = this.scenes[scene.number - 1];
      if (local) Object.assign(local, { text: scene.text || local.text, prompt: scene.prompt || local.prompt });
    }
    for (const [key, image] of Object.entries(story.images || {})) {
      const scene = this.scenes[Number(key) - 1];
      if (!scene || !image) continue;
      const attempts = Array.isArray(image.attempts) ? image.attempts.map(a => withPromptTexts(a, image, scene)) : scene.attempts;
      Object.assign(scene, {
        status: image.status || scene.status, url: image.url ?? null, thumb_url: image.thumb_url ?? null, attempt: image.attempt ?? scene.attempt,
        error: image.error ?? null, prompt: image.prompt || scene.prompt, attempts,
      });
      if (scene.url) rememberAttempt(scene, { attempt: scene.attempt, url: scene.url, thumb_url: scene.thumb_url, status: scene.status, prompt: scene.prompt });
      this.cards[scene.number - 1].update();
    }
    this.refreshSummary();
  }

  /** Apply one SSE event; `seq` is its id. */
  applyEvent(type, data, seq) {
    if (Number.isSafeInteger(seq) && seq > this.seq) this.seq = seq;
    const scene = this.scenes[Number(data.scene_number) - 1];
    switch (type) {
      case 'image_ready':
        if (!scene || (data.attempt ?? 0) < scene.attempt) break;
        Object.assign(scene, { status: data.status || 'pending_approval', url: data.url, thumb_url: data.thumb_url ?? null, attempt: data.attempt ?? scene.attempt,
          prompt: data.prompt || scene.prompt, error: null });
        rememberAttempt(scene, { attempt: scene.attempt, url: data.url, thumb_url: data.thumb_url ?? null, status: scene.status, prompt: scene.prompt,
          requested_prompt: data.requested_prompt, prompt_changes: data.prompt_changes });
        this.refreshCostSoon();
        break;
      case 'image_failed':
        if (!scene || (data.attempt ?? 0) < scene.attempt) break;
        Object.assign(scene, { status: 'failed', attempt: data.attempt ?? scene.attempt, error: data.error });
        this.refreshCostSoon();
        break;
      case 'approval_update':
        if (!scene) break;
        this.setStatus(scene, data.status, data.attempt);
        break;
      case 'story_error':
        setText(this.refs.storyError, data.message || 'Something went wrong while making this story.');
        break;
      case 'all_approved':
        this.storyStatus = 'all_approved';
        break;
      case 'story_complete':
        if (this.storyStatus === 'generating') this.storyStatus = 'images_ready';
        break;
      default:
        return;
    }
    if (scene) this.cards[scene.number - 1].update();
    this.refreshSummary();
  }

  /** The story's spend and prices; cards re-render their redraw price only when it changed. */
  setCost(cost) {
    const before = redrawPrice(this.cost);
    this.cost = cost ?? null;
    renderSpend(this.refs.spend, this.cost);
    if (redrawPrice(this.cost) !== before) this.cards.forEach(card => card.update());
  }

  /**
   * The story's versions come without their prompt texts; the first time a card shows an earlier
   * version, they are fetched once (story?include=prompts) and kept through later polls.
   */
  loadPrompts() {
    const now = Date.now();
    if (this.promptsAsked && this.promptsAsked.storyId === this.storyId && now - this.promptsAsked.at < PROMPTS_AGAIN_MS) return;
    const { storyId } = this;
    this.promptsAsked = { storyId, at: now };
    api.storyWithPrompts(storyId)
      .then(story => { if (storyId === this.storyId) this.applyState(story); })
      .catch(() => { this.promptsAsked = null; }); // the next look at an earlier version tries again
  }

  /** Live events do not carry the spend: a paid story fetches it again once a burst of images has landed. */
  refreshCostSoon() {
    if (!isPaid(this.cost) || this.costTimer) return;
    const { storyId } = this;
    this.costTimer = setTimeout(async () => {
      this.costTimer = null;
      try {
        const story = await api.story(storyId);
        if (storyId === this.storyId) this.setCost(story.cost ?? null);
      } catch {
        // The next event or poll tries again.
      }
    }, COST_REFRESH_MS);
  }

  setStatus(scene, status, attempt) {
    if (!status) return;
    if (status === 'approved' && attempt != null && attempt !== scene.attempt) {
      const chosen = scene.attempts.find(a => a.attempt === attempt);
      if (chosen) Object.assign(scene, { attempt, url: chosen.url, thumb_url: chosen.thumb_url ?? null, prompt: chosen.prompt || scene.prompt });
    } else if (status === 'regenerating' && attempt != null && attempt > scene.attempt) {
      scene.attempt = attempt;
    }
    scene.status = status;
    const entry = scene.attempts.find(a => a.attempt === scene.attempt);
    if (entry) entry.status = status;
  }

  async approve(n, attempt) {
    const body = attempt != null ? { action: 'approve', attempt } : { action: 'approve' };
    const result = await api.reviewImage(this.storyId, n, body);
    this.setStatus(this.scenes[n - 1], result?.status || 'approved', attempt);
    this.refreshSummary();
  }

  async review(n, body) {
    const result = await api.reviewImage(this.storyId, n, body);
    const scene = this.scenes[n - 1];
    if (body.prompt) scene.prompt = body.prompt;
    this.setStatus(scene, result?.status || 'regenerating');
    this.refreshSummary();
  }

  counts() {
    const ready = this.scenes.filter(s => READY.has(s.status)).length;
    const approved = this.scenes.filter(s => s.status === 'approved').length;
    const failed = this.scenes.filter(s => s.status === 'failed').length;
    return { ready, approved, failed, total: this.scenes.length || TOTAL_SCENES };
  }

  refreshSummary() {
    const { ready, approved, failed, total } = this.counts();
    const parts = [`${ready} / ${total} images`, `${approved} approved`];
    if (failed) parts.push(`${failed} failed`);
    this.refs.progressText.textContent = parts.join(' · ');
    this.refs.progressReady.style.width = `${(ready / total) * 100}%`;
    this.refs.progressApproved.style.width = `${(approved / total) * 100}%`;
    const allApproved = this.storyStatus === 'all_approved' || (approved === total && total > 0);
    this.refs.allApproved.hidden = !allApproved;
    this.refs.onAllApproved?.(allApproved);
  }

  openViewer(n, url, attempt) {
    const { viewer, viewerImg, viewerTitle } = this.refs;
    viewerImg.src = url;
    viewerImg.alt = `Illustration for scene ${n}, full size`;
    const versions = this.scenes[n - 1].attempts.filter(a => a.url).length;
    viewerTitle.textContent = versions > 1 ? `Scene ${n} · version ${attempt}` : `Scene ${n}`;
    if (typeof viewer.showModal === 'function') viewer.showModal();
    else window.open(url, '_blank', 'noopener');
  }
}

const PROMPT_TEXTS = ['final_prompt', 'requested_prompt', 'prompt_changes'];

/**
 * A version from the story: the version shown carries its prompt texts on the scene's entry; an earlier
 * one keeps the texts this page already has (from include=prompts or an image_ready event).
 */
function withPromptTexts(version, image, scene) {
  const copy = { ...version };
  const source = version.attempt === image.attempt && 'requested_prompt' in image ? image
    : scene.attempts.find(a => a.attempt === version.attempt && 'requested_prompt' in a);
  if (source && !('requested_prompt' in copy)) for (const key of PROMPT_TEXTS) if (key in source) copy[key] = source[key];
  return copy;
}

function rememberAttempt(scene, attempt) {
  const existing = scene.attempts.find(a => a.attempt === attempt.attempt);
  if (existing) Object.assign(existing, attempt);
  else {
    scene.attempts.push(attempt);
    scene.attempts.sort((a, b) => a.attempt - b.attempt);
  }
}
