// A finished video as the panel shows it: the player, its facts, the scenes that fell back, and the downloads;
// and the small words about a version (its options, its length) that the panel shares.
import { el } from './dom.js';

/** The player, its facts and the downloads of a finished version; poster is scene 1's picture. */
export function resultView(video, poster) {
  const player = el('video', { id: 'video-player', class: 'video-player', controls: true, playsinline: true, preload: 'metadata',
    poster, src: video.url });
  const facts = [duration(video.duration_seconds), video.width && video.height ? `${video.width}×${video.height}` : null,
    video.size_bytes ? megabytes(video.size_bytes) : null].filter(Boolean).join(' · ');
  const fallbacks = Array.isArray(video.fallbacks) && video.fallbacks.length
    ? el('p', { class: 'video-fallbacks small' }, `Scenes ${video.fallbacks.map(f => f.scene_number).join(', ')} used camera motion instead: `
      + video.fallbacks.map(f => f.reason).filter(Boolean).slice(0, 2).join('; '))
    : null;
  const portrait = video.height > video.width;
  return el('div', { class: 'video-result', dataset: { orientation: portrait ? 'portrait' : 'landscape' } },
    el('div', { class: 'video-frame' }, player),
    el('div', { class: 'video-info' },
      el('p', { class: 'video-version' }, `Version ${video.version}${describe(video.options)}`),
      el('p', { class: 'muted small video-facts' }, facts),
      fallbacks,
      el('ul', { class: 'downloads', id: 'video-downloads' },
        download(video.url, 'Download MP4', 'The video, to share or upload', `video-v${video.version}.mp4`, 'btn-primary'),
        download(video.srt_url, 'Subtitles (.srt)', 'The captions, for YouTube or any player'),
        download(video.fcpxml_url, 'Timeline (.fcpxml)', 'Edit it in Final Cut, Resolve or Premiere (use the one in the ZIP)'),
        download(video.zip_url, 'Everything (.zip)', 'Story, prompts, images, video, subtitles and timeline'))));
}

function download(url, label, hint, filename, tone = '') {
  if (!url) return null;
  return el('li', { class: 'download' },
    el('a', { class: `btn btn-small ${tone}`.trim(), href: url, download: filename || true }, label),
    el('span', { class: 'muted small' }, hint));
}

/** The options as the API takes them again (music only when one was used). */
export function compact(options) {
  const body = { clips: options.clips || 'local', narration: options.narration || 'none', draft: Boolean(options.draft) };
  if (options.music_key) body.music_key = options.music_key;
  if (options.length_seconds) body.length_seconds = options.length_seconds;
  if (options.caption_style) body.caption_style = options.caption_style;
  return body;
}

export function describe(options) {
  if (!options) return '';
  const parts = [options.draft ? 'draft' : 'full size'];
  if (options.length_seconds) parts.push(`${options.length_seconds} s`);
  if (options.caption_style && options.caption_style !== 'phrase') parts.push(options.caption_style === 'words' ? 'word-by-word captions' : 'no captions');
  if (options.narration && options.narration !== 'none') parts.push(`${options.narration === 'openai' ? 'OpenAI' : 'local'} narration`);
  if (options.clips && options.clips !== 'local') parts.push(`${options.clips} clips`);
  if (options.music_key) parts.push('music');
  return ` · ${parts.join(', ')}`;
}

export function duration(seconds) {
  const total = Math.floor(Number(seconds) || 0); // as players show it
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

function megabytes(bytes) {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}
