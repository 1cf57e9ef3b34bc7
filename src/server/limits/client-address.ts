import { isIP, isIPv4 } from 'node:net';

/**
 * The address rate limits count a client by. The socket's remote address, unless `trustProxy`
 * proxies stand in front of the server (TRUST_PROXY): then the address that many hops back in
 * `X-Forwarded-For` (each proxy appends the address it heard from, so entries further left are
 * whatever the client wrote). An IPv6 client is counted by its /64, which one subscriber holds whole.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | null | undefined, trustProxy: number): string {
  const socket = normalise(socketAddress);
  if (!socket) return 'local';
  if (trustProxy <= 0 || !forwardedFor) return socket;
  const chain = [...forwardedFor.split(',').map((a) => a.trim()).filter(Boolean), socket];
  // Fewer hops than proxies: the leftmost is the furthest any proxy saw.
  const candidate = chain[Math.max(0, chain.length - 1 - trustProxy)];
  return normalise(candidate) ?? socket;
}

function normalise(address: string | undefined): string | undefined {
  if (!address) return undefined;
  let a = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) a = mapped[1]!;
  if (isIPv4(a)) return a;
  if (isIP(a) !== 6) return undefined;
  return `${expandIPv6(a).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address (without a zone; an embedded IPv4 tail becomes two groups). */
function expandIPv6(address: string): string[] {
  let a = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) {
    const [b0, b1, b2, b3] = v4.slice(1).map(Number) as [number, number, number, number];
    a = `${a.slice(0, v4.index)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head, tail] = a.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => (g.replace(/^0+(?=.)/, '') || '0'));
}
