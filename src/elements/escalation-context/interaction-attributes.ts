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

/** The interaction, or null when there is not enough to escalate (no id). */
export function resolveInteraction(property: Partial<Interaction> | undefined, fields: InteractionFields): Interaction | null {
  const merged: Partial<Interaction> = {
    ...property,
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
