import type { CustomerListing } from '../../domain/console/portfolio.js';
import type { TableRef } from './client.js';
import type { PortfolioSource } from '../../domain/jobs/portfolio-export.js';
import { profileCount, profilePage } from './profile-pages.js';

/** Items read per Scan call and Scan calls per page: bounds the work (and latency) of one console page. */
const SCAN_PAGE_ITEMS = 500;
const MAX_SCANS_PER_PAGE = 8;

/**
 * Pages of active golden profiles, optionally of one grade, for the risk console: {@link profilePage}
 * with at most MAX_SCANS_PER_PAGE Scan calls a page, so a page may come back short with a cursor.
 */
export const customerList = (table: TableRef): CustomerListing => {
  const page = profilePage(table);
  return {
    async page({ limit, cursor, grade }) {
      const result = await page({ limit, activeOnly: true, maxScans: MAX_SCANS_PER_PAGE, scanLimit: SCAN_PAGE_ITEMS, ...(cursor ? { cursor } : {}), ...(grade ? { grade } : {}) });
      return { profiles: result.profiles, ...(result.nextCursor !== undefined ? { cursor: result.nextCursor } : {}) };
    },
  };
};

/**
 * The portfolio as the `portfolio.export` job reads it: the console's pages plus a count of the
 * same customers (active, optionally of one grade) for progress and ETA.
 */
export const portfolioSource = (table: TableRef): PortfolioSource => {
  const count = profileCount(table);
  return { ...customerList(table), count: ({ grade }) => count({ activeOnly: true, ...(grade ? { grade } : {}) }) };
};
