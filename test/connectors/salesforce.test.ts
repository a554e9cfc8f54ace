import { expect } from '@open-wc/testing';
import { interactionFromSalesforceRecord, salesforceFieldsFor, type SalesforceRecord } from '../../src/connectors/salesforce.js';

/** A record as Lightning Data Service's getRecord answers it: each field `{ value, displayValue }`. */
function record(apiName: string, fields: Record<string, unknown>): SalesforceRecord {
  const wrap = (value: unknown): { value: unknown; displayValue: null } => ({ value, displayValue: null });
  return {
    apiName,
    id: '0LQ000000000001',
    fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, wrap(value)])),
  };
}

const related = (apiName: string, fields: Record<string, unknown>) => record(apiName, fields);

describe('Salesforce: a record as the interaction', () => {
  it('an inbound Voice Call: the telephony’s call id, voice, the caller’s number', () => {
    const call = record('VoiceCall', {
      VendorCallKey: 'call-2001',
      CallType: 'Inbound',
      FromPhoneNumber: '+15557654321',
      ToPhoneNumber: '+18005550100',
    });
    expect(interactionFromSalesforceRecord(call)).to.deep.equal({
      id: 'call-2001',
      channel: 'voice',
      customerPhone: '+15557654321',
    });
  });

  it('an outbound Voice Call: the called number; without a vendor key, the record id', () => {
    const call = record('VoiceCall', {
      VendorCallKey: null,
      CallType: 'Outbound',
      FromPhoneNumber: '+18005550100',
      ToPhoneNumber: '+15557654321',
    });
    expect(interactionFromSalesforceRecord(call)).to.include({ id: '0LQ000000000001', customerPhone: '+15557654321' });
  });

  it('a Messaging Session: chat, the end user’s name, their WhatsApp number', () => {
    const session = record('MessagingSession', {
      MessagingEndUser: related('MessagingEndUser', { Name: 'Lee Park', MessagingPlatformKey: 'whatsapp:+447700900123' }),
    });
    expect(interactionFromSalesforceRecord(session)).to.deep.equal({
      id: '0LQ000000000001',
      channel: 'chat',
      customerName: 'Lee Park',
      customerPhone: '+447700900123',
    });
  });

  it('reads the case through a lookup when told where, and asks getRecord for those fields', () => {
    const options = { caseNumberField: 'RelatedRecord.CaseNumber', issueField: 'RelatedRecord.Subject' };
    const call = record('VoiceCall', {
      VendorCallKey: 'call-2002',
      CallType: 'Inbound',
      FromPhoneNumber: '+15557654321',
      RelatedRecord: related('Case', { CaseNumber: '00001026', Subject: 'Router blinks red' }),
    });
    expect(interactionFromSalesforceRecord(call, options)).to.include({ caseNumber: '00001026', issue: 'Router blinks red' });
    expect(salesforceFieldsFor('VoiceCall', options)).to.deep.equal([
      'VoiceCall.VendorCallKey',
      'VoiceCall.CallType',
      'VoiceCall.FromPhoneNumber',
      'VoiceCall.ToPhoneNumber',
      'VoiceCall.RelatedRecord.CaseNumber',
      'VoiceCall.RelatedRecord.Subject',
    ]);
  });

  it('a record of another object is the host’s to map: a clear TypeError', () => {
    expect(() => interactionFromSalesforceRecord(record('Case', { CaseNumber: '1' }))).to.throw(
      TypeError,
      /a Case record is not a call/,
    );
  });
});
