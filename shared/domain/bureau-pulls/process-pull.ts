import { ulid } from 'ulid';
import type { Clock } from '../clock.js';
import { ConflictError, DomainError, PermanentError, TransientError } from '../errors.js';
import { newEvent } from '../events/new-event.js';
import { MalformedReportError, type BureauSubject, type Normaliser, type RawBureauReport } from '../credit/bureau-connector.js';
import type { CreditReport } from '../credit/credit-report.js';
import type { BureauId } from '../credit/credit-summary.js';
import { BudgetStateSchema, chargePull } from '../credit/pull/budget.js';
import { CircuitStateSchema, initialCircuit, recordFailure, recordSuccess, requestPermission } from '../credit/pull/circuit-breaker.js';
import { checkConsent } from '../credit/pull/consent.js';
import { TokenBucketStateSchema, takeToken } from '../credit/pull/rate-limiter.js';
import { matchSubject, subjectIdentityFromReport, type SubjectIdentity } from '../credit/pull/subject-match.js';
import { summariseReport } from '../credit/summarise.js';
import { monthKey } from '../credit/pull/budget.js';
import { backoffDelayMs } from '../credit/pull/backoff.js';
import type { ProfileChange, ProfileRepository } from '../customers/ports.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { limitsFor, type BureauPull, type BureauPullConfig, type PullMessage } from './bureau-pull.js';
import type { BureauStateStore, ConnectorRegistry, ConsentRepository, PayloadQuarantine, PullQueue, PullRepository, ReportArchive } from './ports.js';

/** SQS caps a message delay at 15 minutes. */
const MAX_DELAY_SECONDS = 900;

const fieldText = (profile: CustomerProfile, name: keyof CustomerProfile['fields']): string | undefined => {
  const value = profile.fields[name]?.value;
  return value === undefined ? undefined : String(value);
};

/** Who we ask the bureau about, built from the golden profile. */
export const bureauSubjectFor = (profile: CustomerProfile): BureauSubject => {
  const country = fieldText(profile, 'country');
  const line = fieldText(profile, 'addressLine');
  return {
    customerId: profile.customerId,
    kind: profile.kind,
    name: fieldText(profile, 'legalName') ?? fieldText(profile, 'tradingName') ?? profile.customerId,
    identifiers: profile.identifiers.map(({ scheme, value }) => ({ scheme, value })),
    address: {
      lines: line ? [line] : [],
      city: fieldText(profile, 'city'),
      postalCode: fieldText(profile, 'postalCode'),
      country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    },
  };
};

/** The customer's identity in the shape `matchSubject` compares. */
export const customerIdentity = (profile: CustomerProfile): SubjectIdentity => ({
  name: fieldText(profile, 'legalName') ?? fieldText(profile, 'tradingName'),
  identifiers: profile.identifiers.map(({ scheme, value }) => ({ scheme, value })),
  address: { line: fieldText(profile, 'addressLine'), city: fieldText(profile, 'city'), postalCode: fieldText(profile, 'postalCode'), country: fieldText(profile, 'country') },
});

/**
 * The profile change that merges a report's summary into `profile.credit[bureau]` with its
 * `credit_report.received` event (next sequence, version-conditioned): what the worker commits
 * for a matching subject and what an accepted subject-mismatch review commits.
 */
export const creditReportMerge = (
  profile: CustomerProfile,
  input: { bureau: BureauId; reportId: string; report: CreditReport; subjectMatch: 'match' | 'review'; at: Date },
): Pick<ProfileChange, 'profile' | 'expectedVersion' | 'events'> => {
  const { bureau, reportId, at } = input;
  const sequence = profile.sequence + 1;
  const summary = summariseReport(input.report, input.subjectMatch);
  return {
    profile: { ...profile, credit: { ...profile.credit, [bureau]: summary }, sequence, version: profile.version + 1, updatedAt: at.toISOString() },
    expectedVersion: profile.version,
    events: [newEvent('credit_report.received', { bureau, reportId, summary }, { customerId: profile.customerId, sequence, at })],
  };
};

export interface ProcessPullDeps {
  profiles: ProfileRepository & { commit: ProfileRepository['commit'] };
  consents: ConsentRepository;
  pulls: PullRepository;
  state: BureauStateStore;
  archive: ReportArchive;
  connectors: ConnectorRegistry;
  normalisers: Record<BureauId, Normaliser>;
  quarantine: PayloadQuarantine;
  queue: PullQueue;
  clock: Clock;
  config: BureauPullConfig;
  /** Jitter source in [0, 1) for the retry backoff (default Math.random); injected for tests. */
  random?: () => number;
}

