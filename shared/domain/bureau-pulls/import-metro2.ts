import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { z } from 'zod';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { MalformedReportError } from '../credit/bureau-connector.js';
import type { CreditReport } from '../credit/credit-report.js';
import { BureauIdSchema, type BureauId } from '../credit/credit-summary.js';
import { importMetro2 } from '../credit/metro2/metro2.js';
import { matchSubject, subjectIdentityFromReport, type SubjectMatch } from '../credit/pull/subject-match.js';
import type { IdentityIndex, ProfileRepository } from '../customers/ports.js';
import { blockingKeys } from '../identity/matching.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { PayloadQuarantine, ReportArchive } from './ports.js';
import { creditReportMerge, customerIdentity } from './process-pull.js';

/** Metro 2 files carry consumer accounts: the bureau a file is attributed to is one of the consumer bureaus. */
export const Metro2BureauSchema = BureauIdSchema.extract(['experian', 'equifax', 'transunion']);

/** Query of `POST /v1/bureau/metro2/imports`: the bureau whose profile slot the reports fill. */
export const Metro2ImportQuerySchema = z.strictObject({
  bureau: Metro2BureauSchema.describe('The bureau the file is attributed to: the reports land in profile.credit[bureau] (a Metro 2 file names none)'),
});

/** Largest Metro 2 file the route takes inline (about 2,400 records of 426 bytes). */
export const METRO2_MAX_BYTES = 1_048_576;

export const Metro2ImportIdSchema = z.string().regex(/^m2i_[0-9A-Z]{26}$/, 'a Metro 2 import id (m2i_…)');

/** What became of one consumer (one report) of the file: merged into a customer, or held for review with the reason. */
export const Metro2SubjectOutcomeSchema = z.object({
  index: z.number().int().nonnegative().describe('Position of the consumer in the file (first appearance)'),
  reportId: z.string(),
  accounts: z.number().int().nonnegative(),
  outcome: z.enum(['merged', 'review']),
  customerId: z.string().optional(),
  reason: z.string().optional().describe('Why it is held: no_matching_customer, ambiguous (several customers match), weak_match (name or address not conclusive)'),
  candidates: z.array(z.string()).optional(),
});
export type Metro2SubjectOutcome = z.infer<typeof Metro2SubjectOutcomeSchema>;

/** One Metro 2 import as kept (ids, counts and reasons; the file itself is kept gzip'd beside it). */
export const Metro2ImportSchema = z.object({
  importId: Metro2ImportIdSchema,
  bureau: Metro2BureauSchema,
  status: z.enum(['imported', 'quarantined']).describe('`quarantined`: the file is broken (reason in `quarantine`); its bytes are at GET /v1/quarantine/metro2/{importId}/payload'),
  receivedAt: z.string(),
  importedBy: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
  reporter: z.string().optional(),
  subjects: z.array(Metro2SubjectOutcomeSchema),
  merged: z.number().int().nonnegative(),
  review: z.number().int().nonnegative(),
  quarantine: z.object({ code: z.string(), reason: z.string() }).optional(),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
});
export type Metro2Import = z.infer<typeof Metro2ImportSchema>;

/** Imports as kept: the record, and the file's bytes for review (a held subject is never lost). */
export interface Metro2ImportStore {
  save(record: Metro2Import, file: string): Promise<void>;
  get(importId: string): Promise<Metro2Import | undefined>;
}

export interface ImportMetro2Deps {
  profiles: ProfileRepository;
  identities: Pick<IdentityIndex, 'find'>;
  archive: Pick<ReportArchive, 'itemsFor'>;
  imports: Metro2ImportStore;
  quarantine: PayloadQuarantine;
  audit: { append(input: AuditInput): Promise<unknown> };
  clock: Clock;
}

const MAX_ATTEMPTS = 5;

/** Names as a person or a file may write them: "First Last" and "Last First" block differently. */
const nameForms = (report: CreditReport): string[] => {
  const name = report.subject.names[0];
  if (!name) return [];
  const forward = [name.first, name.last].filter(Boolean).join(' ');
  const backward = [name.last, name.first].filter(Boolean).join(' ');
  return [...new Set([name.full, forward, backward].filter((n): n is string => Boolean(n && n.trim())))];
};

/**
 * Imports a Metro 2 file: one canonical report per consumer (`importMetro2`). Each consumer is
 * matched against the customers found by the identity index's blocking keys (name, country) with
 * the bureau pull's own subject matcher (`matchSubject`: name and postal code or date of birth).
 * Exactly one matching customer → the report lands on the profile the way a pull's report does
 * (`creditReportMerge`: profile.credit[bureau] + `credit_report.received`, the archived report
 * with its raw records, one version-conditioned transaction). No match, several, or a weak one →
 * held for review with the reason, nothing merged. A broken file (no HEADER/TRAILER, a short
 * record, a wrong trailer count) is quarantined with its reason and bytes and nothing is merged.
 * The import record keeps every outcome and the file; the import is audited (ids and counts).
 */
