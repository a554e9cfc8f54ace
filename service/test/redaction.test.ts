// The PCI/PII masking module against a corpus: real-shaped values (spaced, dashed, in sentences,
// several at once, either case) masked exactly, and look-alikes (failing checksums, dates, amounts,
// references, times, versions, addresses) left alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact, redactFields, type RedactionKind } from '../src/redaction/redact.js';

const VISA = '•••• •••• •••• 1111';
const MASTERCARD = '•••• •••• •••• 4444';
const AMEX = '•••• •••• •••• 0005';
const DE_IBAN = 'DE•• •••• 3000';
const GB_IBAN = 'GB•• •••• 5432';
const ID = '[national id]';

/** [input, masked text, kinds in the order they appear]. */
const MASKED: readonly (readonly [string, string, readonly RedactionKind[]])[] = [
  // Cards: only Luhn-valid digits, any single-space or dash grouping, last 4 kept.
  ['4111111111111111', VISA, ['card']],
  ['4111 1111 1111 1111', VISA, ['card']],
  ['4111-1111-1111-1111', VISA, ['card']],
  ['My card is 4111 1111 1111 1111, expiry next year.', `My card is ${VISA}, expiry next year.`, ['card']],
  ['mc 5555555555554444 and visa 4111-1111-1111-1111 ok', `mc ${MASTERCARD} and visa ${VISA} ok`, ['card']],
  ['Amex 378282246310005.', `Amex ${AMEX}.`, ['card']],
  ['Amex 3782 822463 10005', `Amex ${AMEX}`, ['card']],
  ['order 12 4111 1111 1111 1111', `order 12 ${VISA}`, ['card']],
  ['card:5555-5555-5555-4444;', `card:${MASTERCARD};`, ['card']],
  // IBANs: mod-97 valid, spaced or not, either case; country code and last 4 kept.
  ['DE89370400440532013000', DE_IBAN, ['iban']],
  ['IBAN: DE89 3704 0044 0532 0130 00.', `IBAN: ${DE_IBAN}.`, ['iban']],
  ['de89 3704 0044 0532 0130 00 thanks', `${DE_IBAN} thanks`, ['iban']],
  ['GB82WEST12345698765432', GB_IBAN, ['iban']],
  ['pay to gb82 west 1234 5698 7654 32 today', `pay to ${GB_IBAN} today`, ['iban']],
  ['BE68 5390 0754 7034 and that is all', 'BE•• •••• 7034 and that is all', ['iban']],
  ['ref AB12 DE89 3704 0044 0532 0130 00', `ref AB12 ${DE_IBAN}`, ['iban']],
  // National ids (defaults): US SSN dashed or spaced, UK National Insurance number.
  ['SSN 123-45-6789', `SSN ${ID}`, ['national-id']],
  ['ssn 123 45 6789 on file', `ssn ${ID} on file`, ['national-id']],
  ['NI number QQ 12 34 56 C', `NI number ${ID}`, ['national-id']],
  ['ni qq123456c.', `ni ${ID}.`, ['national-id']],
  // E-mail: only the domain stays.
  ['john.doe+billing@example.com', '•••@example.com', ['email']],
  ['Write to a.b@mail.example.co.uk, or c@d.org.', 'Write to •••@mail.example.co.uk, or •••@d.org.', ['email']],
  // Phones: 7 to 15 digits in E.164 or a written form; last 2 kept.
  ['+15551234567', '•••••••67', ['phone']],
  ['Call +1 (555) 123-4567 after 5', 'Call •••••••67 after 5', ['phone']],
  ['555-123-4567', '•••••••67', ['phone']],
  ['(555) 123 4567', '•••••••67', ['phone']],
  ['(555)123-4567 or 555.123.4567', '•••••••67 or •••••••67', ['phone']],
  ['London +44 20 7946 0958.', 'London •••••••58.', ['phone']],
  ['UK 020 7946 0958, mobile 07946 095812', 'UK •••••••58, mobile •••••••12', ['phone']],
  ['tel:+15551234567', 'tel:•••••••67', ['phone']],
  ['local 555-1234', 'local •••••••34', ['phone']],
  // Several kinds at once, in order of appearance; cards before phones.
  [
    'Email a@b.io or call 555-123-4567, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32',
    `Email •••@b.io or call •••••••67, card ${VISA}, IBAN ${GB_IBAN}`,
    ['email', 'phone', 'card', 'iban'],
  ],
  ['phone +1 555 123 4567 card 378282246310005', `phone •••••••67 card ${AMEX}`, ['phone', 'card']],
  ['SSN 123-45-6789, DE89370400440532013000', `SSN ${ID}, ${DE_IBAN}`, ['national-id', 'iban']],
  [
    'On 2026-12-01 at 10:30 jane@example.com paid $1,234.56 with 5555555555554444 for order #48213',
    `On 2026-12-01 at 10:30 •••@example.com paid $1,234.56 with ${MASTERCARD} for order #48213`,
    ['email', 'card'],
  ],
];

