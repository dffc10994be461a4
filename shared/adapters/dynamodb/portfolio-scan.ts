import type { Portfolio } from '../../domain/risk/ports.js';
import type { TableRef } from './client.js';
import { allProfiles, profilePage } from './profile-pages.js';

/**
 * Every golden profile (merged ones included), for daily re-evaluation and backtests: the
 * {@link allProfiles} scan of `profile-pages.ts`.
 */
export const profilePortfolio = (table: TableRef, options: { pageSize?: number; segments?: number } = {}): Portfolio => {
  const profiles = allProfiles(table);
  return { profiles: () => profiles(options) };
};

/**
 * Ids of active (not merged) customers, `limit` at a time, in scan order, with the opaque
 * cursor of {@link profilePage} (a malformed cursor is a ValidationError on `cursor`).
 */
export const customerIdPage = (table: TableRef) => {
  const page = profilePage(table);
  return async ({ cursor, limit }: { cursor?: string; limit: number }): Promise<{ customerIds: string[]; nextCursor?: string }> => {
    const result = await page({ limit, activeOnly: true, ...(cursor !== undefined ? { cursor } : {}) });
    return { customerIds: result.profiles.map((p) => p.customerId), ...(result.nextCursor !== undefined ? { nextCursor: result.nextCursor } : {}) };
  };
};
