// Plain-word labels for image and story states, and the states the UI acts on. Every status that exists is
// in GET api/meta (meta.js), generated from the server's own types.

export const IMAGE_STATUS = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Drawing…', tone: 'busy' },
  pending_approval: { label: 'Ready for review', tone: 'review' },
  approved: { label: 'Approved', tone: 'ok' },
  rejected: { label: 'Rejected · redrawing soon', tone: 'busy' },
  regenerating: { label: 'Redrawing…', tone: 'busy' },
  failed: { label: 'Failed', tone: 'bad' },
};

export const STORY_STATUS = {
  scenes_ready: 'Scenes to review',
  generating: 'Drawing images',
  images_ready: 'Images to review',
  all_approved: 'All approved',
};

/** Video statuses of a render still to come or under way. */
export const VIDEO_BUSY = new Set(['queued', 'running']);

/** Story statuses after which nothing more happens by itself (a video may still be asked for). */
export const STORY_DONE = new Set(['all_approved']);

export const REJECT_REASONS = [
  { value: 'colours', label: 'Wrong colours' },
  { value: 'character', label: "Hero doesn't look right" },
  { value: 'style', label: 'Wrong style' },
  { value: 'anatomy', label: 'Odd anatomy (limbs, faces)' },
  { value: 'composition', label: 'Poor composition' },
  { value: 'other', label: 'Something else' },
];

/** Turn a provider error code or message into something a creator can act on. */
export function plainError(error) {
  const text = String(error || '').trim();
  if (!text) return 'The image could not be made.';
  // Out of credit or at a spending limit: the provider's own words say what to do (add credit, raise the limit).
  if (/credit|billing|quota|spending limit|daily limit/i.test(text)) return text;
  if (/policy|safety|moderat|refus/i.test(text)) return 'The image service refused this prompt. Try rewording it.';
  if (/time ?out|timed out/i.test(text)) return 'The image service took too long to answer.';
  if (/rate|429|too many/i.test(text)) return 'The image service was busy (rate limit). Try again in a minute.';
  if (/auth|credential|api key|401|403/i.test(text)) return 'The image service did not accept our key. Check the server settings.';
  if (/5\d\d|server error|unavailable/i.test(text)) return 'The image service had a problem on its side.';
  return text;
}
