import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { downloadLinks } from '../../../shared/lambda/download-link.js';
import { PRESIGNED_TTL_SECONDS, serveDownload, type DownloadMode } from '../../../shared/lambda/serve-download.js';
import { memoryObjectStore } from '../jobs/fakes.js';

const setup = async (mode: DownloadMode) => {
  const clock = fixedClock('2026-03-01T10:00:00.000Z');
  const key = randomBytes(32);
  const links = downloadLinks({ signingKey: async () => key, clock });
  const store = memoryObjectStore();
  await store.put('exports/job_1.csv', '\uFEFFid\r\n1\r\n', { mediaType: 'text/csv; charset=utf-8' });
  const presigned: Array<{ key: string; options: unknown }> = [];
  const audit: unknown[] = [];
  const objects = { ...store, presignGet: async (k: string, options: unknown) => (presigned.push({ key: k, options }), `https://s3.example/${k}?X-Amz-Signature=abc`) };
  const serve = serveDownload({ links, objects, mode, audit: { append: async (entry) => audit.push(entry) } });
  const link = await links.issue({ objectKey: 'exports/job_1.csv', fileName: 'portfolio.csv', mediaType: 'text/csv; charset=utf-8' }, 'key:alice', 'https://hub');
  return { serve, token: link.url.split('/').at(-1) ?? '', links, presigned, audit, store, clock };
};

describe('serveDownload', () => {
  it('answers the bytes inline with media type, attachment name and no caching, and audits the access', async () => {
    // Prepare
    const { serve, token, audit } = await setup('inline');
    // Act
    const file = await serve(token, { principalId: 'key:alice' });
    // Assess
    expect(file).toEqual({
      kind: 'inline',
      text: '\uFEFFid\r\n1\r\n',
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="portfolio.csv"', 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' },
    });
    expect(audit).toEqual([expect.objectContaining({ actor: 'key:alice', action: 'object.downloaded', target: 'object:exports/job_1.csv' })]);
  });

  it('redirects to a one-minute presigned URL in presigned mode, after the same checks', async () => {
    // Prepare
    const { serve, token, presigned } = await setup('presigned');
    // Act
    const file = await serve(token, { principalId: 'key:alice' });
    const other = serve(token, { principalId: 'key:mallory' });
    // Assess
    expect(file).toEqual({ kind: 'redirect', url: 'https://s3.example/exports/job_1.csv?X-Amz-Signature=abc' });
    expect(presigned).toEqual([{ key: 'exports/job_1.csv', options: { expiresInSeconds: PRESIGNED_TTL_SECONDS, fileName: 'portfolio.csv', mediaType: 'text/csv; charset=utf-8' } }]);
    await expect(other).rejects.toMatchObject({ code: 'link_invalid' });
    expect(presigned).toHaveLength(1);
  });

  it('answers 404 once the object is gone, in either mode, and audits nothing', async () => {
    for (const mode of ['inline', 'presigned'] as const) {
      // Prepare
      const { serve, token, store, audit } = await setup(mode);
      await store.delete('exports/job_1.csv');
      // Act
      const attempt = serve(token, { principalId: 'key:alice' });
      // Assess
      await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
      expect(audit).toEqual([]);
    }
  });
});
