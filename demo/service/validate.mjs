// @ts-check
// Input checks for the service: every refusal says what is wrong, for a 400.
export class BadRequest extends Error {
  constructor(message, status = 400, code = 'bad-request') {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const CHANNELS = ['sms', 'email', 'chat', 'host'];

export function text(value, name, { max = 200, required = false } = {}) {
  if (value === undefined || value === null || value === '') {
    if (required) throw new BadRequest(`${name} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw new BadRequest(`${name} must be a string`);
  if (value.length > max) throw new BadRequest(`${name} is longer than ${max} characters`);
  return value;
}

export function phone(value, name) {
  const number = text(value, name, { max: 16 });
  if (number !== undefined && !E164.test(number)) throw new BadRequest(`${name} must be an E.164 phone number such as +15551231234`);
  return number;
}

export function interaction(value) {
  if (typeof value !== 'object' || value === null) throw new BadRequest('interaction is required');
  const channel = value.channel;
  if (channel !== 'voice' && channel !== 'chat') throw new BadRequest('interaction.channel must be "voice" or "chat"');
  return {
    id: text(value.id, 'interaction.id', { max: 128, required: true }),
    channel,
    customerName: text(value.customerName, 'interaction.customerName'),
    customerPhone: phone(value.customerPhone, 'interaction.customerPhone'),
    customerEmail: text(value.customerEmail, 'interaction.customerEmail', { max: 320 }),
    caseNumber: text(value.caseNumber, 'interaction.caseNumber', { max: 64 }),
    issue: text(value.issue, 'interaction.issue', { max: 2000 }),
  };
}

export function delivery(value) {
  if (typeof value !== 'object' || value === null) throw new BadRequest('delivery is required');
  if (!CHANNELS.includes(value.channel)) throw new BadRequest(`delivery.channel must be one of ${CHANNELS.join(', ')}`);
  if (value.channel === 'sms') return { channel: 'sms', to: phone(value.to, 'delivery.to') ?? fail('delivery.to is required for sms') };
  if (value.channel === 'email') {
    const to = text(value.to, 'delivery.to', { max: 320, required: true });
    if (!EMAIL.test(to ?? '')) throw new BadRequest('delivery.to must be an e-mail address');
    return { channel: 'email', to };
  }
  return { channel: value.channel };
}

export function mode(value) {
  if (value !== 'voice' && value !== 'chat') throw new BadRequest('mode must be "voice" or "chat"');
  return value;
}

function fail(message) {
  throw new BadRequest(message);
}