export type PullOutcome =
  | { outcome: 'completed' | 'review' | 'failed' | 'skipped'; pull?: BureauPull }
  | { outcome: 'deferred'; delaySeconds: number; reason: string };

/**
 * The pull worker's use case, idempotent per message: a finished pull is skipped. In order:
 * consent re-check → monthly budget (charged once per pull; over budget fails with
 * `budget_exceeded`) → circuit breaker and token bucket per bureau (refusal re-enqueues the
 * message with a delay) → connector fetch → normalise → subject match → one transaction with
 * profile.credit[bureau], `credit_report.received`, the archived report and the pull record.
 * A mismatch is archived and flagged (review item + `alert.raised`), never merged. A malformed
 * answer is quarantined with its raw bytes and no report is written. Transient bureau errors
 * count against the circuit; with a Retry-After they are re-enqueued with that delay, otherwise
 * re-enqueued with full-jitter exponential backoff (`message.failures + 1`), and the
 * `retry.maxAttempts`-th failure fails the pull (`retries_exhausted`). Only unexpected errors
 * (storage) are rethrown for SQS to redeliver and, after maxReceiveCount, dead-letter; the
 * dead-letter sweep (`failDeadLetteredPulls`) then marks the pull `failed/dead_lettered`.
 */
export const processBureauPull = (deps: ProcessPullDeps) => {
  const { profiles, consents, pulls, state, archive, connectors, normalisers, quarantine, queue, clock, config } = deps;
  const random = deps.random ?? Math.random;

  const fail = async (pull: BureauPull, reason: string, detail: string): Promise<PullOutcome> => {
    const failed: BureauPull = { ...pull, status: 'failed', reason, detail: detail.slice(0, 500), updatedAt: clock.now().toISOString() };
    await pulls.save(failed);
    await pulls.release(failed);
    return { outcome: 'failed', pull: failed };
  };

  const defer = async (pull: BureauPull, message: PullMessage, delayMs: number, reason: string, failures = message.failures): Promise<PullOutcome> => {
    if (message.attempt >= config.maxDeferrals) return fail(pull, 'retries_exhausted', `gave up after ${message.attempt} deferrals (${reason})`);
    const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil(delayMs / 1000)));
    await pulls.save({ ...pull, reason, updatedAt: clock.now().toISOString() });
    await queue.enqueue({ ...message, attempt: message.attempt + 1, failures }, delaySeconds);
    return { outcome: 'deferred', delaySeconds, reason };
  };

  /** A transient failure without Retry-After: exponential backoff with jitter, bounded. */
  const backOff = (pull: BureauPull, message: PullMessage, error: TransientError): Promise<PullOutcome> => {
    const failures = message.failures + 1;
    if (failures >= config.retry.maxAttempts) return fail(pull, 'retries_exhausted', `${error.code} on ${failures} attempts`);
    return defer(pull, message, backoffDelayMs(message.failures, config.retry, random), error.code, failures);
  };

  const circuitOutcome = (bureau: BureauId, success: boolean) =>
    state.update(bureau, 'CIRCUIT', CircuitStateSchema, (current) => {
      const base = current ?? initialCircuit();
      return { next: success ? recordSuccess(base) : recordFailure(base, config.circuit, clock.now()), result: undefined };
    });

  /** Subject match, then one transaction: profile (+credit summary or not), event, archived report, pull record. */
  const commitReport = async (profile: CustomerProfile, pull: BureauPull, report: CreditReport, raw: RawBureauReport, reportId: string): Promise<BureauPull> => {
    const { bureau, customerId } = pull;
    const match = matchSubject(customerIdentity(profile), subjectIdentityFromReport(report.subject));
    const at = clock.now();
    const finished: BureauPull = { ...pull, status: match.outcome === 'mismatch' ? 'review' : 'completed', reportId, subjectMatch: match.outcome, updatedAt: at.toISOString() };
    delete finished.reason;
    const sequence = profile.sequence + 1;
    if (match.outcome === 'mismatch') {
      const alert = newEvent(
        'alert.raised',
        {
          alertId: `alt_${ulid(at.getTime())}`,
          rule: 'bureau_subject_mismatch',
          severity: 'warning',
          message: `The ${bureau} report does not describe this customer (${match.reasons.join(', ')}); held for review, not merged`,
          measures: [],
          raisedAt: at.toISOString(),
        },
        { customerId, sequence, at },
      );
      await profiles.commit({
        profile: { ...profile, sequence, version: profile.version + 1, updatedAt: at.toISOString() },
        expectedVersion: profile.version,
        events: [alert],
        extraPuts: [
          ...archive.itemsFor({ customerId, report, raw, pullId: pull.pullId, subjectMatch: match, archivedOnly: true }),
          archive.reviewItemFor({ customerId, bureau, reportId, pullId: pull.pullId, subjectMatch: match, at: at.toISOString() }),
          pulls.itemFor(finished),
        ],
      });
    } else {
      await profiles.commit({
        ...creditReportMerge(profile, { bureau, reportId, report, subjectMatch: match.outcome, at }),
        extraPuts: [...archive.itemsFor({ customerId, report, raw, pullId: pull.pullId, subjectMatch: match, archivedOnly: false }), pulls.itemFor(finished)],
      });
    }
    return finished;
  };

  return async (message: PullMessage): Promise<PullOutcome> => {
    const stored = await pulls.get(message.customerId, message.pullId);
    if (!stored) throw new PermanentError('pull_not_found', `Pull ${message.pullId} does not exist`);
    if (stored.status !== 'queued') return { outcome: 'skipped', pull: stored };
    let pull: BureauPull = { ...stored, attempts: stored.attempts + 1 };
    const { bureau, customerId } = pull;
    const now = clock.now();

    const profile = await profiles.get(customerId);
    if (!profile) return fail(pull, 'customer_not_found', `Customer ${customerId} does not exist`);

    const consent = checkConsent(await consents.list(customerId), { customerId, bureau, at: now });
    if (!consent.ok) return fail(pull, 'consent_required', consent.error.message);

    const limits = limitsFor(config, bureau);
    if (!pull.charged) {
      const charge = await state.update(bureau, `BUDGET#${monthKey(now)}`, BudgetStateSchema, (current) => {
        const result = chargePull(current, { bureau, costMinor: limits.costMinor, monthlyBudgetMinor: limits.monthlyBudgetMinor }, now);
        return { next: result.ok ? result.state : current, result };
      });
      if (!charge.ok) return fail(pull, 'budget_exceeded', charge.error.message);
      pull = { ...pull, charged: true };
      await pulls.save(pull);
    }

    const permission = await state.update(bureau, 'CIRCUIT', CircuitStateSchema, (current) => {
      const decision = requestPermission(current ?? initialCircuit(), config.circuit, now);
      return { next: decision.state, result: decision };
    });
    if (!permission.allowed) return defer(pull, message, permission.retryAfterMs, 'circuit_open');

    const token = await state.update(bureau, 'TOKENBUCKET', TokenBucketStateSchema, (current) => {
      const taken = takeToken(current, { ratePerSecond: limits.ratePerSecond, burst: limits.burst }, now);
      return { next: taken.state, result: taken };
    });
    if (!token.allowed) return defer(pull, message, token.retryAfterMs, 'rate_limited');

    const connector = await connectors.connector(bureau);
    let raw: RawBureauReport;
    try {
      raw = await connector.fetchReport(bureauSubjectFor(profile), { requestId: pull.pullId });
    } catch (error) {
      if (error instanceof TransientError) {
        await circuitOutcome(bureau, false);
        if (error.retryAfterMs !== undefined) return defer(pull, message, error.retryAfterMs, error.code);
        return backOff(pull, message, error);
      }
      await circuitOutcome(bureau, true);
      if (error instanceof MalformedReportError) {
        await quarantine.put({ source: `bureau:${bureau}`, messageId: pull.pullId, code: error.code, reason: error.reason, body: error.rawBody ?? '', receiveCount: pull.attempts });
        return fail(pull, 'malformed_report', error.reason);
      }
      if (error instanceof DomainError && !error.retryable) return fail(pull, error.code, error.message);
      throw error;
    }
    await circuitOutcome(bureau, true);

    const reportId = `rpt_${ulid(clock.now().getTime())}`;
    let report: CreditReport;
    try {
      report = normalisers[bureau](raw, { reportId, pulledAt: raw.receivedAt, requestId: pull.pullId });
    } catch (error) {
      if (error instanceof MalformedReportError) {
        await quarantine.put({ source: `bureau:${bureau}`, messageId: pull.pullId, code: error.code, reason: error.reason, body: raw.body, receiveCount: pull.attempts });
        return fail(pull, 'malformed_report', error.reason);
      }
      if (error instanceof DomainError && !error.retryable) return fail(pull, error.code, error.message);
      throw error;
    }

    let current = profile;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const finished = await commitReport(current, pull, report, raw, reportId);
        await pulls.release(finished);
        return { outcome: finished.status === 'review' ? 'review' : 'completed', pull: finished };
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 5) throw error;
        const reread = await profiles.get(customerId);
        if (!reread) return fail(pull, 'customer_not_found', `Customer ${customerId} does not exist`);
        current = reread;
      }
    }
  };
};
