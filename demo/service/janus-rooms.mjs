// @ts-check
// VideoRoom rooms through Janus's HTTP API with the room admin key, which only server-side code
// holds (the escalation service; the test runner for its own rooms).
import { randomInt } from 'node:crypto';

let transaction = 0;

async function call(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    body: JSON.stringify({ transaction: `rooms-${(transaction += 1)}`, ...body }),
    signal: AbortSignal.timeout(5000),
  });
  const answer = await response.json();
  if (answer.janus === 'error') throw new Error(`janus: ${answer.error?.reason ?? JSON.stringify(answer)}`);
  return answer;
}

/** Runs one VideoRoom request on a short-lived session; returns the plugin's answer. */
async function videoroom(httpUrl, body) {
  const session = (await call(httpUrl, { janus: 'create' })).data.id;
  try {
    const handle = (await call(`${httpUrl}/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data.id;
    const answer = await call(`${httpUrl}/${session}/${handle}`, { janus: 'message', body });
    return answer.plugindata?.data ?? {};
  } finally {
    await call(`${httpUrl}/${session}`, { janus: 'destroy' }).catch(() => undefined);
  }
}

/**
 * @param {{ httpUrl: string, adminKey: string, permanent?: boolean, pin?: string, secret?: string }} options
 * @returns {Promise<{ room: number }>}
 */
export async function createRoom({ httpUrl, adminKey, permanent = false, pin, secret }) {
  const room = randomInt(1, 2 ** 47);
  const data = await videoroom(httpUrl, {
    request: 'create',
    room,
    admin_key: adminKey,
    publishers: 6,
    notify_joining: true,
    permanent,
    ...(pin ? { pin } : {}),
    ...(secret ? { secret } : {}),
  });
  if (data.videoroom !== 'created') throw new Error(`janus: room not created: ${JSON.stringify(data)}`);
  return { room };
}

/** Destroys a room (its participants are sent away); a room already gone counts as destroyed. */
export async function destroyRoom({ httpUrl, room, secret, permanent = false }) {
  const data = await videoroom(httpUrl, { request: 'destroy', room, ...(secret ? { secret } : {}), permanent });
  if (data.videoroom === 'destroyed' || data.error_code === 426) return;
  throw new Error(`janus: room ${room} not destroyed: ${JSON.stringify(data)}`);
}

/** Whether Janus has the room. */
export async function roomExists({ httpUrl, room }) {
  const data = await videoroom(httpUrl, { request: 'exists', room });
  return data.exists === true;
}
