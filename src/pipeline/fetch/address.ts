import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

// Which addresses a fetch may reach. A feed (or an image it names) must not
// make the server fetch from the machine itself, the local network or a cloud
// metadata service: only ordinary unicast addresses are public. IPv4-mapped
// IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries.

/** The ipaddr.js range of an address (`unicast`, `loopback`, `private`, `linkLocal`, …), null when it is not an IP address. */
export function addressRange(address: string): string | null {
  try {
    return ipaddr.process(address.replace(/^\[|\]$/g, '')).range();
  } catch {
    return null;
  }
}

export const PUBLIC_RANGE = 'unicast';

export type AddressRefusal = { code: 'address_private'; message: string };

/**
 * Null when `address` (what `host` resolved to) may be reached: a public
 * address, or one of a range the operator chose by configuring a feed on it.
 */
export function refuseAddress(host: string, address: string, permitted: ReadonlySet<string>): AddressRefusal | null {
  const range = addressRange(address);
  if (range === PUBLIC_RANGE || (range !== null && permitted.has(range))) return null;
  const what = host === address ? `${address} is` : `${host} resolves to ${address},`;
  return { code: 'address_private', message: `${what} ${range === null ? 'not an IP address' : `a ${range} address`}: only public addresses are fetched` };
}

export const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
export const isAddressLiteral = (host: string): boolean => isIP(host) !== 0;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for undici's connector that refuses a host unless every address
 * it resolves to passes `judge`: the address connected to is the one checked,
 * so a name that re-resolves to 127.0.0.1 between a check and the connect is
 * refused too.
 */
export function checkedLookup(judge: (hostname: string, address: string) => { code: string; message: string } | null) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const entry of addresses) {
        const refusal = judge(hostname.toLowerCase(), entry.address);
        if (refusal !== null) return callback(Object.assign(new Error(refusal.message), { code: refusal.code }), []);
      }
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}
