// A stand-in escalation service for the demo page: answers after short, human-visible delays and
// puts the call in a loopback room (other tabs of this browser). The reference service over real
// HTTP, with Janus rooms, comes with the escalation issue.
import { fromPromise } from 'xstate';
import {
  escalationMachine,
  type CloseEscalationInput,
  type CreateEscalationInput,
  type DeliverLinkInput,
  type Escalation,
  type ExpertInvitation,
  type InviteExpertInput,
  type RemoveExpertInput,
} from '../src/index.js';
import { CODE_ALPHABET, CODE_LENGTH, formatCode } from '../src/protocol/index.js';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function guestCode(): string {
  const letters = Array.from(
    crypto.getRandomValues(new Uint8Array(CODE_LENGTH)),
    (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length],
  );
  return formatCode(letters.join(''));
}

export const demoMachine = escalationMachine.provide({
  actors: {
    createEscalation: fromPromise<Escalation, CreateEscalationInput>(async ({ input }) => {
      await wait(700);
      const code = guestCode();
      // The loopback adapter carries media between tabs of this browser: the room is a name.
      const room = `demo-${code}`;
      return {
        id: `demo-${input.idempotencyKey}`,
        host: { server: 'loopback', room, token: '' },
        guestCode: code,
        guestUrl: `${location.origin}/demo/guest.html?room=${room}`,
        expiresAt: Date.now() + 15 * 60_000,
      };
    }),
    deliverLink: fromPromise<void, DeliverLinkInput>(() => wait(500)),
    inviteExpert: fromPromise<ExpertInvitation, InviteExpertInput>(async () => {
      await wait(500);
      const code = `EXP${Math.floor(Math.random() * 1e6)}`;
      return { id: code, code, url: `${location.origin}/demo/guest.html`, expiresAt: Date.now() + 15 * 60_000 };
    }),
    removeExpert: fromPromise<void, RemoveExpertInput>(() => wait(300)),
    closeEscalation: fromPromise<void, CloseEscalationInput>(() => wait(300)),
  },
});
