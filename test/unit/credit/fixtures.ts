import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawBureauReport } from '../../../shared/domain/credit/bureau-connector.js';
import type { BureauId } from '../../../shared/domain/credit/credit-summary.js';

/** Reads a bureau fixture as the raw report a connector would have returned. */
export const fixture = (bureau: BureauId | 'metro2', file: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/bureaus/${bureau}/${file}`, import.meta.url)), 'utf8');

export const rawReport = (bureau: BureauId, body: string, product = 'test-product'): RawBureauReport => ({
  bureau,
  product,
  contentType: 'application/json',
  body,
  receivedAt: '2026-01-20T10:00:00.000Z',
});

export const META = { reportId: 'rep-1', pulledAt: '2026-01-20T10:00:00.000Z', requestId: 'req-1' };
