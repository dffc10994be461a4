import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { PermanentError, TransientError } from '../../domain/errors.js';

/** Why a URL was refused; stable values, safe to log and show to the subscriber. */
export type UnsafeUrlReason =
  | 'invalid_url'
  | 'scheme_not_allowed'
  | 'port_not_allowed'
  | 'credentials_in_url'
  | 'unresolvable_host'
  | 'cloud_metadata'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'carrier_grade_nat'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'unique_local'
  | 'ipv4_mapped'
  | 'ipv4_compatible'
  | 'nat64_embedded'
  | '6to4_embedded'
  | 'teredo'
  | 'not_global_unicast';

/** An outbound URL points somewhere the hub must not call (SSRF guard). Not retryable. */
export class UnsafeUrlError extends PermanentError {
  readonly reason: UnsafeUrlReason;
  constructor(reason: UnsafeUrlReason, message: string) {
    super('unsafe_url', message, { details: { reason } });
    this.reason = reason;
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Port for name resolution: every address the host resolves to. Tests inject a fake. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The real resolver: `dns.lookup` with `all: true` (what sockets would use). */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

/** Ports an outbound call may use while the loopback allowance is off. */
export const DEFAULT_OUTBOUND_PORTS: readonly number[] = [443];

/**
 * Where the hub may call. Outside the local stage: https only, public addresses only, ports from
 * `allowedPorts`. The loopback allowance (local runs and tests, whose sandboxes listen on
 * 127.0.0.1 with random ports) adds http and loopback addresses and lifts the port list.
 */
export interface OutboundPolicy {
  /** Loopback allowance: http(s) to 127.0.0.1 / ::1 / localhost, any port. Never on in AWS. */
  allowLoopback: boolean;
  /** Ports allowed while `allowLoopback` is off; default {@link DEFAULT_OUTBOUND_PORTS}. */
  allowedPorts?: readonly number[];
}

export interface SafeUrlOptions extends OutboundPolicy {
  resolve?: Resolver;
}

/** A URL that passed the guard and the addresses it may be connected to. */
export interface VettedUrl {
  url: URL;
  /** Hostname without IPv6 brackets. */
  hostname: string;
  addresses: ResolvedAddress[];
}

const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

const V4_REASONS: Record<string, UnsafeUrlReason> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link_local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier_grade_nat',
  private: 'private',
};

const V6_REASONS: Record<string, UnsafeUrlReason> = {
  unspecified: 'unspecified',
  linkLocal: 'link_local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'unique_local',
  ipv4Mapped: 'ipv4_mapped',
  rfc6145: 'ipv4_mapped',
  teredo: 'teredo',
};

const classifyV4 = (ip: ipaddr.IPv4, allowLoopback: boolean): UnsafeUrlReason | undefined => {
  if (METADATA.has(ip.toString())) return 'cloud_metadata';
  const range = ip.range();
  if (range === 'unicast') return undefined;
  if (range === 'loopback' && allowLoopback) return undefined;
  return V4_REASONS[range] ?? 'reserved';
};

const embeddedV4 = (ip: ipaddr.IPv6, firstByte: number): ipaddr.IPv4 =>
  new ipaddr.IPv4(ip.toByteArray().slice(firstByte, firstByte + 4));

const classifyV6 = (ip: ipaddr.IPv6, allowLoopback: boolean): UnsafeUrlReason | undefined => {
  if (METADATA.has(ip.toString())) return 'cloud_metadata';
  const range = ip.range();
  if (range === 'loopback') return allowLoopback ? undefined : 'loopback';
  const bytes = ip.toByteArray();
  if (range !== 'unspecified' && bytes.slice(0, 12).every((b) => b === 0)) return 'ipv4_compatible';
  if (range === 'rfc6052') return classifyV4(embeddedV4(ip, 12), false) === undefined ? undefined : 'nat64_embedded';
  if (range === '6to4') return classifyV4(embeddedV4(ip, 2), false) === undefined ? undefined : '6to4_embedded';
  const named = V6_REASONS[range];
  if (named) return named;
  if (range !== 'unicast') return 'reserved';
  return (bytes[0] ?? 0) >> 5 === 0b001 ? undefined : 'not_global_unicast';
};

/**
 * Classifies one IP address: undefined when the hub may connect to it, otherwise the reason.
 * Refuses private, loopback (unless allowed), link-local, CGNAT, cloud metadata, 0/8, multicast,
 * broadcast, reserved, unique-local, IPv4-mapped/compatible, NAT64 or 6to4 embedding a refused
 * IPv4, Teredo, and any IPv6 outside global unicast 2000::/3.
 * @example unsafeAddressReason('10.1.2.3', false) // 'private'
 */
export const unsafeAddressReason = (address: string, allowLoopback: boolean): UnsafeUrlReason | undefined => {
  if (!ipaddr.isValid(address)) return 'invalid_url';
  const ip = ipaddr.parse(address);
  return ip.kind() === 'ipv4' ? classifyV4(ip as ipaddr.IPv4, allowLoopback) : classifyV6(ip as ipaddr.IPv6, allowLoopback);
};

const isLoopbackAddress = (address: string): boolean => ipaddr.isValid(address) && ipaddr.parse(address).range() === 'loopback';

/** Resolver error codes that mean "try again" (getaddrinfo and c-ares), not "no such host". */
const TEMPORARY_DNS_FAILURES = new Set(['EAI_AGAIN', 'ETIMEOUT', 'ESERVFAIL', 'ECONNREFUSED']);

const portOf = (url: URL): number => (url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port));

