import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import { DomainError } from '../../../shared/domain/errors.js';
import { cursorBinding, signCursor } from '../../../shared/lambda/cursor.js';
import { DOWNLOAD_LINK_TTL_MS, downloadLinks, openDownloadLink, signDownloadLink } from '../../../shared/lambda/download-link.js';
import { toProblem } from '../../../shared/lambda/problem.js';

const key = randomBytes(32);
const NOW = new Date('2026-03-01T10:00:00.000Z');
const grant = { objectKey: 'exports/job_1.csv', principalId: 'key:alice', expiresAt: new Date(NOW.getTime() + 60_000), fileName: 'portfolio.csv', mediaType: 'text/csv; charset=utf-8' };

const refusal = (open: () => unknown): { code: string; status: number } => {
  try {
    open();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const problem = toProblem(error);
    return { code: problem.code, status: problem.status };
  }
  throw new Error('the link was accepted');
};

describe('download links', () => {
  it('opens a link for the principal it was issued to, before it expires', () => {
    // Act
    const token = signDownloadLink(key, grant);
    // Assess
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(openDownloadLink(key, token, { principalId: 'key:alice', now: NOW })).toEqual(grant);
  });

  it('refuses a link after its expiry with 403 link_expired (and at the very instant)', () => {
    // Prepare
    const token = signDownloadLink(key, grant);
    // Assess
    expect(refusal(() => openDownloadLink(key, token, { principalId: 'key:alice', now: grant.expiresAt }))).toEqual({ code: 'link_expired', status: 403 });
    expect(openDownloadLink(key, token, { principalId: 'key:alice', now: new Date(grant.expiresAt.getTime() - 1) }).objectKey).toBe(grant.objectKey);
  });

  it('refuses another principal with 403, before telling whether the link expired', () => {
    // Prepare
    const token = signDownloadLink(key, grant);
    // Assess
    expect(refusal(() => openDownloadLink(key, token, { principalId: 'key:mallory', now: NOW }))).toEqual({ code: 'link_invalid', status: 403 });
    expect(refusal(() => openDownloadLink(key, token, { principalId: 'key:mallory', now: new Date(NOW.getTime() + 3_600_000) }))).toEqual({ code: 'link_invalid', status: 403 });
  });

  it('refuses tampered claims, signatures, other keys and cursors signed with the same key', () => {
    // Prepare
    const token = signDownloadLink(key, grant);
    const [payload = '', signature = ''] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const reissued = (patch: object) => `${Buffer.from(JSON.stringify({ ...claims, ...patch })).toString('base64url')}.${signature}`;
    const flipped = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const cursor = signCursor(key, cursorBinding('listJobs', 'key:alice', {}, {}), { k: grant.objectKey }, NOW.getTime());
    const open = (t: string) => () => openDownloadLink(key, t, { principalId: 'key:alice', now: NOW });
    // Assess
    for (const bad of [reissued({ k: 'exports/job_2.csv' }), reissued({ p: 'key:mallory' }), reissued({ e: grant.expiresAt.getTime() + 3_600_000 }), flipped, `${payload}`, `${token}.x`, cursor]) {
      expect(refusal(open(bad))).toEqual({ code: 'link_invalid', status: 403 });
    }
    expect(refusal(() => openDownloadLink(randomBytes(32), token, { principalId: 'key:alice', now: NOW }))).toEqual({ code: 'link_invalid', status: 403 });
  });

  it('issues absolute links that expire after the lifetime, on the injected clock', async () => {
    // Prepare
    const clock = fixedClock(NOW);
    const links = downloadLinks({ signingKey: async () => key, clock });
    // Act
    const link = await links.issue({ objectKey: grant.objectKey, fileName: grant.fileName, mediaType: grant.mediaType }, 'key:alice', 'https://hub.example');
    const token = link.url.split('/').at(-1) ?? '';
    // Assess
    expect(link.url).toMatch(/^https:\/\/hub\.example\/v1\/downloads\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(link.expiresAt).toBe(new Date(NOW.getTime() + DOWNLOAD_LINK_TTL_MS).toISOString());
    clock.advance(DOWNLOAD_LINK_TTL_MS - 1);
    expect((await links.open(token, 'key:alice')).objectKey).toBe(grant.objectKey);
    clock.advance(1);
    await expect(links.open(token, 'key:alice')).rejects.toMatchObject({ code: 'link_expired' });
  });
});
