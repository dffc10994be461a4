import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import type { DownloadLink } from '../domain/jobs/job-view.js';

/** Default lifetime of a download link. */
export const DOWNLOAD_LINK_TTL_MS = 15 * 60 * 1000;

/** Path of the download route; the token is its only parameter. */
export const DOWNLOADS_PATH = '/v1/downloads';

/**
 * Domain separation: the hub key also signs list cursors, so a link's MAC covers this label
 * and a cursor can never pass as a link (or the other way round).
 */
const LABEL = 'riskbridge.download-link.v1.';

/** What a link grants: one object, to one principal, until one instant, served under one name and media type. */
export interface DownloadGrant {
  objectKey: string;
  principalId: string;
  expiresAt: Date;
  fileName: string;
  mediaType: string;
}

const ClaimsSchema = z.strictObject({
  k: z.string().min(1).max(512),
  p: z.string().min(1).max(256),
  e: z.number().int().positive(),
  n: z.string().regex(/^[A-Za-z0-9._-]{1,120}$/),
  t: z.string().min(1).max(100),
});

const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(LABEL + payload).digest();

const refused = (code: 'link_invalid' | 'link_expired', message: string): DomainError => new DomainError(code, message, { details: { httpStatus: 403 } });

/**
 * Signs a download grant into a URL-safe token: `base64url(claims).base64url(HMAC-SHA256)`.
 * The claims are readable (they name nothing secret) but cannot be changed without the hub key.
 * @example const token = signDownloadLink(key, { objectKey: 'exports/job_….csv', principalId: 'key:abc', expiresAt, fileName: 'portfolio.csv', mediaType: 'text/csv' });
 */
export const signDownloadLink = (key: Buffer, grant: DownloadGrant): string => {
  const claims: z.infer<typeof ClaimsSchema> = { k: grant.objectKey, p: grant.principalId, e: grant.expiresAt.getTime(), n: grant.fileName, t: grant.mediaType };
  const payload = Buffer.from(JSON.stringify(ClaimsSchema.parse(claims))).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
};

/**
 * Verifies a token for a caller at `now`, in this order: the signature (403 `link_invalid`
 * for anything the hub did not sign unchanged), the principal (403 `link_invalid` when it was
 * issued to someone else, who learns nothing more), then the expiry (403 `link_expired`).
 * @example const grant = openDownloadLink(key, token, { principalId: principal.principalId, now: clock.now() });
 */
export const openDownloadLink = (key: Buffer, token: string, caller: { principalId: string; now: Date }): DownloadGrant => {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) throw refused('link_invalid', 'This is not a download link this hub issued');
  const expected = mac(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused('link_invalid', 'This is not a download link this hub issued');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw refused('link_invalid', 'This is not a download link this hub issued');
  }
  const claims = ClaimsSchema.safeParse(decoded);
  if (!claims.success) throw refused('link_invalid', 'This is not a download link this hub issued');
  if (claims.data.p !== caller.principalId) throw refused('link_invalid', 'This download link was issued to another caller');
  if (claims.data.e <= caller.now.getTime()) throw refused('link_expired', 'This download link has expired; read the job again for a fresh one');
  return { objectKey: claims.data.k, principalId: claims.data.p, expiresAt: new Date(claims.data.e), fileName: claims.data.n, mediaType: claims.data.t };
};

/**
 * Download links with the hub's key (resolved once, lazily), the clock and a lifetime:
 * `issue` signs a grant for a caller and returns the absolute link; `open` verifies one.
 * @example const links = downloadLinks({ signingKey: hubSigningKey, clock: runtimeClock }); await links.issue(job.result, principal.principalId, publicOrigin(request));
 */
export const downloadLinks = ({ signingKey, clock, ttlMs = DOWNLOAD_LINK_TTL_MS }: { signingKey: () => Promise<Buffer>; clock: Clock; ttlMs?: number }) => {
  let key: Promise<Buffer> | undefined;
  const resolved = (): Promise<Buffer> => (key ??= signingKey());
  return {
    async issue(object: { objectKey: string; fileName: string; mediaType: string }, principalId: string, origin: string): Promise<DownloadLink> {
      const expiresAt = new Date(clock.now().getTime() + ttlMs);
      const token = signDownloadLink(await resolved(), { ...object, principalId, expiresAt });
      return { url: `${origin}${DOWNLOADS_PATH}/${token}`, expiresAt: expiresAt.toISOString() };
    },
    async open(token: string, principalId: string): Promise<DownloadGrant> {
      return openDownloadLink(await resolved(), token, { principalId, now: clock.now() });
    },
  };
};
export type DownloadLinks = ReturnType<typeof downloadLinks>;
