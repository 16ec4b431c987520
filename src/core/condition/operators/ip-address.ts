import ipaddr from 'ipaddr.js';
import type { IPv4, IPv6 } from 'ipaddr.js';
import type { ValueOperator } from '../registry.js';

/**
 * `IpAddress` (and, negated, `NotIpAddress`): policy values are IPv4 or IPv6 CIDR ranges; an address
 * without a prefix means `/32` (IPv4) or `/128` (IPv6) (IAM User Guide, "Condition operators", IP
 * address condition operators). An IPv4 address never falls in an IPv6 range or the reverse. No
 * policy variables.
 */

type Address = IPv4 | IPv6;

/** Parses a dotted-quad IPv4 or an IPv6 address; undefined otherwise (no `127.1`-style shorthands). */
export function parseAddress(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

const PREFIX = /^\d{1,3}$/;

/** Parses `address[/prefix]` into a network and prefix length; undefined when invalid. */
export function parseRange(text: string): [Address, number] | undefined {
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) return [address, max];
  const prefix = text.slice(slash + 1);
  if (!PREFIX.test(prefix) || Number(prefix) > max) return undefined;
  return [address, Number(prefix)];
}

/** `IpAddress`; ranges are parsed once. */
export const IP_ADDRESS: ValueOperator<Address> = {
  variables: false,
  request: parseAddress,
  policy: (t) => {
    const range = parseRange(t.source);
    if (range === undefined) return () => false;
    const [network, bits] = range;
    return (request) => request.kind() === network.kind() && request.match(network, bits);
  },
};