/**
 * Checks an outbound URL before any connection: https only (http only with the loopback
 * allowance and when every address is loopback), no credentials, a port from the allow-list
 * (lifted by the loopback allowance), and every address the host resolves to must be public (see
 * unsafeAddressReason). IP literals in any form the URL parser accepts (decimal, octal, hex IPv4;
 * bracketed IPv6) are checked as addresses. Throws UnsafeUrlError; TransientError `dns_unavailable`
 * when the resolver cannot answer right now (EAI_AGAIN, timeouts), so callers retry instead of refusing.
 * @example const { addresses } = await assertSafeUrl('https://crm.example.com/hook', { allowLoopback: false });
 */
export const assertSafeUrl = async (url: string | URL, options: SafeUrlOptions): Promise<VettedUrl> => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeUrlError('invalid_url', 'The URL cannot be parsed');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UnsafeUrlError('scheme_not_allowed', `Scheme ${parsed.protocol} is not allowed`);
  }
  if (parsed.protocol === 'http:' && !options.allowLoopback) throw new UnsafeUrlError('scheme_not_allowed', 'Only https URLs are allowed');
  if (parsed.username !== '' || parsed.password !== '') {
    throw new UnsafeUrlError('credentials_in_url', 'Credentials in the URL are not allowed');
  }
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (hostname === '') throw new UnsafeUrlError('invalid_url', 'The URL has no host');
  const port = portOf(parsed);
  if (!options.allowLoopback && !(options.allowedPorts ?? DEFAULT_OUTBOUND_PORTS).includes(port)) {
    throw new UnsafeUrlError('port_not_allowed', `Port ${port} is not allowed`);
  }

  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(hostname)) {
    addresses = [{ address: hostname, family: ipaddr.parse(hostname).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(hostname);
    } catch (error) {
      // A resolver that cannot answer right now is an outage to retry, not a verdict on the URL.
      if (TEMPORARY_DNS_FAILURES.has(String((error as { code?: unknown }).code))) {
        throw new TransientError('dns_unavailable', 'The host name could not be resolved right now', { cause: error });
      }
      throw new UnsafeUrlError('unresolvable_host', 'The host name does not resolve');
    }
    if (addresses.length === 0) throw new UnsafeUrlError('unresolvable_host', 'The host name does not resolve');
  }

  for (const { address } of addresses) {
    const reason = unsafeAddressReason(address, options.allowLoopback);
    if (reason) throw new UnsafeUrlError(reason, `The host resolves to a refused address range (${reason})`);
  }
  if (parsed.protocol === 'http:' && !addresses.every((entry) => isLoopbackAddress(entry.address))) {
    throw new UnsafeUrlError('scheme_not_allowed', 'Only https URLs are allowed');
  }
  return { url: parsed, hostname, addresses };
};
