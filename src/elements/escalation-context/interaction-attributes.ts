// The interaction an <escalation-context> is about, from whichever form the host gives it: a
// property, one JSON attribute, or one attribute per field. Bad JSON is reported, not thrown.
import { logger } from '../../core/logger.js';
import type { Interaction } from '../../core/machine/types.js';

export interface InteractionFields {
  interactionId: string;
  channel: string;
  customerName: string;
  customerPhone: string;
  caseNumber: string;
  issue: string;
}

export function parseInteractionJson(json: string | null): Partial<Interaction> | undefined {
  if (!json) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null) return parsed as Partial<Interaction>;
  } catch (error) {
    logger.error(`escalation-context: the interaction attribute is not JSON: ${(error as Error).message}`);
  }
  return undefined;
}

/** Host objects already reported: the interaction is resolved at every update, the error said once. */
const reported = new WeakSet<object>();

const TEXT_FIELDS = ['id', 'customerName', 'customerPhone', 'customerEmail', 'caseNumber', 'issue', 'notes'] as const;

/**
 * The host's interaction object, keeping only what is text. A field that is not (an object, a
 * symbol, a value whose conversion throws) is left out with a console error naming it, so one bad
 * value never blanks the agent's widget. Numbers (a numeric case id) are taken as text.
 */
function textFieldsOf(property: Partial<Interaction> | undefined): Partial<Interaction> {
  if (typeof property !== 'object' || property === null) return {};
  const kept: Partial<Interaction> = {};
  const notText: string[] = [];
  for (const name of TEXT_FIELDS) {
    const value: unknown = (property as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') kept[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) kept[name] = String(value);
    else notText.push(`"${name}" (${typeof value})`);
  }
  if (notText.length && !reported.has(property)) {
    reported.add(property);
    logger.error(`escalation-context: the interaction's ${notText.join(', ')} is not text; left out`);
  }
  const channel = (property as Record<string, unknown>).channel;
  if (channel === 'voice' || channel === 'chat') kept.channel = channel;
  return kept;
}

/** The interaction, or null when there is not enough to escalate (no id). */
export function resolveInteraction(property: Partial<Interaction> | undefined, fields: InteractionFields): Interaction | null {
  const merged: Partial<Interaction> = {
    ...textFieldsOf(property),
    ...(fields.interactionId ? { id: fields.interactionId } : {}),
    ...(fields.channel === 'voice' || fields.channel === 'chat' ? { channel: fields.channel } : {}),
    ...(fields.customerName ? { customerName: fields.customerName } : {}),
    ...(fields.customerPhone ? { customerPhone: fields.customerPhone } : {}),
    ...(fields.caseNumber ? { caseNumber: fields.caseNumber } : {}),
    ...(fields.issue ? { issue: fields.issue } : {}),
  };
  if (!merged.id) return null;
  return { channel: 'voice', ...merged, id: merged.id };
}
