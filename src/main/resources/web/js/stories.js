// "My stories": every saved story, to resume any of them.
import { el, clear } from './dom.js';
import { api } from './api.js';
import { STORY_STATUS } from './status.js';

export async function renderStories(container) {
  clear(container).append(el('p', { class: 'muted' }, 'Loading your stories…'));
  let stories;
  try {
    stories = (await api.stories())?.stories || [];
  } catch (error) {
    clear(container).append(el('p', { class: 'banner banner-error', role: 'alert' }, error.message));
    return;
  }
  clear(container);
  if (!stories.length) {
    container.append(el('div', { class: 'card empty' },
      el('p', {}, 'No stories yet.'), el('a', { class: 'btn btn-primary', href: '#new' }, 'Write your first story')));
    return;
  }
  const sorted = [...stories].sort((a, b) => String(b.created_at || '').localeCompare(String(a.created_at || '')));
  container.append(el('ul', { class: 'story-list' }, sorted.map(storyItem)));
}

function storyItem(story) {
  const title = story.name || 'Untitled story';
  // The cover is scene 1's thumbnail (thumb_url, 480 px wide JPEG); thumbnail_url is its full image.
  const cover = story.thumb_url || story.thumbnail_url;
  const thumb = cover
    ? el('img', { class: 'story-thumb', src: cover, alt: '', width: 64, height: 84, loading: 'lazy', decoding: 'async' })
    : el('div', { class: 'story-thumb story-thumb-empty', 'aria-hidden': 'true' }, '✦');
  const counts = story.status === 'scenes_ready'
    ? '20 scenes written'
    : `${story.completed_scenes ?? 0} / 20 images · ${story.approved_scenes ?? 0} approved`;
  return el('li', {},
    el('a', { class: 'story-item card', href: `#story=${encodeURIComponent(story.story_id)}` },
      thumb,
      el('div', { class: 'story-info' },
        el('h2', { class: 'story-name' }, title, story.animal ? el('span', { class: 'muted', text: ` · ${story.animal}` }) : null),
        el('p', { class: 'story-meta' },
          el('span', { class: 'badge', dataset: { tone: toneOf(story.status) }, text: STORY_STATUS[story.status] || story.status || 'Unknown' }),
          el('span', { text: counts })),
        story.created_at ? el('p', { class: 'muted small', text: formatDate(story.created_at) }) : null),
      el('span', { class: 'story-open', 'aria-hidden': 'true' }, 'Open ›')));
}

function toneOf(status) {
  return { all_approved: 'ok', images_ready: 'review', generating: 'busy' }[status] || 'neutral';
}

function formatDate(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
