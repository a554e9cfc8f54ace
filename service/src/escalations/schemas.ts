// The request bodies the service takes, as zod schemas: each refusal names the field and what is
// wrong with it. Text is bounded and free of control and text-direction characters.
import { z } from 'zod';
import {
  ASK_OUTCOMES,
  CALL_ASK_KINDS,
  E164,
  EMAIL,
  GUEST_REPORTS,
  MAX_SKILLS,
  SKILL,
  SNAPSHOT_IMAGE_TYPES,
  TEXT_LIMITS,
  UNSAFE_TEXT,
  type AskOutcome,
  type GuestReport,
  type RouteTypes,
  type SnapshotImageType,
} from '../../../src/protocol/index.js';
import { HttpError } from '../http/http-error.js';

/** Half of a character (a lone UTF-16 surrogate): not text, and PostgreSQL's JSON refuses it. */
const HALF_CHARACTER = /\p{Cs}/u;

function text(name: string, max: number) {
  return z
    .string({ error: `${name} must be a string` })
    .max(max, { error: `${name} is longer than ${max} characters` })
    .refine((value) => !UNSAFE_TEXT.test(value), { error: `${name} contains control or text-direction characters` })
    .refine((value) => !HALF_CHARACTER.test(value), { error: `${name} is not valid text (half of a character)` });
}

/** Empty strings count as absent. */
function optionalText(name: string, max: number) {
  return text(name, max)
    .optional()
    .transform((value) => (value === '' ? undefined : value));
}

export function phone(name: string) {
  return z
    .string({ error: `${name} must be a string` })
    .regex(E164, { error: `${name} must be an E.164 phone number such as +15551231234` });
}

function email(name: string) {
  return z
    .string({ error: `${name} must be a string` })
    .max(TEXT_LIMITS.email, { error: `${name} is longer than ${TEXT_LIMITS.email} characters` })
    .regex(EMAIL, { error: `${name} must be an e-mail address` })
    .refine((value) => !UNSAFE_TEXT.test(value) && !HALF_CHARACTER.test(value), {
      error: `${name} contains control or text-direction characters`,
    });
}

