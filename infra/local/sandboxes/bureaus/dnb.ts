import { createHash } from 'node:crypto';
import {
  bearerTokens,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  seededRandom,
  startBureauSandbox,
  subjectProfile,
  type BureauSandbox,
  type SandboxRequest,
} from './sandbox-kit.js';

/**
 * D&B Direct+ sandbox: `POST /v2/token` (Basic key:secret, JSON grant_type) → `{access_token,
 * expiresIn}`, `GET /v1/match/cleanseMatch`, `GET /v1/data/duns/{duns}?blockIDs=` answering the
 * data-blocks shape of test/fixtures/bureaus/dnb. Synthetic, deterministic per DUNS (the DUNS
 * itself is a hash of the matched name). Triggers: a name containing `notfound`/`malformed`
 * (kit), `lowconfidence` (match confidence 4), DUNS `000000404` (no match) and `000000422`
 * (malformed body); `clean`/`delinquent`/`derogatory` in the name force the risk profile.
 */

export const DNB_SANDBOX_NOT_FOUND_DUNS = '000000404';
export const DNB_SANDBOX_MALFORMED_DUNS = '000000422';

/** The DUNS the sandbox assigns to a company name (9 digits, stable). */
export const sandboxDunsFor = (name: string): string =>
  String(createHash('sha256').update(name.trim().toLowerCase()).digest().readUInt32BE(0) % 900_000_000 + 100_000_000);

const NAMES = ['Northwind Components', 'Bluefield Packaging', 'Arden Tooling', 'Cobalt Freight', 'Larkspur Foods'];

/** Builds the Direct+ data-blocks answer for a DUNS (exported so tests can predict it). */
export const dnbSandboxReport = (duns: string, name?: string): Record<string, unknown> => {
  const rnd = seededRandom(`dnb:${duns}`);
  const companyName = name ?? `${rnd.pick(NAMES)} Inc.`;
  const profile = subjectProfile(`${companyName} ${duns}`);
  const paydex = profile === 'clean' ? rnd.int(75, 90) : profile === 'delinquent' ? rnd.int(40, 69) : rnd.int(1, 35);
  const failure = profile === 'clean' ? rnd.int(60, 100) : profile === 'delinquent' ? rnd.int(20, 59) : rnd.int(1, 19);
  const delinquency = profile === 'clean' ? rnd.int(55, 100) : profile === 'delinquent' ? rnd.int(15, 54) : rnd.int(1, 14);
  const classOf = (percentile: number): number => (percentile >= 80 ? 1 : percentile >= 60 ? 2 : percentile >= 30 ? 3 : percentile >= 10 ? 4 : 5);
  const employees = rnd.int(5, 2000);
  return {
    transactionDetail: { transactionID: `rrt-sandbox-${duns}-${rnd.int(1000, 9999)}`, transactionTimestamp: '2025-06-01T00:00:00.000Z', inLanguage: 'en-US', serviceVersion: '1' },
    inquiryDetail: { duns, blockIDs: ['companyinfo_L2_v1', 'paymentinsight_L1_v1', 'dnbassessment_L2_v1'] },
    organization: {
      duns,
      primaryName: companyName,
      countryISOAlpha2Code: 'US',
      primaryAddress: {
        streetAddress: { line1: `${rnd.int(1, 999)} Market St` },
        addressLocality: { name: 'Springfield' },
        addressRegion: { name: 'Illinois', abbreviatedName: 'IL' },
        postalCode: String(rnd.int(60000, 62999)),
        addressCountry: { isoAlpha2Code: 'US' },
      },
      registrationNumbers: [{ registrationNumber: `${rnd.int(10, 99)}-${rnd.int(1_000_000, 9_999_999)}`, typeDescription: 'Federal Taxpayer Identification Number (US)', typeDnBCode: 6863 }],
      startDate: String(rnd.int(1950, 2020)),
      dunsControlStatus: { operatingStatus: { description: 'Active', dnbCode: 9074 }, isOutOfBusiness: false },
      businessEntityType: { description: 'Corporation', dnbCode: 451 },
      industryCodes: [{ code: '423840', description: 'Industrial Supplies Merchant Wholesalers', typeDescription: 'North American Industry Classification System 2022', typeDnBCode: 37788, priority: 1 }],
      numberOfEmployees: [{ value: employees, informationScopeDescription: 'Consolidated', reliabilityDescription: rnd.chance(0.3) ? 'Modelled' : 'Actual' }],
      financials: [{ financialStatementToDate: '2024-12-31', yearlyRevenue: [{ value: employees * rnd.int(80_000, 250_000), currency: 'USD' }] }],
      businessTrading: [{ summaryDate: '2025-05-31', currency: 'USD', summary: [{ paydexScore: paydex, dayBeyondTerms: Math.max(0, Math.round((80 - paydex) / 2)), totalExperiencesCount: rnd.int(3, 120) }] }],
      legalEvents: { hasOpenBankruptcy: false, hasOpenJudgments: profile === 'derogatory', hasOpenLiens: profile === 'derogatory' && rnd.chance(0.5), hasOpenSuits: false },
      dnbAssessment: {
        failureScore: { classScore: classOf(failure), nationalPercentile: failure, scoreDate: '2025-05-28', scoreModel: { description: 'Sandbox Failure Score', dnbCode: 0 } },
        delinquencyScore: { classScore: classOf(delinquency), nationalPercentile: delinquency, scoreDate: '2025-05-28', scoreModel: { description: 'Sandbox Delinquency Score', dnbCode: 0 } },
        creditLimitRecommendation: { assessmentDate: '2025-05-28', maximumRecommendedLimit: { value: profile === 'derogatory' ? 0 : rnd.int(5, 500) * 1000, currency: 'USD' } },
      },
    },
  };
};

