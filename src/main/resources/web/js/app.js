// Routing and screen state. The current story lives in the URL hash (#story=<id>) and in localStorage.
import { $, setText } from './dom.js';
import { api } from './api.js';
import { QuizForm } from './quiz.js';
import { ScenesEditor } from './scenes.js';
import { Gallery } from './gallery.js';
import { StoryStream, eventSeqOf } from './stream.js';
import { renderStories } from './stories.js';
import { normalizeScenes } from './beats.js';
import { VideoPanel } from './video.js';

const CURRENT = 'fableforge.current';
const VIEWS = ['quiz', 'scenes', 'images', 'stories'];
const fresh = new Map(); // story id -> the story as just returned by submit / approve, to skip a refetch
let shown = null; // the story on screen, as loaded

let stream = null;
let quizLoaded = false;

const quiz = new QuizForm({
  form: $('#quiz-form'), fields: $('#quiz-fields'), formError: $('#quiz-form-error'), submitButton: $('#quiz-submit'),
  onSubmit: async answers => {
    const story = await api.submit(answers);
    fresh.set(story.story_id, { ...story, quiz: answers, status: story.status || 'scenes_ready' });
    go(story.story_id);
  },
});

const scenes = new ScenesEditor({
  form: $('#scenes-form'), list: $('#scenes-list'), error: $('#scenes-error'), submitButton: $('#scenes-submit'),
  summary: $('#scenes-summary'), hero: $('#scenes-hero'), spend: $('#scenes-spend'), quote: $('#scenes-quote'),
  onApprove: async (storyId, texts, narration) => {
    await api.approveScenes(storyId, texts, narration);
    const before = shown?.story_id === storyId ? shown : {};
    fresh.set(storyId, { ...before, story_id: storyId, status: 'generating', scenes: texts, images: undefined });
    route();
  },
});

const video = new VideoPanel($('#video-panel'), { onStarted: () => stream?.wake() });

const gallery = new Gallery({
  grid: $('#gallery'), hero: $('#images-hero'), spend: $('#images-spend'), progressText: $('#progress-text'), progressReady: $('#progress-ready'),
  progressApproved: $('#progress-approved'), storyError: $('#story-error'), allApproved: $('#all-approved'),
  viewer: $('#viewer'), viewerImg: $('#viewer-img'), viewerTitle: $('#viewer-title'),
  onAllApproved: all => video.setReady(all),
});
$('#viewer-close').addEventListener('click', () => $('#viewer').close());

function go(storyId) {
  const hash = `#story=${encodeURIComponent(storyId)}`;
  if (location.hash === hash) route();
  else location.hash = hash;
}

function show(view) {
  for (const name of VIEWS) $(`#view-${name}`).hidden = name !== view;
  document.querySelectorAll('[data-nav]').forEach(link => {
    if (link.dataset.nav === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  if (view !== 'images') stopStream();
  window.scrollTo(0, 0);
}

function stopStream() {
  stream?.stop();
  stream = null;
}

function showError(message) {
  setText($('#app-error'), message);
}

async function showQuiz() {
  show('quiz');
  if (quizLoaded) return;
  try {
    quiz.render(await api.quiz());
    quizLoaded = true;
  } catch (error) {
    showError(`Could not load the quiz: ${error.message}`);
  }
}

async function openStory(storyId) {
  localStorage.setItem(CURRENT, storyId);
  let story = fresh.get(storyId);
  fresh.delete(storyId);
  if (!story) {
    try {
      story = await api.story(storyId);
    } catch (error) {
      if (error.status === 404) localStorage.removeItem(CURRENT);
      showError(error.status === 404 ? 'That story was not found. Start a new one or pick one from My stories.' : error.message);
      return showQuiz();
    }
  }
  shown = { ...story, story_id: storyId };
  if (story.status === 'scenes_ready') {
    show('scenes');
    scenes.render(storyId, normalizeScenes(story), story.character, story.quiz, story.cost);
    return undefined;
  }
  show('images');
  video.load(storyId, story);
  gallery.load(storyId, story);
  setConnection('idle');
  stream = new StoryStream(storyId, {
    since: eventSeqOf(story) ?? 0,
    onEvent: (type, data, seq) => {
      gallery.applyEvent(type, data, seq);
      video.applyEvent(type, data);
    },
    onState: state => {
      gallery.applyState(state);
      video.update(state);
    },
    onMode: setConnection,
  });
  stream.start();
  return undefined;
}

const MODES = {
  idle: 'Connecting…',
  live: 'Live',
  reconnecting: s => `Reconnecting in ${s} s…`,
  polling: 'Polling every 3 s',
  offline: 'Offline, retrying…',
  done: 'Up to date',
};

function setConnection(mode, detail) {
  const conn = $('#conn');
  conn.dataset.mode = mode;
  const text = MODES[mode];
  $('#conn-text').textContent = typeof text === 'function' ? text(detail) : text;
}

function route() {
  setText($('#app-error'), '');
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith('story=') && hash.length > 6) return openStory(hash.slice(6));
  if (hash === 'stories') {
    show('stories');
    return renderStories($('#stories-list'));
  }
  if (hash === 'new') {
    localStorage.removeItem(CURRENT);
    return showQuiz();
  }
  const current = localStorage.getItem(CURRENT);
  if (current) {
    history.replaceState(null, '', `#story=${encodeURIComponent(current)}`);
    return openStory(current);
  }
  return showQuiz();
}

/**
 * Models the provider shuts down soon (from /health): the operator must change a setting before the
 * date, and whoever is making a story should know why it may stop working.
 */
async function showModelNotices() {
  try {
    const shutdowns = (await api.health())?.models?.shutdowns ?? [];
    if (shutdowns.length === 0) return;
    setText($('#model-notice'), `Heads-up: ${shutdowns.map(notice => notice.message).join(' · ')}`);
  } catch {
    // Health is informational here; the rest of the page works without it.
  }
}

window.addEventListener('hashchange', route);
route();
showAccount();

/** With accounts, who is signed in and a way out; without (no /api/me), nothing. */
async function showAccount() {
  let me;
  try {
    me = await api.me();
  } catch {
    return;
  }
  setText($('#account-name'), me.name);
  $('#account').hidden = false;
  $('#signout').addEventListener('click', async () => {
    try {
      await api.signOut();
    } finally {
      location.href = 'signin';
    }
  });
}
showModelNotices();
