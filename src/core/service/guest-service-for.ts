// The one client a guest page's elements share per service URL (the join card and the room it
// shows talk to the same service). Only the guest's routes: a guest page never loads the agent's.
import { GuestServiceClient } from './guest-client.js';

const clients = new Map<string, GuestServiceClient>();

export function guestServiceFor(url: string): GuestServiceClient {
  let client = clients.get(url);
  if (!client) clients.set(url, (client = new GuestServiceClient(url)));
  return client;
}
