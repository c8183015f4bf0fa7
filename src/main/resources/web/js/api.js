// Fetch wrappers for the FableForge server. All URLs are relative so the app works behind any proxy path.

export class ApiError extends Error {
  constructor(status, body) {
    // A 402 (daily spending limit reached) may carry its explanation in "error" alone.
    super(body?.message || (status === 402 && typeof body?.error === 'string' && body.error) || describeStatus(status));
    this.status = status;
    this.code = body?.error || 'error';
    this.fields = body?.fields || {};
  }
}

function describeStatus(status) {
  if (status === 0) return 'Could not reach the server. Check your connection and try again.';
  if (status === 402) return 'The daily spending limit has been reached.';
  if (status === 404) return 'Not found. It may have been deleted.';
  if (status === 413) return 'That file is too large.';
  if (status === 415) return 'That kind of file is not accepted here.';
  if (status === 429) return 'The server is busy. Please wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Please try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

async function request(method, path, body) {
  const init = { method, cache: 'no-store', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return send(path, init);
}

/** A file sent as the raw body with its own content type (the server checks what it really is). */
function upload(path, file) {
  return send(path, { method: 'POST', cache: 'no-store', headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' }, body: file });
}

async function send(path, init) {
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 401 && !path.startsWith('api/me')) {
    // Signed out (or the session ended): the sign-in page, which comes back here afterwards.
    location.href = 'signin';
    throw new ApiError(401, null);
  }
  return jsonOf(response);
}

// The body as JSON (null when empty or not JSON); an ApiError carrying it when the status is not 2xx.
async function jsonOf(response) {
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data && typeof data === 'object' ? data : null);
  return data;
}

const id = value => encodeURIComponent(value);

// The last answer to each GET story/<id>[?include=…] and its ETag: a poll sends If-None-Match and an
// unchanged story answers 304 with no body, so polling and resuming cost a few hundred bytes. A
// conditional header set by the page makes fetch bypass the HTTP cache and hand the 304 to us
// (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch; web-platform-tests fetch/api/basic/conditional-get.any.js).
const storyCache = new Map();
const STORY_CACHE_MAX = 8;

async function conditionalStory(path) {
  const kept = storyCache.get(path);
  const init = { method: 'GET', cache: 'no-store', headers: { Accept: 'application/json' } };
  if (kept) init.headers['If-None-Match'] = kept.etag;
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 304 && kept) return kept.data;
  if (response.status === 401) return send(path, init); // signs in again, as every other call does
  const data = await jsonOf(response);
  const etag = response.headers.get('ETag');
  storyCache.delete(path);
  if (etag && data) {
    storyCache.set(path, { etag, data });
    if (storyCache.size > STORY_CACHE_MAX) storyCache.delete(storyCache.keys().next().value);
  }
  return data;
}

export const api = {
  quiz: () => request('GET', 'api/quiz'),
  meta: () => request('GET', 'api/meta'),
  submit: answers => request('POST', 'submit', answers),
  approveScenes: (storyId, scenes, narration) => request('POST', 'approve_scenes',
    narration ? { story_id: storyId, scenes, narration } : { story_id: storyId, scenes }),
  story: storyId => conditionalStory(`story/${id(storyId)}`),
  /** The story with every version's prompt texts (final, requested, what changed), left out of story() to keep polls small. */
  storyWithPrompts: storyId => conditionalStory(`story/${id(storyId)}?include=prompts`),
  stories: () => request('GET', 'api/stories'),
  reviewImage: (storyId, sceneNumber, body) =>
    request('POST', `approve_image/${id(storyId)}/${Number(sceneNumber)}`, body),
  health: () => request('GET', 'health'),
  generateVideo: (storyId, options) => request('POST', `generate_video/${id(storyId)}`, options),
  uploadMusic: file => upload('api/music', file),
  me: () => request('GET', 'api/me'),
  signOut: () => request('POST', 'api/signout'),
};

/**
 * A new EventSource cannot set the Last-Event-ID header, so after a manual reconnect the last seen
 * sequence number also goes in the query (servers may ignore it: the UI catches up by polling too).
 */
export function streamUrl(storyId, lastEventId = 0) {
  const resume = lastEventId > 0 ? `&last_event_id=${Number(lastEventId)}` : '';
  return `stream?channel=${id(storyId)}${resume}`;
}
