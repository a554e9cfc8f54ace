// Which client a request comes from, for throttling: the socket's address, or the address a
// trusted proxy forwarded (only proxies the operator named count). IPv6 clients count per /64,
// the block one household or phone usually gets, so rotating addresses within it does not help.
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

export type ClientAddressOf = (request: IncomingMessage) => string;

/** `trustedProxies`: addresses or CIDR blocks (or `loopback`, `uniquelocal`); none by default. */
export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddressOf {
  const trust = proxyAddr.compile([...trustedProxies]);
  return (request) => throttleKey(proxyAddr(request, trust));
}

export function throttleKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}
