import { asText, jsonPath, startConsumerSandbox, subjectKeyOf, syntheticCreditFile, type BureauSandbox, type SandboxRequest } from './sandbox-kit.js';

/**
 * TransUnion consumer credit report sandbox: `POST /oauth/token` and `POST /v1/credit-report`
 * answering a `creditBureau` document (TU XML response rendered as JSON: element text with
 * attributes as `{ "_": text, ... }`), `accountRating` `01` = paid as agreed and payment
 * patterns `1` current … `5` 120+. Shape per TransUnion creditBureau 2.x response (product 07000).
 */

const RATING_BY_DAYS: Record<number, string> = { 0: '01', 30: '02', 60: '03', 90: '04', 120: '05' };
const PATTERN_BY_DAYS: Record<number, string> = { 0: '1', 30: '2', 60: '3', 90: '4', 120: '5' };
const PORTFOLIO: Record<string, string> = { R: 'revolving', I: 'installment', M: 'mortgage' };

const date = (value: string) => ({ _: value, estimatedDay: 'false', estimatedMonth: 'false', estimatedCentury: 'false', estimatedYear: 'false' });
const amount = (n: number) => String(n).padStart(9, '0');

const subjectKey = (req: SandboxRequest): string => {
  const bureau = jsonPath(req.json, 'creditBureau');
  const person = jsonPath(bureau, 'product', 'subject', 'subjectRecord', 'indicative', 'name', 'person');
  return subjectKeyOf(
    jsonPath(bureau, 'transactionControl', 'userRefNumber'),
    jsonPath(person, 'first'),
    jsonPath(person, 'last'),
    jsonPath(bureau, 'product', 'subject', 'subjectRecord', 'indicative', 'socialSecurity', 'number'),
  );
};

/** The synthetic TransUnion document for a subject key. */
export const transUnionSandboxReport = (key: string, names: { first: string; last: string; ssn?: string }) => {
  const file = syntheticCreditFile(key);
  return {
    creditBureau: {
      document: 'response',
      version: '2.33',
      transactionControl: { tracking: { transactionTimeStamp: `${file.asOf}T12:00:00.000-06:00` } },
      product: {
        code: '07000',
        subject: {
          number: '1',
          subjectRecord: {
            fileNumber: '01',
            fileSummary: { fileHitIndicator: 'regularHit', inFileSinceDate: date('2005-04-01') },
            indicative: {
              name: { source: 'file', person: { first: names.first.toUpperCase(), last: names.last.toUpperCase() } },
              address: [{ source: 'file', status: 'current', street: { number: '100', name: 'SANDBOX', type: 'ST' }, location: { city: 'CHICAGO', state: 'IL', zipCode: '60601' }, dateReported: date(file.asOf) }],
              ...(names.ssn ? { socialSecurity: { source: 'file', number: names.ssn } } : {}),
              dateOfBirth: { _: '1980-01-01', estimatedDay: 'true', estimatedMonth: 'true', estimatedCentury: 'false', estimatedYear: 'false' },
            },
            custom: {
              credit: {
                trade: file.tradelines.map((t) => ({
                  subscriber: { industryCode: 'B', memberCode: t.memberCode, name: { unparsed: t.creditor } },
                  portfolioType: PORTFOLIO[t.portfolio],
                  accountNumber: t.accountNumber,
                  ECOADesignator: 'individual',
                  dateOpened: date(t.opened),
                  dateEffective: date(file.asOf),
                  currentBalance: amount(t.balance),
                  highCredit: amount(t.portfolio === 'R' ? Math.max(t.balance, Math.floor(t.limit / 2)) : t.limit),
                  ...(t.portfolio === 'R' ? { creditLimit: amount(t.limit) } : {}),
                  accountRating: RATING_BY_DAYS[t.daysLate] ?? '01',
                  pastDue: amount(t.pastDue),
                  paymentHistory: { paymentPattern: { startDate: date(file.asOf), text: t.history.map((d) => PATTERN_BY_DAYS[d] ?? '1').join('') } },
                })),
                inquiry: file.inquiries.map((i) => ({ ECOADesignator: 'individual', subscriber: { industryCode: 'B', memberCode: i.memberCode, name: { unparsed: i.subscriber } }, date: date(i.date) })),
                collection: file.collections.map((c) => ({
                  subscriber: { industryCode: 'Y', memberCode: '0999C001', name: { unparsed: c.agency } },
                  portfolioType: 'open',
                  accountNumber: 'C0001',
                  ECOADesignator: 'individual',
                  dateOpened: date(c.assigned),
                  dateEffective: date(file.asOf),
                  currentBalance: amount(c.balance),
                  original: { creditGrantor: { unparsed: c.originalCreditor }, balance: amount(c.original) },
                  accountRating: '9B',
                })),
                publicRecord: file.bankruptcy
                  ? [{ type: '7F', subscriber: { industryCode: 'Z', memberCode: '0999Z001' }, docketNumber: file.bankruptcy.reference, dateFiled: date(file.bankruptcy.filed), source: { name: file.bankruptcy.court } }]
                  : [],
              },
            },
            addOnProduct: [
              { code: '00V60', status: 'defaultDelivered', scoreModel: { score: { results: `+${file.score}`, derogatoryAlert: String(file.profile !== 'clean'), factors: { factor: [{ rank: '1', code: file.profile === 'clean' ? '12' : '09' }] } } } },
            ],
          },
        },
      },
    },
  };
};

/** Starts the TransUnion sandbox (OAuth2 client credentials). */
export const startTransUnionSandbox = (options: { port?: number } = {}): Promise<BureauSandbox> =>
  startConsumerSandbox({
    name: 'transunion',
    port: options.port,
    tokenPath: '/oauth/token',
    reportPath: '/v1/credit-report',
    subjectOf: subjectKey,
    notFoundBody: { creditBureau: { document: 'response', error: { code: '202', description: 'No hit: subject not on file' } } },
    malformedBody: '<creditBureau><product>',
    report: (req) => {
      const person = jsonPath(req.json, 'creditBureau', 'product', 'subject', 'subjectRecord', 'indicative', 'name', 'person');
      const last = asText(jsonPath(person, 'last'));
      if (!last) return { status: 400, body: { creditBureau: { error: { code: '100', description: 'name.person.last required' } } } };
      const ssn = asText(jsonPath(req.json, 'creditBureau', 'product', 'subject', 'subjectRecord', 'indicative', 'socialSecurity', 'number'));
      return { status: 200, body: transUnionSandboxReport(subjectKey(req), { first: asText(jsonPath(person, 'first')), last, ssn: ssn || undefined }) };
    },
  });
