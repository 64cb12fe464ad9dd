import { send } from './transport.mjs';
export * as util from './util.mjs';

let queue = [];

export function track(event) {
  queue.push({ event, at: performance.now(), page: location.pathname });
  if (queue.length > 10) flush();
}

export async function flush() {
  const batch = queue;
  queue = [];
  await send(batch, { keepalive: true });
  console.debug(`sent ${batch.length} events`, import.meta.url);
}