export interface DnbSandboxOptions {
  port?: number;
  clientId?: string;
  clientSecret?: string;
}

/** Starts the D&B Direct+ sandbox on 127.0.0.1. */
export const startDnbSandbox = async (options: DnbSandboxOptions = {}): Promise<BureauSandbox & { clientId: string; clientSecret: string }> => {
  const clientId = options.clientId ?? SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? SANDBOX_CLIENT_SECRET;
  const tokens = bearerTokens();
  const namesByDuns = new Map<string, string>();
  const dunsOf = (req: SandboxRequest): string | undefined => /^\/v1\/data\/duns\/(\d{9})$/.exec(req.path)?.[1];
  const notFound = () => ({ status: 404, body: { transactionDetail: { transactionID: 'rrt-sandbox-404' }, error: { errorCode: '10001', errorMessage: 'No match found for the requested DUNS.' } } });

  const sandbox = await startBureauSandbox({
    name: 'dnb',
    port: options.port,
    auth: {
      kind: 'custom',
      tokenPath: '/v2/token',
      issueToken(req) {
        const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
        const [id, secret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [];
        const grant = (req.json as { grant_type?: unknown } | undefined)?.grant_type;
        if (grant !== 'client_credentials') return { status: 400, body: { error: { errorCode: '00004', errorMessage: 'grant_type must be client_credentials' } } };
        if (id !== clientId || secret !== clientSecret) return { status: 401, body: { error: { errorCode: '00002', errorMessage: 'Invalid credentials' } } };
        return { status: 200, body: { access_token: tokens.issue(), expiresIn: 86400 } };
      },
      verify: tokens.verify,
    },
    subjectOf(req) {
      const duns = dunsOf(req);
      if (duns === DNB_SANDBOX_NOT_FOUND_DUNS) return 'notfound';
      if (duns === DNB_SANDBOX_MALFORMED_DUNS) return 'malformed';
      // The report call carries only the DUNS: add the name it was matched from (for `mismatch`).
      if (duns !== undefined) return [duns, namesByDuns.get(duns)].filter(Boolean).join('|');
      return req.query.get('name') ?? undefined;
    },
    notFound,
    routes: [
      {
        method: 'GET',
        path: '/v1/match/cleanseMatch',
        handler(req) {
          const name = req.query.get('name') ?? '';
          const duns = sandboxDunsFor(name);
          namesByDuns.set(duns, name);
          const confidenceCode = name.toLowerCase().includes('lowconfidence') ? 4 : 9;
          return { status: 200, body: { transactionDetail: { transactionID: `rrt-match-${duns}` }, candidatesMatchedQuantity: 1, matchCandidates: [{ displaySequence: 1, organization: { duns, primaryName: name }, matchQualityInformation: { confidenceCode, matchGrade: 'AAAZZZZZZZZ' } }] } };
        },
      },
      {
        method: 'GET',
        path: /^\/v1\/data\/duns\/\d{9}$/,
        handler(req) {
          const duns = dunsOf(req)!;
          return { status: 200, body: dnbSandboxReport(duns, namesByDuns.get(duns)) };
        },
      },
    ],
  });
  return Object.assign(sandbox, { clientId, clientSecret });
};
