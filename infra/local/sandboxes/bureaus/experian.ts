import { asText, jsonPath, mmddyyyy, startConsumerSandbox, subjectKeyOf, syntheticCreditFile, type BureauSandbox, type SandboxRequest } from './sandbox-kit.js';

/**
 * Experian Consumer Credit Profile v2 sandbox: `POST /oauth2/v1/token` (client credentials)
 * and `POST /consumerservices/credit-profile/v2/credit-report` answering a synthetic
 * `creditProfile[]` document derived from the subject (clientReferenceId header, name, SSN).
 * Shape per Experian Consumer Credit Profile API v2 (developer.experian.com sample response).
 */

const STATUS_BY_DAYS: Record<number, string> = { 0: '11', 30: '71', 60: '78', 90: '80', 120: '82' };
const HISTORY_CHAR: Record<number, string> = { 0: 'C', 30: '1', 60: '2', 90: '3', 120: '4' };

const subjectKey = (req: SandboxRequest): string => {
  const applicant = jsonPath(req.json, 'consumerPii', 'primaryApplicant');
  return subjectKeyOf(req.headers.clientreferenceid, jsonPath(applicant, 'name', 'firstName'), jsonPath(applicant, 'name', 'lastName'), jsonPath(applicant, 'ssn', 'ssn'));
};

/** The synthetic Experian document for a subject key (exported for tests and the bench). */
export const experianSandboxReport = (key: string, names: { first: string; last: string; ssn?: string }) => {
  const file = syntheticCreditFile(key);
  const pad = (n: number, width = 8) => String(n).padStart(width, '0');
  return {
    creditProfile: [
      {
        headerRecord: [{ reportDate: mmddyyyy(file.asOf).slice(0, 4) + file.asOf.slice(2, 4), y2kReportedDate: mmddyyyy(file.asOf) }],
        consumerIdentity: { name: [{ firstName: names.first.toUpperCase(), surname: names.last.toUpperCase(), type: 'N' }], dob: { year: '1980' } },
        ssn: names.ssn ? [{ number: names.ssn }] : [],
        addressInformation: [{ streetPrefix: '100', streetName: 'SANDBOX', streetSuffix: 'ST', city: 'COSTA MESA', state: 'CA', zipCode: '92626', lastUpdatedDate: mmddyyyy(file.asOf) }],
        riskModel: [{ modelIndicator: 'V4', score: pad(file.score, 4), evaluation: file.score >= 660 ? 'P' : 'N', scoreFactors: [{ importance: '1', code: file.profile === 'clean' ? '14' : '18' }] }],
        tradeline: [
          ...file.tradelines.map((t) => ({
            accountNumber: t.accountNumber,
            accountType: t.portfolio === 'R' ? '18' : t.portfolio === 'M' ? '26' : '00',
            amount1: pad(t.limit),
            amount1Qualifier: t.portfolio === 'R' ? 'L' : 'O',
            balanceAmount: pad(t.balance),
            balanceDate: mmddyyyy(file.asOf),
            amountPastDue: pad(t.pastDue),
            ecoa: '1',
            enhancedPaymentData: {
              enhancedPaymentStatus: STATUS_BY_DAYS[t.daysLate] ?? '11',
              enhancedPaymentHistory84: t.history.map((d) => HISTORY_CHAR[d] ?? 'C').join(''),
              ...(t.portfolio === 'R' ? { creditLimitAmount: pad(t.limit, 10) } : {}),
            },
            openDate: mmddyyyy(t.opened),
            openOrClosed: 'O',
            paymentHistory: t.history.map((d) => HISTORY_CHAR[d] ?? 'C').join(''),
            revolvingOrInstallment: t.portfolio === 'M' ? 'I' : t.portfolio,
            status: STATUS_BY_DAYS[t.daysLate] ?? '11',
            statusDate: mmddyyyy(file.asOf),
            subscriberCode: t.memberCode,
            subscriberName: t.creditor,
          })),
          ...file.collections.map((c) => ({
            accountNumber: 'COLL0001',
            accountType: '48',
            amount1: pad(c.original),
            amount1Qualifier: 'O',
            balanceAmount: pad(c.balance),
            balanceDate: mmddyyyy(file.asOf),
            openDate: mmddyyyy(c.assigned),
            openOrClosed: 'O',
            revolvingOrInstallment: 'O',
            status: '93',
            subscriberName: c.agency,
          })),
        ],
        inquiry: file.inquiries.map((i) => ({ date: mmddyyyy(i.date), subscriberCode: i.memberCode, subscriberName: i.subscriber, amount: 'UNKNOWN', type: '18', terms: 'UNK' })),
        publicRecord: file.bankruptcy
          ? [{ courtName: file.bankruptcy.court, filingDate: mmddyyyy(file.bankruptcy.filed), referenceNumber: file.bankruptcy.reference, status: '13', ecoa: '1' }]
          : [],
        informationalMessage: [],
      },
    ],
  };
};

/** Starts the Experian sandbox (credentials: `SANDBOX_CLIENT_ID` / `SANDBOX_CLIENT_SECRET`). */
export const startExperianSandbox = (options: { port?: number } = {}): Promise<BureauSandbox> =>
  startConsumerSandbox({
    name: 'experian',
    port: options.port,
    tokenPath: '/oauth2/v1/token',
    reportPath: '/consumerservices/credit-profile/v2/credit-report',
    subjectOf: subjectKey,
    notFoundBody: { errors: [{ errorCode: '1000', errorType: 'App Error', message: 'NO RECORD FOUND' }] },
    malformedBody: '{"creditProfile":[{"tradeline":[{"status":"1',
    report: (req) => {
      const applicant = jsonPath(req.json, 'consumerPii', 'primaryApplicant');
      const first = asText(jsonPath(applicant, 'name', 'firstName'));
      const last = asText(jsonPath(applicant, 'name', 'lastName'));
      if (!last) return { status: 400, body: { errors: [{ errorCode: '1001', errorType: 'App Error', message: 'lastName is required' }] } };
      return { status: 200, body: experianSandboxReport(subjectKey(req), { first, last, ssn: asText(jsonPath(applicant, 'ssn', 'ssn')) || undefined }) };
    },
  });
