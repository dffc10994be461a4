import { asText, jsonPath, mmddyyyy, startConsumerSandbox, subjectKeyOf, syntheticCreditFile, type BureauSandbox, type SandboxRequest } from './sandbox-kit.js';

/**
 * Equifax US consumer credit report sandbox: `POST /v2/oauth/token` and
 * `POST /business/consumer-credit/v1/reports/credit-report`, answering
 * `consumers.equifaxUSConsumerCreditReport[]` with Equifax rate codes (`1` = pays as agreed)
 * and `MM00YYYY` month-precision trade dates. Shape per Equifax Consumer Credit Report API
 * (developer.equifax.com OneView/consumer-credit sample response).
 */

const RATE_BY_DAYS: Record<number, { code: string; description: string }> = {
  0: { code: '1', description: 'Pays account as agreed' },
  30: { code: '2', description: 'Not more than two payments past due' },
  60: { code: '3', description: 'Not more than three payments past due' },
  90: { code: '4', description: 'Not more than four payments past due' },
  120: { code: '5', description: 'At least 120 days or more than four payments past due' },
};

const monthOnly = (iso: string) => `${iso.slice(5, 7)}00${iso.slice(0, 4)}`;

const subjectKey = (req: SandboxRequest): string => {
  const name = jsonPath(req.json, 'consumers', 'name', 0);
  return subjectKeyOf(jsonPath(req.json, 'customerReferenceIdentifier'), jsonPath(name, 'firstName'), jsonPath(name, 'lastName'), jsonPath(req.json, 'consumers', 'socialNum', 0, 'number'));
};

/** The synthetic Equifax document for a subject key. */
export const equifaxSandboxReport = (key: string, names: { first: string; last: string; ssn?: string; reference?: string }) => {
  const file = syntheticCreditFile(key);
  return {
    status: 'completed',
    consumers: {
      equifaxUSConsumerCreditReport: [
        {
          identifier: 'Individual Report 1',
          customerReferenceNumber: names.reference ?? '',
          hitCode: { code: '1', description: 'Hit' },
          reportDate: mmddyyyy(file.asOf),
          subjectName: { firstName: names.first.toUpperCase(), lastName: names.last.toUpperCase() },
          ...(names.ssn ? { subjectSocialNum: names.ssn } : {}),
          birthDate: '00001980',
          addresses: [{ addressType: 'current', addressLine1: '100 SANDBOX ST', cityName: 'ATLANTA', stateAbbreviation: 'GA', zipCode: '30301', dateLastReported: mmddyyyy(file.asOf) }],
          trades: file.tradelines.map((t) => ({
            customerNumber: t.memberCode,
            customerName: t.creditor,
            accountNumber: t.accountNumber,
            accountDesignator: { code: 'I', description: 'Individual Account' },
            dateReported: monthOnly(file.asOf),
            dateOpened: monthOnly(t.opened),
            highCredit: t.portfolio === 'R' ? Math.max(t.balance, Math.floor(t.limit / 2)) : t.limit,
            ...(t.portfolio === 'R' ? { creditLimit: t.limit } : {}),
            balance: t.balance,
            pastDueAmount: t.pastDue,
            portfolioTypeCode: { code: t.portfolio, description: t.portfolio === 'R' ? 'Revolving' : t.portfolio === 'M' ? 'Mortgage' : 'Installment' },
            rate: { code: Number(RATE_BY_DAYS[t.daysLate]?.code ?? '1'), description: RATE_BY_DAYS[t.daysLate]?.description ?? '' },
            paymentHistory1to24: t.history.flatMap((d, i) => {
              const entry = { code: RATE_BY_DAYS[d]?.code ?? '1', description: RATE_BY_DAYS[d]?.description ?? '' };
              return i === 12 ? [{ code: '/' }, entry] : [entry];
            }),
          })),
          inquiries: file.inquiries.map((i) => ({ type: 'inquiry', industryCode: 'BB', inquiryDate: mmddyyyy(i.date), customerNumber: i.memberCode, customerName: i.subscriber })),
          collections: file.collections.map((c) => ({
            industryCode: 'Y',
            customerNumber: '999YC00001',
            clientNameOrNumber: c.originalCreditor,
            statusCode: { code: 'U', description: 'Unpaid' },
            dateReported: mmddyyyy(file.asOf),
            dateAssigned: mmddyyyy(c.assigned),
            originalAmount: String(c.original),
            balance: String(c.balance),
          })),
          bankruptcies: file.bankruptcy
            ? [{ type: 'I', filer: 'I', caseNumber: file.bankruptcy.reference, dateFiled: mmddyyyy(file.bankruptcy.filed), currentIntentOrDispositionCode: { code: 'F', description: 'Filed' } }]
            : [],
          models: [{ type: 'FICO', modelNumber: '05453', score: file.score, reasons: [{ code: file.profile === 'clean' ? '00014' : '00018' }] }],
        },
      ],
    },
  };
};

/** Starts the Equifax sandbox (OAuth2 client credentials). */
export const startEquifaxSandbox = (options: { port?: number } = {}): Promise<BureauSandbox> =>
  startConsumerSandbox({
    name: 'equifax',
    port: options.port,
    tokenPath: '/v2/oauth/token',
    reportPath: '/business/consumer-credit/v1/reports/credit-report',
    subjectOf: subjectKey,
    notFoundBody: { error: { code: 'NO_HIT', message: 'No file found for the consumer' } },
    malformedBody: '{"status":"completed","consumers":',
    report: (req) => {
      const name = jsonPath(req.json, 'consumers', 'name', 0);
      const last = asText(jsonPath(name, 'lastName'));
      if (!last) return { status: 400, body: { error: { code: 'INVALID_REQUEST', message: 'consumers.name is required' } } };
      return {
        status: 200,
        body: equifaxSandboxReport(subjectKey(req), {
          first: asText(jsonPath(name, 'firstName')),
          last,
          ssn: asText(jsonPath(req.json, 'consumers', 'socialNum', 0, 'number')) || undefined,
          reference: asText(jsonPath(req.json, 'customerReferenceIdentifier')),
        }),
      };
    },
  });
