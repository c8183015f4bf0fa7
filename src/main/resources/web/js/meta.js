// The names the UI shares with the server (GET api/meta): the event names of the stream and every
// status, generated from the server's own types, read once per page.
import { api } from './api.js';

let loading = null;

/** {events: [...], statuses: {story, image, decision, video}}; a failed read is tried again next time. */
export function meta() {
  loading ??= api.meta().catch(error => {
    loading = null;
    throw error;
  });
  return loading;
}
