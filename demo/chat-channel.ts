// The demo's chat between the agent's desk and the customer's chat widget, two tabs of one
// browser: what a chat platform would carry between them, here a BroadcastChannel.

export interface ChatMessage {
  from: 'agent' | 'customer';
  text: string;
  /** The agent's video link (its URL and short code), which the customer's chat shows as a join card. */
  link?: { url: string; code: string };
}

const channel = new BroadcastChannel('escalate-video-demo-chat');

export function postChat(message: ChatMessage): void {
  channel.postMessage(message);
}

export function onChat(listener: (message: ChatMessage) => void): void {
  channel.addEventListener('message', (event: MessageEvent<ChatMessage>) => listener(event.data));
}
