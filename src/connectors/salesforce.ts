// A Salesforce record (a Voice Call or a Messaging Session, as Lightning Data Service's getRecord
// gives it) as the interaction an <escalation-context> is about, for the Lightning Web Component
// recipe in src/connectors/salesforce/.
import type { Interaction } from '../core/machine/types.js';
import { e164, known, text } from './task-target.js';

/** A field of a getRecord answer: its value, which for a lookup is the related record. */
export interface SalesforceField {
  value: unknown;
}

/** A record as `getRecord` from `lightning/uiRecordApi` answers it (`{ apiName, id, fields }`). */
export interface SalesforceRecord {
  apiName: string;
  id: string;
  fields: Record<string, SalesforceField | undefined>;
}

export interface SalesforceRecordOptions {
  /** The field path of the case number, e.g. `RelatedRecord.CaseNumber` (a lookup, then its field). */
  caseNumberField?: string;
  /** The field path of the issue, e.g. `RelatedRecord.Subject`. */
  issueField?: string;
}

/** The fields `interactionFromSalesforceRecord` reads, to ask `getRecord` for (`VoiceCall.FromPhoneNumber`, …). */
export function salesforceFieldsFor(apiName: 'VoiceCall' | 'MessagingSession', options: SalesforceRecordOptions = {}): string[] {
  const own =
    apiName === 'VoiceCall'
      ? ['VendorCallKey', 'CallType', 'FromPhoneNumber', 'ToPhoneNumber']
      : ['MessagingEndUser.Name', 'MessagingEndUser.MessagingPlatformKey'];
  return [...own, options.caseNumberField, options.issueField]
    .filter((path): path is string => Boolean(path))
    .map((path) => `${apiName}.${path}`);
}

/** A field's value along a path (`MessagingEndUser.Name`: the lookup's record, then its field). */
function valueAt(record: SalesforceRecord, path: string | undefined): unknown {
  if (!path) return undefined;
  let current: SalesforceRecord | undefined = record;
  const names = path.split('.');
  for (const [index, name] of names.entries()) {
    const value: unknown = current?.fields?.[name]?.value;
    if (index === names.length - 1) return value;
    current = typeof value === 'object' && value !== null && 'fields' in value ? (value as SalesforceRecord) : undefined;
  }
  return undefined;
}

/**
 * The interaction a Voice Call or Messaging Session record describes. A Voice Call is kept under
 * its `VendorCallKey` (the telephony's own call id, which a contact-center flow that started the
 * escalation knows), else the record id; the customer's number is the caller's on an inbound call
 * and the called one on an outbound call.
 *
 * @throws TypeError for a record of another object: what it means as an interaction is the host's call.
 */
export function interactionFromSalesforceRecord(
  record: SalesforceRecord,
  options: SalesforceRecordOptions = {},
): Partial<Interaction> {
  const common = {
    caseNumber: text(valueAt(record, options.caseNumberField)),
    issue: text(valueAt(record, options.issueField)),
  };
  if (record?.apiName === 'VoiceCall') {
    const outbound = valueAt(record, 'CallType') === 'Outbound';
    return known({
      id: text(valueAt(record, 'VendorCallKey')) ?? record.id,
      channel: 'voice',
      customerPhone: e164(valueAt(record, outbound ? 'ToPhoneNumber' : 'FromPhoneNumber')),
      ...common,
    });
  }
  if (record?.apiName === 'MessagingSession') {
    return known({
      id: record.id,
      channel: 'chat',
      customerName: text(valueAt(record, 'MessagingEndUser.Name')),
      // An SMS or WhatsApp end user's key is their number; a web chat's is not, and is left out.
      customerPhone: e164(text(valueAt(record, 'MessagingEndUser.MessagingPlatformKey'))?.replace(/^whatsapp:/i, '')),
      ...common,
    });
  }
  throw new TypeError(
    `interactionFromSalesforceRecord: a ${String(record?.apiName)} record is not a call or a messaging session`,
  );
}
