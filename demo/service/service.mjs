// @ts-check
// The reference escalation service: rooms on Janus, guest codes, link delivery, guest progress
// over Server-Sent Events, closing. The contract is in src/core/service/types.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { looksLikeCode, newCode, normalizeCode, Throttle } from './codes.mjs';
import { createRoom, destroyRoom, roomExists } from './janus-rooms.mjs';
import { outboxSender } from './senders.mjs';
import { Store } from './store.mjs';
import { BadRequest, delivery as checkDelivery, interaction as checkInteraction, mode as checkMode, phone, text } from './validate.mjs';

const MAX_BODY = 16 * 1024;
/** How long after the call a customer can still rate it. */
const RATING_WINDOW_MS = 60 * 60_000;
/** Asking again and again does not help: past this, the agent has heard enough. */
const MAX_NEW_LINK_REQUESTS = 5;
const REPORTS = new Set(['opened', 'checking-devices', 'devices-ready', 'audio-only', 'device-failed', 'joined', 'left']);
/** Close reasons that mean video failed or was given up on, not that the call was simply over. */
const FALLBACK_REASONS = new Set(['service-unavailable', 'no-show', 'guest-device', 'media', 'guest-left', 'agent-choice']);

/**
 * @typedef {object} ServiceOptions
 * @property {string} janusHttp  Janus HTTP API, for rooms (with the admin key)
 * @property {string} janusWs    What browsers connect to
 * @property {string} roomAdminKey
 * @property {string} dataDir    Where state and the demo outbox live
 * @property {string} guestBaseUrl  The guest page; the code is appended as ?code=
 * @property {number} [port]
 * @property {number} [codeTtlMs]
 * @property {(message: object) => Promise<void>} [send]  SMS and e-mail sender
 * @property {{ limit?: number, windowMs?: number }} [throttle]
 * @property {(message: string) => void} [log]  Where guessing is reported (console.warn by default)
 */

