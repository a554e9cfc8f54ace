// Type-level test of escalate-video/react (checked by `tsc -p tsconfig.test.json`, never run): the
// tags take their properties and `on<event-name>` handlers as React 19 binds them, and refuse
// what React would not deliver.
import { useRef } from 'react';
import type {} from '../../src/frameworks/react.js';
import type { EscalationContextElement, EscalationLinkEvent, VideoRoomElement } from '../../src/index.js';

export function AgentDesk({ token, onLink }: { token: string; onLink: (event: EscalationLinkEvent) => void }) {
  const room = useRef<VideoRoomElement>(null);
  return (
    <escalation-context
      mode="chat"
      serviceUrl="https://escalations.example.com"
      token={token}
      getToken={async (reason) => (reason === 'refused' ? '' : token)}
      joinTimeout={180}
      interaction={{ id: 'call-42', channel: 'chat' }}
      noCasePanel
      className="escalation"
      onescalation-link={onLink}
      onescalation-fallback={(event) => {
        const reason: string = event.detail.reason;
        const element: EscalationContextElement = event.currentTarget;
        element.send({ type: 'WRAPUP' });
        return reason;
      }}
      onescalation-state-changeCapture={(event) => event.detail.to}
    >
      <escalate-button />
      <video-room
        ref={room}
        noVideo={false}
        iceServers={[{ urls: 'stun:stun.example.com' }]}
        onescalation-room-joined={(event) => event.detail.participantId}
        ondevice-check-result={(event) => event.detail.recommendAudioOnly}
      />
    </escalation-context>
  );
}

export function GuestPage() {
  return (
    <escalation-join-card
      code="ACD-EFH-JKM"
      serviceUrl="https://escalations.example.com"
      fill
      onescalation-new-link-request={(event) => event.detail.code}
      onescalation-room-joined={(event) => event.detail.room}
    >
      <device-check compact ondevice-check-result={(event) => event.detail.reasons.length} />
    </escalation-join-card>
  );
}

export const wrong = [
  // @ts-expect-error `joinTimeout` is a number of seconds, not a string
  <escalation-context joinTimeout="180" />,
  // @ts-expect-error `mode` is 'voice' or 'chat'
  <escalation-context mode="video" />,
  // @ts-expect-error `state` is reported by the element, not set on it
  <escalation-context state="idle" />,
  // @ts-expect-error `actor` is read-only
  <escalation-context actor={undefined} />,
  // @ts-expect-error a method is not a prop
  <video-room join={() => undefined} />,
  // @ts-expect-error React would listen for an `EscalationLink` event, which nothing dispatches
  <escalation-context onEscalationLink={() => undefined} />,
  // @ts-expect-error the link event carries a url, not a reason
  <escalation-context onescalation-link={(event) => event.detail.reason} />,
  // @ts-expect-error a handler written for another event
  <video-room onescalation-room-joined={(event: EscalationLinkEvent) => event.detail.url} />,
  // @ts-expect-error <escalate-button> has no properties of its own
  <escalate-button mode="voice" />,
];
