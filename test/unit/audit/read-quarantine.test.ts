import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AuditInput } from '../../../shared/domain/audit/audit-chain.js';
import { QuarantinedPayloadSchema, readQuarantine, type QuarantineEntry, type QuarantineReader } from '../../../shared/domain/audit/read-quarantine.js';
import { NotFoundError } from '../../../shared/domain/errors.js';

const ENTRY: QuarantineEntry = { messageId: 'pull_1', code: 'malformed_report', reason: 'not JSON', receiveCount: 1, at: '2026-03-10T09:00:00Z' };
const BODY = '{"ssn":"123-45-6789"'; // personal data, as a bureau could send it

const world = () => {
  const audits: AuditInput[] = [];
  const quarantine: QuarantineReader = {
    list: async (source, limit) => (source === 'bureau:experian' ? [ENTRY].slice(0, limit) : []),
    getPayload: async (source, messageId) => (source === 'bureau:experian' && messageId === 'pull_1' ? { ...ENTRY, bodyGz: gzipSync(BODY) } : undefined),
  };
  const read = readQuarantine({ quarantine, audit: { append: async (input) => void audits.push(input) } });
  return { read, audits };
};

describe('readQuarantine', () => {
  it('lists the entries of a source without bytes and without an audit entry', async () => {
    const { read, audits } = world();
    const listing = await read.list('bureau:experian', 10);
    expect(listing).toEqual({ source: 'bureau:experian', entries: [ENTRY] });
    expect(audits).toEqual([]);
  });

  it('returns the exact bytes gzip + base64 and audits the read with code and size, never the content', async () => {
    const { read, audits } = world();
    const payload = await read.payload('bureau:experian', 'pull_1', 'key:admin');
    expect(QuarantinedPayloadSchema.parse(payload)).toMatchObject({ source: 'bureau:experian', messageId: 'pull_1', code: 'malformed_report', encoding: 'gzip+base64' });
    expect(gunzipSync(Buffer.from(payload.payload, 'base64')).toString('utf8')).toBe(BODY);
    expect(audits).toEqual([{ actor: 'key:admin', action: 'quarantine.payload_read', target: 'quarantine:bureau:experian/pull_1', details: { code: 'malformed_report', bytes: gzipSync(BODY).length } }]);
    expect(JSON.stringify(audits)).not.toContain('123-45-6789');
  });

  it('answers NotFoundError for an unknown message and audits nothing', async () => {
    const { read, audits } = world();
    await expect(read.payload('bureau:experian', 'pull_2', 'key:admin')).rejects.toBeInstanceOf(NotFoundError);
    expect(audits).toEqual([]);
  });
});
