// The 20-scene Power Fantasy structure (DESIGN.md §3). Beat ids match the server's snake_case ids.
export const BEATS = [
  { id: 'underdog', title: 'Underdog setup', first: 1, last: 4 },
  { id: 'discovery', title: 'Discovery', first: 5, last: 6 },
  { id: 'setback', title: 'First setback', first: 7, last: 8 },
  { id: 'training', title: 'Training', first: 9, last: 10 },
  { id: 'transformation', title: 'Transformation', first: 11, last: 12 },
  { id: 'power_display', title: 'Power display', first: 13, last: 14 },
  { id: 'challenge', title: 'Challenge', first: 15, last: 19 },
  { id: 'triumph', title: 'Triumph', first: 20, last: 20 },
];

export const TOTAL_SCENES = 20;

export function beatOf(sceneNumber) {
  return BEATS.find(beat => sceneNumber >= beat.first && sceneNumber <= beat.last) || BEATS[BEATS.length - 1];
}

const PLACEHOLDER = /^\s*\(Scene \d+ missing\b/i;

export function isPlaceholder(text) {
  return PLACEHOLDER.test(text || '');
}

/** Scenes as [{number, beat, text, prompt}] from either the submit answer or the story state. */
export function normalizeScenes(source) {
  const scenes = source.scenes || [];
  return scenes.map((scene, index) => typeof scene === 'string'
    ? { number: index + 1, beat: source.beats?.[index] ?? beatOf(index + 1).id, text: scene, prompt: '', narration: source.narration?.[index] ?? '' }
    : { number: scene.number ?? index + 1, beat: scene.beat ?? beatOf(index + 1).id, text: scene.text ?? '', prompt: scene.prompt ?? '',
      narration: source.narration?.[index] ?? '' });
}

export function heroLine(character, quiz) {
  const name = character?.name || quiz?.character_name;
  const species = character?.species || quiz?.animal;
  if (name && species) return `${name} the ${species}`;
  return name || species || '';
}
