// Creates VideoRoom rooms through Janus's HTTP API with the room admin key, which only
// server-side code holds (the test runner here; the escalation service in production).
import { randomInt } from 'node:crypto';

let transaction = 0;

async function call(url, body) {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ transaction: `rooms-${(transaction += 1)}`, ...body }) });
  const answer = await response.json();
  if (answer.janus === 'error') throw new Error(`janus: ${answer.error?.reason ?? JSON.stringify(answer)}`);
  return answer;
}

/**
 * @param {{ httpUrl: string, adminKey: string, permanent?: boolean, pin?: string }} options
 * @returns {Promise<{ room: number }>}
 */
export async function createRoom({ httpUrl, adminKey, permanent = false, pin }) {
  const session = (await call(httpUrl, { janus: 'create' })).data.id;
  try {
    const handle = (await call(`${httpUrl}/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data.id;
    const room = randomInt(1, 2 ** 47);
    const answer = await call(`${httpUrl}/${session}/${handle}`, {
      janus: 'message',
      body: { request: 'create', room, admin_key: adminKey, publishers: 6, notify_joining: true, permanent, ...(pin ? { pin } : {}) },
    });
    const data = answer.plugindata?.data;
    if (data?.videoroom !== 'created') throw new Error(`janus: room not created: ${JSON.stringify(data)}`);
    return { room };
  } finally {
    await call(`${httpUrl}/${session}`, { janus: 'destroy' }).catch(() => undefined);
  }
}
