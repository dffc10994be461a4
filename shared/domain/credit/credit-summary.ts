import { z } from 'zod';
import { MoneySchema } from '../money.js';

/**
 * What the profile keeps of the latest report per bureau: enough for rating, with a pointer
 * to the full normalised report. Owned by the bureau capability; read by the rating engine.
 * Scores keep their own model, range and direction: they are never rescaled onto one another.
 */
export const BureauIdSchema = z.enum(['experian', 'equifax', 'transunion', 'dnb', 'creditsafe', 'pboc']);
export type BureauId = z.infer<typeof BureauIdSchema>;

export const BureauScoreSchema = z.object({
  model: z.string(),
  value: z.number(),
  min: z.number(),
  max: z.number(),
  direction: z.enum(['higher_is_better', 'lower_is_better']),
  rawValue: z.string().optional(),
});
export type BureauScore = z.infer<typeof BureauScoreSchema>;

export const BureauSummarySchema = z.object({
  bureau: BureauIdSchema,
  product: z.string(),
  reportId: z.string(),
  pulledAt: z.iso.datetime({ offset: true }),
  subjectMatch: z.enum(['match', 'mismatch', 'review']),
  scores: z.array(BureauScoreSchema),
  tradelines: z.object({
    count: z.number().int().nonnegative(),
    delinquentCount: z.number().int().nonnegative(),
    worstDaysPastDue: z.number().int().nonnegative(),
    totalBalanceMinor: z.number().int(),
    totalPastDueMinor: z.number().int(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  }),
  inquiriesLast12Months: z.number().int().nonnegative(),
  publicRecords: z.object({
    bankruptcies: z.number().int().nonnegative(),
    judgments: z.number().int().nonnegative(),
    liens: z.number().int().nonnegative(),
    other: z.number().int().nonnegative(),
  }),
  collections: z.number().int().nonnegative(),
  business: z
    .object({
      foundedYear: z.number().int().optional(),
      employees: z.number().int().nonnegative().optional(),
      paydex: z.number().min(0).max(100).optional(),
      failureScore: BureauScoreSchema.optional(),
      delinquencyScore: BureauScoreSchema.optional(),
      recommendedLimit: MoneySchema.optional(),
    })
    .optional(),
});
export type BureauSummary = z.infer<typeof BureauSummarySchema>;

export const CreditSummarySchema = z.partialRecord(BureauIdSchema, BureauSummarySchema);
export type CreditSummary = z.infer<typeof CreditSummarySchema>;
