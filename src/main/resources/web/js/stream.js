// Live updates for one story: Server-Sent Events with exponential-backoff reconnection, and a
// polling fallback (GET story/<id> every 3 s) after 3 failed attempts or when SSE is unsupported.
import { api, streamUrl } from './api.js';
import { meta } from './meta.js';
import { STORY_DONE, VIDEO_BUSY } from './status.js';

const POLL_MS = 3000;
const MAX_BACKOFF_MS = 30000;
const MAX_FAILURES = 3;
const RETRY_SSE_EVERY = 10; // while polling, try SSE again every 10 polls (30 s)

/**
 * The story's last event sequence number as of a full state (GET story/<id>'s event_seq): the state
 * reflects at least every event up to it. Null for a state without one.
 */
export function eventSeqOf(story) {
  const seq = Number(story?.event_seq);
  return Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
}

/**
 * Whether a full state was read before an event the page has already applied: a request sent before a
 * live event can be answered after it, and applying that answer would undo the event (an image shown
 * as still drawing, with no event left to bring it back).
 */
export function olderThan(story, seq) {
  const stateSeq = eventSeqOf(story);
  return stateSeq !== null && stateSeq < seq;
}

export class StoryStream {
  /**
   * onEvent(type, data, seq) for each SSE event; onState(story) for each full state (catch-up or poll);
   * onMode('live' | 'reconnecting' | 'polling' | 'done' | 'offline', detail).
   * `since` is the event_seq of the state already shown: the stream starts after it.
   */
  constructor(storyId, { onEvent, onState, onMode, since = 0 }) {
    Object.assign(this, { storyId, onEvent, onState, onMode });
    this.source = null;
    this.failures = 0;
    this.timer = null;
    this.stopped = false;
    this.polling = false;
    this.lastSeq = Number.isSafeInteger(since) && since > 0 ? since : 0;
    this.done = false;
    this.eventNames = [];
  }

  /** The event names come from the server (api/meta); without them, or without EventSource, the story is polled. */
  async start() {
    if (typeof EventSource === 'undefined') {
      this.startPolling();
      return;
    }
    try {
      this.eventNames = (await meta()).events;
    } catch {
      if (!this.stopped) this.startPolling();
      return;
    }
    if (!this.stopped) this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }

  connect() {
    if (this.stopped) return;
    const source = new EventSource(streamUrl(this.storyId, this.lastSeq));
    this.source = source;
    source.onopen = () => {
      if (this.polling) { // a retry from polling mode worked: back to live
        this.polling = false;
        clearTimeout(this.timer);
      }
      this.failures = 0;
      this.onMode('live');
      this.pollOnce(); // catch up on anything missed while disconnected
    };
    source.onerror = () => {
      if (this.source !== source) return;
      source.close();
      this.source = null;
      if (this.polling) return; // a retry from polling mode failed: keep polling
      this.failures += 1;
      if (this.failures >= MAX_FAILURES) {
        this.startPolling();
        return;
      }
      const delay = Math.min(1000 * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
      this.onMode('reconnecting', Math.round(delay / 1000));
      this.timer = setTimeout(() => this.connect(), delay);
    };
    for (const type of this.eventNames) {
      source.addEventListener(type, event => this.handle(type, event));
    }
  }

  handle(type, event) {
    const seq = Number(event.lastEventId);
    // Replays after a reconnect may repeat events we already applied.
    if (Number.isFinite(seq) && seq > 0) {
      if (seq <= this.lastSeq) return;
      this.lastSeq = seq;
    }
    let data = {};
    try {
      data = event.data ? JSON.parse(event.data) : {};
    } catch {
      return;
    }
    this.onEvent(type, data, seq);
  }

  startPolling() {
    if (this.polling || this.stopped) return;
    this.polling = true;
    this.onMode('polling');
    let ticks = 0;
    const tick = async () => {
      if (this.stopped || !this.polling) return;
      await this.pollOnce();
      if (this.done) {
        this.onMode('done');
        return;
      }
      if (!this.polling) return;
      ticks += 1;
      if (ticks % RETRY_SSE_EVERY === 0 && typeof EventSource !== 'undefined' && this.eventNames.length && !this.source) this.connect();
      this.timer = setTimeout(tick, POLL_MS);
    };
    tick();
  }

  /** Something started on the server (a video): if polling had stopped as finished, poll again. */
  wake() {
    if (!this.polling || !this.done || this.stopped) return;
    this.done = false;
    this.polling = false;
    this.startPolling();
  }

  async pollOnce() {
    try {
      const story = await api.story(this.storyId);
      if (this.stopped || olderThan(story, this.lastSeq)) return;
      // The state covers the events up to its own: replays of those add nothing.
      this.lastSeq = Math.max(this.lastSeq, eventSeqOf(story) ?? 0);
      // An approved story is finished unless its video is still being made.
      this.done = STORY_DONE.has(story.status) && !VIDEO_BUSY.has(story.video?.status);
      this.onState(story);
      if (this.polling && !this.done) this.onMode('polling');
    } catch (error) {
      if (this.polling && !this.stopped) this.onMode('offline', error.message);
    }
  }
}