/** Values that only look like the above: kept as they are. */
const LOOK_ALIKES: readonly string[] = [
  '4111111111111112', // 16 digits, Luhn fails
  '4111 1111 1111 1112',
  '4111-1111-1111-1112',
  'tracking 1234567890123',
  '0000 0000 0000 0000',
  '1Z999AA10123456784',
  'DE89370400440532013001', // IBAN-shaped, mod-97 fails
  'DE89 3704 0044 0532 0130 01',
  'gb82west12345698765431',
  '2026-12-01',
  '01/12/2026',
  '12.03.2026',
  'Ref 2026-12-01T10:30:00Z',
  'at 10:30',
  '$1,234.56',
  '1 234,56 €',
  '1.234.567,00 €',
  '12 345 678 €',
  '2,500,000',
  'order 48213',
  'order 482135',
  'order 12345678',
  'CASE-12345',
  'CASE-1234567',
  'ticket #48213',
  'v2.10.3',
  '192.168.1.1',
  'ping @handle',
  'me@home',
  '000-12-3456',
  'on 2026-12-01 at 10:30 paid $1,234.56 for order #48213 (CASE-12345, v2.10.3, 192.168.1.1)',
];

describe('redact: real-shaped values', () => {
  for (const [input, text, kinds] of MASKED) {
    it(input, () => assert.deepEqual(redact(input), { text, kinds }));
  }
});

describe('redact: look-alikes stay', () => {
  for (const input of LOOK_ALIKES) {
    it(input, () => assert.deepEqual(redact(input), { text: input, kinds: [] }));
  }
});

describe('redact: rules', () => {
  it('masks a configured national-id pattern, in place of the defaults', () => {
    const rules = { nationalIdPatterns: [String.raw`\bID-\d{6}\b`] };
    assert.deepEqual(redact('Customer ID-123456, SSN 123-45-6789', rules), {
      text: `Customer ${ID}, SSN 123-45-6789`,
      kinds: ['national-id'],
    });
    assert.deepEqual(redact('Customer ID-123456'), { text: 'Customer ID-123456', kinds: [] });
  });

  it('never lets a configured pattern reach into a value already masked', () => {
    const rules = { nationalIdPatterns: [String.raw`\d{4}`] };
    assert.deepEqual(redact('card 4111 1111 1111 1111, code 9876', rules), {
      text: `card ${VISA}, code ${ID}`,
      kinds: ['card', 'national-id'],
    });
  });
});

describe('redactFields', () => {
  it('masks string values only, and keeps the rest', () => {
    const nested = { note: 'call 555-123-4567' };
    const fields = { name: 'Jo', email: 'jo@example.com', note: 'card 4111111111111111', age: 41, vip: true, none: null, nested };
    const result = redactFields(fields);
    assert.deepEqual(result, {
      fields: { name: 'Jo', email: '•••@example.com', note: `card ${VISA}`, age: 41, vip: true, none: null, nested },
      kinds: ['email', 'card'],
    });
    assert.equal(result.fields.nested, nested);
    assert.equal(fields.email, 'jo@example.com', 'the input is not changed');
  });
});