/** @param {ServiceOptions} options */
export async function startService(options) {
  const store = new Store(join(options.dataDir, 'escalations.json'));
  const send = options.send ?? outboxSender(join(options.dataDir, 'outbox.jsonl'));
  const throttle = new Throttle({ ...options.throttle, ...(options.log ? { log: options.log } : {}) });
  const codeTtlMs = options.codeTtlMs ?? 15 * 60_000;
  /** @type {Map<string, Set<import('node:http').ServerResponse>>} */
  const listeners = new Map();
  const { state } = store;
  await closeEscalationsWithoutRoom();

  /**
   * A Janus started afresh (a new demo run) has none of the rooms saved escalations point at:
   * those are closed, so their interactions can escalate again instead of joining nothing.
   */
  async function closeEscalationsWithoutRoom() {
    for (const record of Object.values(state.escalations)) {
      if (record.status !== 'active') continue;
      // Janus not answering yet is not proof the room is gone.
      const exists = await roomExists({ httpUrl: options.janusHttp, room: record.room }).catch(() => true);
      if (exists) continue;
      Object.assign(record, { status: 'closed', closedAt: Date.now(), closeReason: 'room-lost' });
    }
    store.save();
  }

  const publicEscalation = (record) => ({
    id: record.id,
    host: { server: options.janusWs, room: String(record.room), token: record.pin },
    guestCode: record.code,
    guestUrl: `${options.guestBaseUrl}?code=${record.code}`,
    expiresAt: record.codeExpiresAt,
  });

  /** Writes run once per Idempotency-Key: a replay gets the first answer. */
  async function once(key, work) {
    if (!key) throw new BadRequest('an Idempotency-Key header is required for writes');
    if (state.keys[key]) return state.keys[key];
    const answer = await work();
    state.keys[key] = answer;
    store.save();
    return answer;
  }

  function emit(record, report) {
    record.progress.push({ report, at: Date.now() });
    store.save();
    for (const response of listeners.get(record.id) ?? []) response.write(`event: progress\ndata: ${report}\n\n`);
  }

  /** @type {Map<string, Promise<unknown>>} creates under way, per interaction */
  const creating = new Map();

  const liveFor = (interactionId) =>
    Object.values(state.escalations).find((record) => record.interactionId === interactionId && record.status === 'active');

  async function create(body, key) {
    const interaction = checkInteraction(body.interaction);
    const delivery = checkDelivery(body.delivery);
    const mode = checkMode(body.mode);
    if (state.cancelledKeys[key]) throw new BadRequest('this request was cancelled', 409, 'conflict');
    // One live escalation per interaction: a second tab or a double click gets the same one,
    // even while the first is still making its room.
    await creating.get(interaction.id)?.catch(() => undefined);
    const live = liveFor(interaction.id);
    if (live) return { status: 200, body: publicEscalation(live) };
    const work = makeEscalation(interaction, delivery, mode, key);
    creating.set(interaction.id, work);
    try {
      return await work;
    } finally {
      creating.delete(interaction.id);
    }
  }

  async function makeEscalation(interaction, delivery, mode, key) {
    const pin = randomBytes(6).toString('hex');
    const secret = randomBytes(12).toString('hex');
    const { room } = await createRoom({ httpUrl: options.janusHttp, adminKey: options.roomAdminKey, pin, secret, permanent: true });
    const record = {
      id: randomUUID(),
      createKey: key,
      interactionId: interaction.id,
      interaction,
      delivery,
      mode,
      room,
      pin,
      secret,
      code: newCode(),
      codeExpiresAt: Date.now() + codeTtlMs,
      guestToken: null,
      status: 'active',
      createdAt: Date.now(),
      deliveries: [],
      experts: [],
      progress: [],
    };
    state.escalations[record.id] = record;
    state.codes[record.code] = record.id;
    store.save();
    return { status: 201, body: publicEscalation(record) };
  }

  async function deliver(record, body) {
    const delivery = checkDelivery(body);
    if (delivery.channel === 'chat' || delivery.channel === 'host') {
      record.deliveries.push({ ...delivery, status: 'handed-to-host', at: Date.now() });
      return { status: 200, body: { channel: delivery.channel, status: 'handed-to-host' } };
    }
    const message = {
      channel: delivery.channel,
      to: delivery.to,
      text: `Your agent invites you to a video call: ${options.guestBaseUrl}?code=${record.code} (code ${record.code})`,
    };
    try {
      await send(message);
    } catch (error) {
      record.deliveries.push({ ...delivery, status: 'failed', error: String(error), at: Date.now() });
      store.save();
      throw new BadRequest(`the ${delivery.channel} could not be sent: ${error instanceof Error ? error.message : error}`, 502, 'unavailable');
    }
    record.deliveries.push({ ...delivery, status: 'sent', at: Date.now() });
    return { status: 200, body: { channel: delivery.channel, status: 'sent' } };
  }

  async function close(record, reason) {
    if (record.status === 'active') {
      await destroyRoom({ httpUrl: options.janusHttp, room: record.room, secret: record.secret, permanent: true });
      record.status = 'closed';
      record.closedAt = Date.now();
      record.closeReason = reason;
      // The code no longer lets anyone in (redeem checks the status); it is kept a while only
      // so that the customer can still rate the call they just had.
      store.save();
    }
    return { status: 204, body: undefined };
  }

  /** An expert gets a code of their own, sent to their phone (E.164) or e-mail address. */
  async function inviteExpert(record, body) {
    const address = text(body.address, 'address', { max: 320, required: true });
    const channel = address?.startsWith('+') ? 'sms' : 'email';
    checkDelivery({ channel, to: address });
    const code = newCode();
    state.expertCodes[code] = { escalationId: record.id, name: text(body.name, 'name') ?? 'Expert' };
    record.experts.push({ address, name: body.name, code, at: Date.now() });
    store.save();
    const url = `${options.guestBaseUrl}?code=${code}`;
    await send({ channel, to: address, text: `You are invited to join a customer video call as the expert: ${url} (code ${code})` });
    return { status: 200, body: { code, url } };
  }

  function redeemExpert(code) {
    const invite = state.expertCodes[code];
    const record = invite && state.escalations[invite.escalationId];
    if (!record) return null;
    if (record.status !== 'active') throw new BadRequest('This call has ended.', 410, 'code-expired');
    return {
      status: 200,
      body: { server: options.janusWs, room: String(record.room), token: record.pin, displayName: invite.name, escalationId: record.id, guestToken: '', mode: record.mode, role: 'expert' },
    };
  }

  /** A client that got codes wrong too often waits; guessing through any code route is slowed. */
  function checkThrottle(client) {
    const wait = throttle.waitFor(client);
    if (wait > 0) throw Object.assign(new BadRequest('Too many attempts. Wait a minute and try again.', 429, 'too-many-attempts'), { retryAfter: Math.ceil(wait / 1000) });
  }

  function redeem(rawCode, client, guestToken) {
    checkThrottle(client);
    const code = normalizeCode(rawCode);
    const expert = looksLikeCode(code) ? redeemExpert(code) : null;
    if (expert) return expert;
    const record = looksLikeCode(code) ? state.escalations[state.codes[code]] : undefined;
    if (!record) {
      throw404(code);
    }
    if (record.code !== code) {
      throw new BadRequest('Your agent has sent you a newer link. Use the latest one.', 410, 'code-expired');
    }
    if (record.status !== 'active' || Date.now() > record.codeExpiresAt) {
      throw new BadRequest('This link has expired. Ask your agent to send a new one.', 410, 'code-expired');
    }
    // Single use, but the same guest (who holds the token from the first time) may come back.
    if (record.guestToken && record.guestToken !== guestToken) {
      throttle.fail(client, code);
      throw new BadRequest('This link has already been used. Ask your agent to send a new one.', 409, 'code-used');
    }
    record.guestToken ??= randomBytes(16).toString('hex');
    store.save();
    return {
      status: 200,
      body: {
        server: options.janusWs,
        room: String(record.room),
        token: record.pin,
        displayName: record.interaction.customerName ?? 'Customer',
        escalationId: record.id,
        guestToken: record.guestToken,
        mode: record.mode,
        role: 'guest',
      },
    };

    function throw404(typed) {
      throttle.fail(client, typed);
      throw new BadRequest('We could not find this code. Check it, or ask your agent for a new link.', 404, 'code-unknown');
    }
  }

  /**
   * Before a resend: a new code when the one out can no longer let the customer in (expired,
   * already redeemed) or they asked for a new link; otherwise the same one. The old code stops
   * joining but still reports progress and rates, so a page that has it keeps working.
   */
  function renewLink(record) {
    if (record.status !== 'active') throw new BadRequest('this escalation has ended', 409, 'conflict');
    if (record.newLinkAsked || record.guestToken || Date.now() > record.codeExpiresAt) {
      record.code = newCode();
      record.codeExpiresAt = Date.now() + codeTtlMs;
      record.guestToken = null;
      record.newLinkAsked = false;
      state.codes[record.code] = record.id;
      store.save();
    }
    return { status: 200, body: publicEscalation(record) };
  }

  /** The customer (or expert) whose link failed asks for a new one: the agent hears of it live. */
  function askForNewLink(rawCode, body, client) {
    checkThrottle(client);
    const code = normalizeCode(rawCode);
    const invite = state.expertCodes[code];
    const record = state.escalations[invite ? invite.escalationId : state.codes[code]];
    if (!record) {
      throttle.fail(client, code);
      throw new BadRequest('We could not find this code. Ask your agent in the chat or on the phone.', 404, 'code-unknown');
    }
    record.newLinkRequests = (record.newLinkRequests ?? 0) + 1;
    if (record.newLinkRequests > MAX_NEW_LINK_REQUESTS) throw new BadRequest('Your agent has been asked already.', 429, 'too-many-attempts');
    if (!invite) record.newLinkAsked = true;
    store.save();
    const news = { code, role: invite ? 'expert' : 'guest', reason: text(body.reason, 'reason', { max: 200 }) ?? '' };
    const audience = listeners.get(record.id) ?? new Set();
    for (const response of audience) response.write(`event: new-link\ndata: ${JSON.stringify(news)}\n\n`);
    return { status: 202, body: { relayed: audience.size > 0 } };
  }

  function recordForCode(rawCode) {
    const record = state.escalations[state.codes[normalizeCode(rawCode)]];
    if (!record) throw new BadRequest('unknown code', 404, 'code-unknown');
    return record;
  }

  function escalation(id) {
    const record = state.escalations[id];
    if (!record) throw new BadRequest(`no escalation ${id}`, 404, 'not-found');
    return record;
  }

  async function route(request, response, url, body) {
    const key = String(request.headers['idempotency-key'] ?? '');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = request.method;
    if (method === 'POST' && parts.length === 1 && parts[0] === 'escalations') return once(`create:${key}`, () => create(body, key));
    if (parts[0] === 'escalations' && parts[1] === 'by-key' && method === 'DELETE') {
      const record = Object.values(state.escalations).find((candidate) => candidate.createKey === parts[2]);
      if (record) return close(record, url.searchParams.get('reason') ?? 'closed');
      // Nothing made yet: a create still on its way with this key must not make a room later.
      state.cancelledKeys[parts[2]] = Date.now();
      store.save();
      return { status: 204, body: undefined };
    }
    if (parts[0] === 'escalations' && parts.length >= 2) {
      const record = escalation(parts[1]);
      if (method === 'DELETE' && parts.length === 2) return close(record, text(url.searchParams.get('reason'), 'reason', { max: 64 }) ?? 'closed');
      if (method === 'POST' && parts[2] === 'deliveries') return once(`deliver:${record.id}:${key}`, () => deliver(record, body));
      if (method === 'POST' && parts[2] === 'code') return once(`renew:${record.id}:${key}`, () => renewLink(record));
      if (method === 'POST' && parts[2] === 'experts') {
        return once(`expert:${record.id}:${key}`, () => inviteExpert(record, body));
      }
      if (method === 'GET' && parts[2] === 'events') return openEvents(record, response);
    }
    if (parts[0] === 'codes' && parts.length === 3 && method === 'GET' && parts[2] === 'status') {
      const record = recordForCode(parts[1]);
      const fellBack = FALLBACK_REASONS.has(record.closeReason);
      return { status: 200, body: { active: record.status === 'active', callbackOffered: record.status !== 'active' && fellBack && record.mode === 'chat' } };
    }
    if (parts[0] === 'codes' && parts.length === 3 && method === 'POST' && parts[2] === 'progress' && state.expertCodes[normalizeCode(parts[1])]) {
      const record = escalation(state.expertCodes[normalizeCode(parts[1])].escalationId);
      if (body.report === 'joined' || body.report === 'left') {
        for (const response of listeners.get(record.id) ?? []) response.write(`event: expert\ndata: ${body.report}\n\n`);
      }
      return { status: 204, body: undefined };
    }
    if (parts[0] === 'codes' && parts.length === 3 && method === 'POST') {
      const client = request.socket.remoteAddress ?? '?';
      if (parts[2] === 'redeem') return redeem(parts[1], client, String(request.headers['x-guest-token'] ?? ''));
      if (parts[2] === 'new-link') return askForNewLink(parts[1], body, client);
      const record = recordForCode(parts[1]);
      if (parts[2] === 'progress') {
        if (record.status !== 'active') throw new BadRequest('This call has ended.', 410, 'code-expired');
        if (!REPORTS.has(body.report)) throw new BadRequest(`report must be one of ${[...REPORTS].join(', ')}`);
        emit(record, body.report);
        return { status: 204, body: undefined };
      }
      if (parts[2] === 'callback') {
        if (record.mode !== 'chat' || (record.status !== 'active' && !FALLBACK_REASONS.has(record.closeReason))) {
          throw new BadRequest('a phone callback is offered only when video ended early in a chat');
        }
        if (record.status !== 'active' && Date.now() - record.closedAt > RATING_WINDOW_MS) throw new BadRequest('This call can no longer be followed up here.', 410, 'code-expired');
        const number = phone(body.phone, 'phone');
        if (!number) throw new BadRequest('phone is required');
        record.callbacks = [...(record.callbacks ?? []), { phone: number, at: Date.now() }];
        store.save();
        for (const response of listeners.get(record.id) ?? []) response.write(`event: callback\ndata: ${number}\n\n`);
        return { status: 204, body: undefined };
      }
      if (parts[2] === 'rating') {
        if (record.status !== 'active' && Date.now() - record.closedAt > RATING_WINDOW_MS) throw new BadRequest('This call can no longer be rated.', 410, 'code-expired');
        const score = body.score;
        if (![1, 2, 3, 4, 5].includes(score)) throw new BadRequest('score must be a whole number from 1 to 5');
        state.ratings.push({ interactionId: record.interactionId, escalationId: record.id, score, comment: text(body.comment, 'comment', { max: 1000 }), at: Date.now() });
        store.save();
        return { status: 204, body: undefined };
      }
    }
    throw new BadRequest(`no route for ${method} ${url.pathname}`, 404, 'not-found');
  }

  function openEvents(record, response) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    if (!listeners.has(record.id)) listeners.set(record.id, new Set());
    listeners.get(record.id).add(response);
    // A comment now and then keeps proxies from closing a quiet stream.
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    response.on('close', () => {
      clearInterval(keepAlive);
      listeners.get(record.id)?.delete(response);
    });
    return null;
  }

  const server = createServer(async (request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', 'content-type, idempotency-key, x-guest-token');
    response.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    try {
      const url = new URL(request.url ?? '/', 'http://service');
      const body = await readBody(request);
      const answer = await route(request, response, url, body);
      if (answer === null) return;
      response.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
      response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    } catch (error) {
      const status = error instanceof BadRequest ? error.status : 503;
      const code = error instanceof BadRequest ? error.code : 'unavailable';
      if (!(error instanceof BadRequest)) console.error('escalation service:', error);
      const headers = { 'content-type': 'application/json', ...(error.retryAfter ? { 'retry-after': String(error.retryAfter) } : {}) };
      response.writeHead(status, headers).end(JSON.stringify({ error: { code, message: error instanceof Error ? error.message : String(error) } }));
    }
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    /** Forgets failed code attempts (tests that guess on purpose). */
    resetThrottle: () => throttle.failures.clear(),
    stop: () =>
      new Promise((resolve) => {
        for (const set of listeners.values()) for (const response of set) response.end();
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}

/** Reads a JSON body: only JSON, at most 16 KB. */
async function readBody(request) {
  if (request.method === 'GET' || request.method === 'DELETE' || request.method === 'OPTIONS') return {};
  const type = String(request.headers['content-type'] ?? '');
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BadRequest('the request body is larger than 16 KB', 413);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  if (!type.startsWith('application/json')) throw new BadRequest('send JSON (content-type: application/json)', 415);
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    return parsed;
  } catch {
    throw new BadRequest('the request body is not valid JSON');
  }
}