export const importMetro2File = (deps: ImportMetro2Deps) => {
  const { profiles, identities, archive, imports, quarantine, audit, clock } = deps;

  const candidatesFor = async (report: CreditReport): Promise<Array<{ profile: CustomerProfile; match: SubjectMatch }>> => {
    const country = report.subject.addresses[0]?.country ?? 'US';
    const keys = [...new Set(nameForms(report).flatMap((legalName) => blockingKeys({ kind: 'consumer', fields: { legalName, country }, identifiers: [] })))];
    const ids = keys.length ? await identities.find(keys, 20) : [];
    const out: Array<{ profile: CustomerProfile; match: SubjectMatch }> = [];
    for (const id of ids) {
      const profile = await profiles.get(id);
      if (!profile || profile.status !== 'active') continue;
      out.push({ profile, match: matchSubject(customerIdentity(profile), subjectIdentityFromReport(report.subject)) });
    }
    return out;
  };

  const merge = async (customerId: string, report: CreditReport, bureau: BureauId, rawRecords: string, importId: string, match: SubjectMatch): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      const profile = await profiles.get(customerId);
      if (!profile) throw new NotFoundError(`Customer ${customerId}`);
      const at = clock.now();
      try {
        await profiles.commit({
          ...creditReportMerge(profile, { bureau, reportId: report.reportId, report, subjectMatch: 'match', at }),
          extraPuts: archive.itemsFor({
            customerId,
            report,
            raw: { bureau, product: report.product, contentType: 'text/plain', body: rawRecords, receivedAt: report.pulledAt },
            importId,
            subjectMatch: match,
            archivedOnly: false,
          }),
        });
        return;
      } catch (error) {
        if (error instanceof ConflictError && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  };

  return async (file: string, input: { bureau: BureauId; by: string }): Promise<Metro2Import> => {
    const now = clock.now();
    const importId = `m2i_${ulid(now.getTime())}`;
    const base = {
      importId,
      bureau: Metro2BureauSchema.parse(input.bureau),
      receivedAt: now.toISOString(),
      importedBy: input.by,
      bytes: Buffer.byteLength(file, 'utf8'),
      sha256: `sha256:${createHash('sha256').update(file, 'utf8').digest('hex')}`,
    };
    let reports: CreditReport[];
    try {
      let n = 0;
      reports = importMetro2(file, { bureau: input.bureau, product: 'metro2-import', pulledAt: now.toISOString(), requestId: importId, reportIdFor: () => `rpt_${ulid(now.getTime() + n++)}` });
    } catch (error) {
      if (!(error instanceof MalformedReportError)) throw error;
      await quarantine.put({ source: 'metro2', messageId: importId, code: error.code, reason: error.reason, body: file, receiveCount: 1 });
      const record: Metro2Import = { ...base, status: 'quarantined', subjects: [], merged: 0, review: 0, quarantine: { code: error.code, reason: error.reason }, warnings: [] };
      await imports.save(record, file);
      await audit.append({ actor: input.by, action: 'metro2.imported', target: `metro2:${importId}`, details: { importId, bureau: input.bureau, status: 'quarantined', sha256: base.sha256, code: error.code } });
      return record;
    }

    const lines = file.split(/\r?\n/);
    const recordsOf = (report: CreditReport): string =>
      report.tradelines
        .map((t) => Number(/^\/record\/(\d+)$/.exec(t.source ?? '')?.[1]))
        .filter((n) => Number.isInteger(n) && lines.length > n)
        .map((n) => lines[n])
        .join('\n');

    const subjects: Metro2SubjectOutcome[] = [];
    for (const [index, report] of reports.entries()) {
      const common = { index, reportId: report.reportId, accounts: report.tradelines.length };
      const candidates = await candidatesFor(report);
      const matching = candidates.filter((c) => c.match.outcome === 'match');
      const only = matching.length === 1 ? matching[0] : undefined;
      if (only) {
        await merge(only.profile.customerId, report, input.bureau, recordsOf(report), importId, only.match);
        subjects.push({ ...common, outcome: 'merged', customerId: only.profile.customerId });
      } else if (matching.length > 1) {
        subjects.push({ ...common, outcome: 'review', reason: 'ambiguous', candidates: matching.map((c) => c.profile.customerId) });
      } else {
        const weak = candidates.filter((c) => c.match.outcome === 'review');
        subjects.push(weak.length ? { ...common, outcome: 'review', reason: 'weak_match', candidates: weak.map((c) => c.profile.customerId) } : { ...common, outcome: 'review', reason: 'no_matching_customer' });
      }
    }
    const merged = subjects.filter((s) => s.outcome === 'merged').length;
    const record: Metro2Import = {
      ...base,
      status: 'imported',
      ...(reports[0]?.bureauReference ? { reporter: reports[0].bureauReference } : {}),
      subjects,
      merged,
      review: subjects.length - merged,
      warnings: reports[0]?.warnings.map((w) => ({ path: w.path, message: w.message })) ?? [],
    };
    await imports.save(record, file);
    await audit.append({ actor: input.by, action: 'metro2.imported', target: `metro2:${importId}`, details: { importId, bureau: input.bureau, status: 'imported', sha256: base.sha256, merged, review: record.review } });
    return record;
  };
};