function object<Shape extends z.ZodRawShape>(name: string, shape: Shape) {
  return z.object(shape, { error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be an object`) });
}

const interaction = object('interaction', {
  id: text('interaction.id', TEXT_LIMITS.interactionId).min(1, { error: 'interaction.id is required' }),
  channel: z.enum(['voice', 'chat'], { error: 'interaction.channel must be "voice" or "chat"' }),
  customerName: optionalText('interaction.customerName', TEXT_LIMITS.name),
  customerPhone: phone('interaction.customerPhone').optional(),
  customerEmail: email('interaction.customerEmail').optional(),
  caseNumber: optionalText('interaction.caseNumber', TEXT_LIMITS.caseNumber),
  issue: optionalText('interaction.issue', TEXT_LIMITS.issue),
  notes: optionalText('interaction.notes', TEXT_LIMITS.notes),
});

function delivery(name: string) {
  const channel = z.enum(['sms', 'email', 'chat', 'host'], { error: `${name}.channel must be one of sms, email, chat, host` });
  return object(name, { channel, to: z.unknown().optional() }).transform((value, context) => {
    if (value.channel === 'chat' || value.channel === 'host') return { channel: value.channel };
    if (value.to === undefined) return { channel: value.channel };
    const to = (value.channel === 'sms' ? phone(`${name}.to`) : email(`${name}.to`)).safeParse(value.to);
    if (to.success) return { channel: value.channel, to: to.data };
    context.addIssue({ code: 'custom', message: to.error.issues[0]!.message, path: ['to'] });
    return z.NEVER;
  });
}

/** The longest note an agent keeps with a still. */
export const SNAPSHOT_NOTE_LIMIT = 280;
/** The most marks an agent draws on one still. */
export const SNAPSHOT_MARKS_LIMIT = 20;
/** The widest and tallest still taken (a camera's full resolution is well within it). */
export const SNAPSHOT_SIDE_LIMIT = 8192;

function number(name: string) {
  return z.number({ error: `${name} must be a finite number` });
}

const facing = (name: string) => z.enum(['user', 'environment'], { error: `${name} must be "user" or "environment"` });

const side = (name: string) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(1, { error: `${name} must be at least 1` })
    .max(SNAPSHOT_SIDE_LIMIT, { error: `${name} must be at most ${SNAPSHOT_SIDE_LIMIT}` });

const point = (name: string) => z.tuple([number(`${name}[0]`), number(`${name}[1]`)], { error: `${name} must be [x, y]` });

const mark = z.discriminatedUnion(
  'shape',
  [
    object('a mark', { shape: z.literal('arrow'), from: point('an arrow’s from'), to: point('an arrow’s to') }),
    object('a mark', {
      shape: z.literal('circle'),
      center: point('a circle’s center'),
      radius: number('a circle’s radius').positive({ error: 'a circle’s radius must be more than 0' }),
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'each mark is an arrow or a circle' : undefined) },
);

const zoom = object('zoom', {
  min: number('zoom.min'),
  max: number('zoom.max'),
  step: number('zoom.step'),
  level: number('zoom.level'),
})
  .refine((value) => value.step > 0, { error: 'zoom.step must be more than 0' })
  .refine((value) => value.min <= value.level && value.level <= value.max, {
    error: 'zoom.level must be within zoom.min and zoom.max',
  });

function skill(name: string) {
  return z
    .string({ error: `${name} must be a string` })
    .regex(SKILL, { error: `${name} must be 1–40 lower-case letters, digits and dashes, starting with a letter or digit` });
}

export const schemas = {
  createEscalation: object('the request', {
    interaction,
    delivery: delivery('delivery'),
    mode: z.enum(['voice', 'chat'], { error: 'mode must be "voice" or "chat"' }),
    consult: z.boolean({ error: 'consult must be true or false' }).optional(),
  }),
  claimEscalation: object('the request', {
    interactionId: text('interactionId', TEXT_LIMITS.interactionId).min(1, { error: 'interactionId is required' }),
  }),
  deliverLink: delivery('the delivery'),
  inviteExpert: object('the invite', {
    address: text('address', TEXT_LIMITS.email).min(1, { error: 'address is required' }),
    name: optionalText('name', TEXT_LIMITS.name),
    shareCase: z.boolean({ error: 'shareCase must be true or false' }).optional(),
  }),
  redeem: object('the request', { code: text('code', 64).min(1, { error: 'code is required' }) }),
  guestProgress: object('the report', {
    report: z.enum(GUEST_REPORTS as unknown as [GuestReport, ...GuestReport[]], {
      error: `report must be one of ${GUEST_REPORTS.join(', ')}`,
    }),
  }),
  guestRating: object('the rating', {
    score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
      error: 'score must be a whole number from 1 to 5',
    }),
    comment: optionalText('comment', TEXT_LIMITS.comment),
  }),
  guestCallback: object('the request', { phone: phone('phone') }),
  guestNewLink: object('the request', { reason: optionalText('reason', TEXT_LIMITS.reason) }),
  askGuest: z.discriminatedUnion(
    'kind',
    [
      object('the ask', { kind: z.literal('snapshot') }),
      object('the ask', { kind: z.literal('camera'), facing: facing('facing') }),
      object('the ask', { kind: z.literal('torch'), on: z.boolean({ error: 'on must be true or false' }) }),
      object('the ask', { kind: z.literal('zoom'), level: number('level') }),
    ],
    {
      error: (issue) =>
        issue.code !== 'invalid_union'
          ? undefined
          : (issue.input as { kind?: unknown } | undefined)?.kind === 'recording'
            ? 'consent to record is asked with POST /escalations/{id}/recording, not as an ask'
            : `kind must be one of ${CALL_ASK_KINDS.join(', ')}`,
    },
  ),
  recording: object('the request', {
    action: z.enum(['start', 'stop'], { error: 'action must be "start" or "stop"' }),
  }),
  requestExpert: object('the request', {
    skill: skill('skill'),
    shareCase: z.boolean({ error: 'shareCase must be true or false' }).optional(),
  }),
  declineExpert: object('the decline', {
    reason: text('reason', TEXT_LIMITS.reason).refine((value) => value.trim() !== '', {
      error: 'reason is required: the expert reads why',
    }),
  }),
  setPresence: object('the presence', {
    available: z.boolean({ error: 'available must be true or false' }),
    skills: z
      .array(skill('each skill'), { error: 'skills must be a list' })
      .max(MAX_SKILLS, { error: `skills has at most ${MAX_SKILLS} entries` }),
  }),
  guestAnswer: object('the answer', {
    outcome: z.enum(ASK_OUTCOMES as unknown as [AskOutcome, ...AskOutcome[]], {
      error: `outcome must be one of ${ASK_OUTCOMES.join(', ')}`,
    }),
  }),
  guestSnapshot: object('the still', {
    ask: text('ask', 64).min(1, { error: 'ask is required' }),
    type: z.enum(SNAPSHOT_IMAGE_TYPES as unknown as [SnapshotImageType, ...SnapshotImageType[]], {
      error: `type must be one of ${SNAPSHOT_IMAGE_TYPES.join(', ')}`,
    }),
    // Its size is checked once decoded (a 413, as for any body too large).
    image: z.string({ error: 'image must be a base64 string' }).min(1, { error: 'image is required' }),
    width: side('width'),
    height: side('height'),
  }),
  guestCamera: object('the camera', {
    facings: z
      .array(facing('each of facings'), { error: 'facings must be a list' })
      .max(2, { error: 'facings has at most 2 entries' })
      .refine((facings) => new Set(facings).size === facings.length, { error: 'facings names each way once' }),
    facing: facing('facing').nullable(),
    torch: object('torch', { on: z.boolean({ error: 'torch.on must be true or false' }) }).nullable(),
    zoom: zoom.nullable(),
  }),
  saveSnapshot: object('the still', {
    marks: z
      .array(mark, { error: 'marks must be a list' })
      .max(SNAPSHOT_MARKS_LIMIT, { error: `a still has at most ${SNAPSHOT_MARKS_LIMIT} marks` }),
    note: text('note', SNAPSHOT_NOTE_LIMIT),
  }),
};

type Parsed<Name extends keyof typeof schemas> = z.output<(typeof schemas)[Name]>;

/** Checks a body against its route's schema; a refusal is a 400 naming the field. */
export function parse<Name extends keyof typeof schemas>(name: Name, body: unknown): Parsed<Name> {
  const result = schemas[name].safeParse(body);
  if (result.success) return result.data as Parsed<Name>;
  throw new HttpError('bad-request', result.error.issues[0]?.message ?? 'the request is not valid');
}

// The schemas must accept what the protocol says each route takes (but consent to record, which
// only the recording route asks).
type Accepts<Name extends keyof typeof schemas & keyof RouteTypes> =
  Exclude<RouteTypes[Name]['body'], { kind: 'recording' }> extends z.input<(typeof schemas)[Name]> ? true : never;
export const schemasMatchProtocol: [
  Accepts<'createEscalation'>,
  Accepts<'claimEscalation'>,
  Accepts<'deliverLink'>,
  Accepts<'inviteExpert'>,
  Accepts<'redeem'>,
  Accepts<'guestRating'>,
  Accepts<'guestCallback'>,
  Accepts<'guestNewLink'>,
  Accepts<'askGuest'>,
  Accepts<'guestAnswer'>,
  Accepts<'guestSnapshot'>,
  Accepts<'guestCamera'>,
  Accepts<'saveSnapshot'>,
  Accepts<'recording'>,
  Accepts<'requestExpert'>,
  Accepts<'declineExpert'>,
  Accepts<'setPresence'>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
