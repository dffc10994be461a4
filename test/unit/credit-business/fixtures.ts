import { readFileSync } from 'node:fs';
import type { RawBureauReport } from '../../../shared/domain/credit/bureau-connector.js';
import type { BureauId } from '../../../shared/domain/credit/credit-summary.js';

const root = new URL('../../fixtures/bureaus/', import.meta.url);

/** Reads a bureau fixture as the raw bytes a connector would have returned. */
export const fixture = (bureau: BureauId, file: string, product = 'test'): RawBureauReport => ({
  bureau,
  product,
  contentType: 'application/json',
  body: readFileSync(new URL(`${bureau}/${file}`, root), 'utf8'),
  receivedAt: '2025-06-01T09:30:13.000Z',
});

export const meta = { reportId: 'rep-1', pulledAt: '2025-06-01T09:30:13.000Z', requestId: 'req-1' };
