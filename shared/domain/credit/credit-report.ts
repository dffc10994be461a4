import { z } from 'zod';
import { CurrencySchema, MoneySchema } from '../money.js';
import { BureauIdSchema, BureauScoreSchema } from './credit-summary.js';

/**
 * The canonical credit report: what every bureau normaliser (Experian, Equifax, TransUnion,
 * D&B, Creditsafe, Baihang/PBOC, Metro 2 import) produces and every consumer reads.
 *
 * Rules the model keeps:
 * - every value normalised from a bureau code keeps the raw code and its scheme beside it
 *   ({@link codedValue}), so nothing is lost and mappings can be audited or redone;
 * - dates keep the precision the bureau gave ({@link PartialDateSchema}); nothing is padded;
 * - money is integer minor units with currency ({@link MoneySchema});
 * - scores keep their own model, range and direction: never rescaled;
 * - the subject is the identity AS RETURNED by the bureau, not our customer record;
 * - lineage (bureau, product, pulledAt, requestId) sits once at the top; sections may carry
 *   a `source` path (JSON pointer / segment name) into the raw payload.
 */

/** A date as precise as the bureau gave it: `2019`, `2019-03` or `2019-03-14`. */
export const PartialDateSchema = z.discriminatedUnion('precision', [
  z.object({ precision: z.literal('day'), value: z.iso.date() }),
  z.object({ precision: z.literal('month'), value: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  z.object({ precision: z.literal('year'), value: z.string().regex(/^\d{4}$/) }),
]);
export type PartialDate = z.infer<typeof PartialDateSchema>;

/**
 * Code schemes a raw code may come from. `metro2` is the CDIA Metro 2 format (also used by
 * Experian/TransUnion for payment history); bureau names mean that bureau's own code table.
 */
export const CodeSchemeSchema = z.enum([
  'metro2',
  'experian',
  'equifax',
  'transunion',
  'dnb',
  'creditsafe',
  'pboc',
  'iso',
  'derived',
]);
export type CodeScheme = z.infer<typeof CodeSchemeSchema>;

/**
 * A normalised value with the raw code it came from.
 * @example { value: 'days_30_59', raw: '1', scheme: 'metro2' }
 */
export const codedValue = <T extends z.ZodType>(value: T) =>
  z.object({ value, raw: z.string().max(200), scheme: CodeSchemeSchema });
export type CodedValue<T> = { value: T; raw: string; scheme: CodeScheme };

/** Path into the raw payload this section or item was read from (e.g. `/creditProfile/0/tradeline/3`). */
const SourcePathSchema = z.string().max(300).optional();

export const PaymentStatusSchema = z.enum([
  'current',
  'days_30_59',
  'days_60_89',
  'days_90_119',
  'days_120_149',
  'days_150_179',
  'days_180_plus',
  /** Bureaus that stop counting at 120 (Equifax rate 5). */
  'days_120_plus',
  'zero_balance',
  'too_new',
  'no_history',
  'not_reported',
  'collection',
  'foreclosure',
  'voluntary_surrender',
  'repossession',
  'charge_off',
  'bankruptcy',
  'debt_management_plan',
  'unknown',
]);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

export const AccountStatusSchema = z.enum([
  'current',
  'past_due',
  'paid',
  /** Paid or closed after a derogatory event (Metro 2 61–65). */
  'paid_derogatory',
  'closed',
  'transferred',
  'collection',
  'charge_off',
  'repossession',
  'voluntary_surrender',
  'foreclosure',
  'bankruptcy',
  'settled',
  'insurance_claim',
  'deleted',
  'unknown',
]);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

export const TradelineTypeSchema = z.enum([
  'revolving',
  'installment',
  'mortgage',
  'open',
  'line_of_credit',
  'lease',
  'trade_credit',
  'other',
  'unknown',
]);
export type TradelineType = z.infer<typeof TradelineTypeSchema>;

/** 五级分类 (PBOC five-tier loan classification): 正常/关注/次级/可疑/损失. */
export const LoanClassificationSchema = z.enum(['normal', 'special_mention', 'substandard', 'doubtful', 'loss']);
export type LoanClassification = z.infer<typeof LoanClassificationSchema>;

export const PartySchema = z.object({
  name: z.string().max(300).optional(),
  code: z.string().max(100).optional(),
});
export type Party = z.infer<typeof PartySchema>;

export const PaymentHistoryEntrySchema = z.object({
  /** Month the status applies to, when the bureau dates it. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
  status: codedValue(PaymentStatusSchema),
});
export type PaymentHistoryEntry = z.infer<typeof PaymentHistoryEntrySchema>;

export const TradelineSchema = z.object({
  /** Account number as returned (usually masked by the bureau). */
  accountRef: z.string().max(100).optional(),
  creditor: PartySchema.optional(),
  type: codedValue(TradelineTypeSchema),
  /** Finer account type in the bureau's own table (auto loan, credit card, ...). */
  accountType: codedValue(z.string().max(100)).optional(),
  ownership: codedValue(z.enum(['individual', 'joint', 'authorized_user', 'cosigner', 'business', 'terminated', 'unknown'])).optional(),
  opened: PartialDateSchema.optional(),
  closed: PartialDateSchema.optional(),
  reportedAt: PartialDateSchema.optional(),
  lastPaymentAt: PartialDateSchema.optional(),
  creditLimit: MoneySchema.optional(),
  highCredit: MoneySchema.optional(),
  balance: MoneySchema.optional(),
  pastDue: MoneySchema.optional(),
  monthlyPayment: MoneySchema.optional(),
  chargedOff: MoneySchema.optional(),
  /** Days past due now, as reported or as the lower bound of the reported bucket. */
  daysPastDue: z.number().int().nonnegative().optional(),
  status: codedValue(AccountStatusSchema),
  /** Most recent month first; up to 84 months (24 usual). */
  paymentHistory: z.array(PaymentHistoryEntrySchema).max(84).default([]),
  classification: codedValue(LoanClassificationSchema).optional(),
  open: z.boolean().optional(),
  source: SourcePathSchema,
});
export type Tradeline = z.infer<typeof TradelineSchema>;

export const InquirySchema = z.object({
  date: PartialDateSchema.optional(),
  subscriber: PartySchema.optional(),
  type: codedValue(z.enum(['hard', 'soft', 'account_review', 'promotional', 'unknown'])).optional(),
  purpose: codedValue(z.string().max(100)).optional(),
  amount: MoneySchema.optional(),
  source: SourcePathSchema,
});
export type Inquiry = z.infer<typeof InquirySchema>;

export const PublicRecordTypeSchema = z.enum([
  'bankruptcy',
  'judgment',
  'lien',
  'court_enforcement',
  'dishonest_debtor',
  'civil_suit',
  'other',
]);
export type PublicRecordType = z.infer<typeof PublicRecordTypeSchema>;

export const PublicRecordSchema = z.object({
  type: codedValue(PublicRecordTypeSchema),
  status: codedValue(z.enum(['open', 'filed', 'discharged', 'dismissed', 'satisfied', 'released', 'withdrawn', 'unknown'])).optional(),
  filed: PartialDateSchema.optional(),
  resolved: PartialDateSchema.optional(),
  amount: MoneySchema.optional(),
  court: z.string().max(300).optional(),
  reference: z.string().max(100).optional(),
  source: SourcePathSchema,
});
export type PublicRecord = z.infer<typeof PublicRecordSchema>;

export const CollectionSchema = z.object({
  agency: PartySchema.optional(),
  originalCreditor: z.string().max(300).optional(),
  assigned: PartialDateSchema.optional(),
  lastActivity: PartialDateSchema.optional(),
  originalAmount: MoneySchema.optional(),
  balance: MoneySchema.optional(),
  status: codedValue(z.enum(['unpaid', 'paid', 'settled', 'disputed', 'unknown'])),
  source: SourcePathSchema,
});
export type Collection = z.infer<typeof CollectionSchema>;

/** A bureau score: own model, range and direction (never rescaled), plus reason codes. */
export const CreditScoreSchema = BureauScoreSchema.extend({
  reasons: z.array(z.object({ code: z.string().max(50), text: z.string().max(300).optional() })).default([]),
  source: SourcePathSchema,
});
export type CreditScore = z.infer<typeof CreditScoreSchema>;

export const BusinessSectionSchema = z.object({
  founded: PartialDateSchema.optional(),
  employees: z.object({ value: z.number().int().nonnegative(), estimated: z.boolean().default(false) }).optional(),
  turnover: MoneySchema.extend({ year: z.number().int().optional() }).optional(),
  industry: codedValue(z.string().max(200)).optional(),
  legalForm: codedValue(z.string().max(200)).optional(),
  status: codedValue(z.enum(['active', 'inactive', 'dissolved', 'insolvent', 'unknown'])).optional(),
  /** Payment index such as D&B PAYDEX (0–100, higher is better). */
  paymentIndex: CreditScoreSchema.optional(),
  failureScore: CreditScoreSchema.optional(),
  delinquencyScore: CreditScoreSchema.optional(),
  recommendedCreditLimit: MoneySchema.optional(),
  /** Days beyond terms, where the bureau gives it. */
  daysBeyondTerms: z.number().int().nonnegative().optional(),
  source: SourcePathSchema,
});
export type BusinessSection = z.infer<typeof BusinessSectionSchema>;

export const SubjectNameSchema = z.object({
  full: z.string().max(300).optional(),
  first: z.string().max(100).optional(),
  middle: z.string().max(100).optional(),
  last: z.string().max(100).optional(),
  suffix: z.string().max(20).optional(),
  type: z.enum(['primary', 'aka', 'former', 'legal', 'trading']).default('primary'),
});
export type SubjectName = z.infer<typeof SubjectNameSchema>;

export const SubjectAddressSchema = z.object({
  lines: z.array(z.string().max(200)).max(6).default([]),
  city: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  postalCode: z.string().max(20).optional(),
  /** ISO 3166-1 alpha-2 where known. */
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  type: z.enum(['current', 'previous', 'registered', 'trading', 'unknown']).default('unknown'),
  reportedAt: PartialDateSchema.optional(),
});
export type SubjectAddress = z.infer<typeof SubjectAddressSchema>;

/** The subject as the bureau returned it (used for subject matching, never merged blindly). */
export const ReportSubjectSchema = z.object({
  kind: z.enum(['consumer', 'business']),
  names: z.array(SubjectNameSchema).default([]),
  /** Identifiers as returned (`ssn` usually masked, `duns`, `cn_uscc`, `bureau_file`, ...). */
  identifiers: z.array(z.object({ scheme: z.string().min(1).max(50), value: z.string().min(1).max(100) })).default([]),
  addresses: z.array(SubjectAddressSchema).default([]),
  dateOfBirth: PartialDateSchema.optional(),
  deceased: z.boolean().optional(),
});
export type ReportSubject = z.infer<typeof ReportSubjectSchema>;

export const NormalisationWarningSchema = z.object({
  path: z.string().max(300),
  message: z.string().max(300),
});
export type NormalisationWarning = z.infer<typeof NormalisationWarningSchema>;

export const CreditReportSchema = z.object({
  schemaVersion: z.literal(1).default(1),
  reportId: z.string().min(1).max(100),
  bureau: BureauIdSchema,
  product: z.string().min(1).max(100),
  pulledAt: z.iso.datetime({ offset: true }),
  requestId: z.string().min(1).max(200),
  /** The bureau's own reference for this report / transaction, when given. */
  bureauReference: z.string().max(200).optional(),
  /** Currency of the report's amounts unless a Money says otherwise. */
  currency: CurrencySchema,
  subject: ReportSubjectSchema,
  scores: z.array(CreditScoreSchema).default([]),
  tradelines: z.array(TradelineSchema).default([]),
  inquiries: z.array(InquirySchema).default([]),
  publicRecords: z.array(PublicRecordSchema).default([]),
  collections: z.array(CollectionSchema).default([]),
  business: BusinessSectionSchema.optional(),
  /** Values the normaliser skipped (unparseable amount, unknown sentinel), by raw path. */
  warnings: z.array(NormalisationWarningSchema).max(500).default([]),
});
export type CreditReport = z.infer<typeof CreditReportSchema>;
