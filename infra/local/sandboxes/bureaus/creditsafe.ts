import { createHash } from 'node:crypto';
import { bearerTokens, seededRandom, startBureauSandbox, subjectProfile, type BureauSandbox, type SandboxRequest } from './sandbox-kit.js';

/**
 * Creditsafe Connect sandbox: `POST /v1/authenticate {username, password}` → `{token}`,
 * `GET /v1/companies?countries=&regNo=|vatNo=|name=` (search) and `GET /v1/companies/{connectId}`
 * answering the company-report shape of test/fixtures/bureaus/creditsafe. Synthetic and
 * deterministic per connectId (derived from the registration number or name). Triggers: a
 * connectId, regNo or name containing `notfound` / `malformed` (kit); `clean` / `delinquent` /
 * `derogatory` force the risk profile.
 */

export const CREDITSAFE_SANDBOX_USERNAME = 'sandbox@example.com';
export const CREDITSAFE_SANDBOX_PASSWORD = 'sandbox-password';

/** The connectId the sandbox search returns for a country and registration number or name. */
export const sandboxConnectIdFor = (country: string, key: string): string =>
  /notfound|malformed|clean|delinquent|derogatory/i.test(key)
    ? `${country}-0-${key.replace(/[^A-Za-z0-9]/g, '').slice(0, 30)}`
    : `${country}-0-${String(createHash('sha256').update(key.trim().toLowerCase()).digest().readUInt32BE(0) % 90_000_000 + 10_000_000)}`;

const COMMON = [
  ['A', 'Very Low Risk', 71, 100],
  ['B', 'Low Risk', 51, 70],
  ['C', 'Moderate Risk', 30, 50],
  ['D', 'High Risk', 1, 29],
] as const;

/** Builds the Connect company report for a connectId (exported so tests can predict it). */
export const creditsafeSandboxReport = (connectId: string): Record<string, unknown> => {
  const rnd = seededRandom(`creditsafe:${connectId}`);
  const profile = subjectProfile(connectId);
  const band = profile === 'clean' ? COMMON[rnd.int(0, 1)]! : profile === 'delinquent' ? COMMON[2] : COMMON[3];
  const score = rnd.int(band[2], band[3]);
  const country = connectId.slice(0, 2);
  const currency = country === 'GB' ? 'GBP' : 'EUR';
  const regNo = connectId.split('-').pop() ?? connectId;
  const name = `SANDBOX ${regNo.toUpperCase()} LIMITED`;
  const limit = band[0] === 'D' ? 0 : rnd.int(1, 200) * 500;
  const late = profile === 'clean' ? 0 : rnd.int(1, 8);
  const ccjs = profile === 'derogatory' ? rnd.int(1, 3) : 0;
  const rating = { commonValue: band[0], commonDescription: band[1], creditLimit: { currency, value: String(limit) }, providerValue: { maxValue: '100', minValue: '1', value: String(score) }, providerDescription: band[1] };
  const address = { simpleValue: `${rnd.int(1, 200)} HIGH STREET, READING, RG1 ${rnd.int(1, 9)}AA`, street: `${rnd.int(1, 200)} HIGH STREET`, city: 'READING', postalCode: `RG1 ${rnd.int(1, 9)}AA`, country };
  return {
    correlationId: createHash('sha256').update(connectId).digest('hex').slice(0, 32),
    report: {
      companyId: connectId,
      language: 'EN',
      companySummary: { businessName: name, country, companyRegistrationNumber: regNo, mainActivity: { code: '46900', description: 'Non-specialised wholesale trade', classification: 'SIC07' }, companyStatus: { status: 'Active', description: 'Active' }, latestTurnoverFigure: { currency, value: rnd.int(100, 50_000) * 1000 }, creditRating: rating },
      companyIdentification: { basicInformation: { businessName: name, registeredCompanyName: name, companyRegistrationNumber: regNo, country, companyRegistrationDate: `${rnd.int(1970, 2022)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}T00:00:00Z`, legalForm: { providerCode: '1', description: 'Private limited with Share Capital' }, companyStatus: { status: 'Active', description: 'Active' }, contactAddress: address } },
      creditScore: { currentCreditRating: rating, latestRatingChangeDate: '2025-01-01T00:00:00Z' },
      contactInformation: { mainAddress: address },
      directors: { currentDirectors: [{ id: 'SYN-D1', name: 'Sandbox Director', directorType: 'Person', positions: [{ positionName: 'Director' }] }] },
      otherInformation: { employeesInformation: [{ year: 2024, numberOfEmployees: String(rnd.int(1, 500)) }] },
      negativeInformation: { ccjSummary: { exactRegistered: ccjs, possibleRegistered: 0, numberOfExact: ccjs, numberOfPossible: 0, numberOfSatisfied: 0, numberOfWrits: 0, currency } },
      paymentData: { paymentsOnFile: rnd.int(10, 80), paymentsStillOwingLate: late, payments31to60DaysLate: late > 2 ? 1 : 0, payments61to90DaysLate: late > 5 ? 1 : 0, totalBalanceStillOwing: rnd.int(1000, 90000), totalBalanceStillOwingLate: late * 750, dbt: late * 3 },
    },
    companyId: connectId,
    dateOfOrder: '2025-06-01T00:00:00Z',
    language: 'EN',
  };
};

export interface CreditsafeSandboxOptions {
  port?: number;
  username?: string;
  password?: string;
}

/** Starts the Creditsafe Connect sandbox on 127.0.0.1. */
export const startCreditsafeSandbox = async (options: CreditsafeSandboxOptions = {}): Promise<BureauSandbox & { username: string; password: string }> => {
  const username = options.username ?? CREDITSAFE_SANDBOX_USERNAME;
  const password = options.password ?? CREDITSAFE_SANDBOX_PASSWORD;
  const tokens = bearerTokens();
  const idOf = (req: SandboxRequest): string | undefined => {
    const match = /^\/v1\/companies\/([^/]+)$/.exec(req.path)?.[1];
    return match === undefined ? undefined : decodeURIComponent(match);
  };
  const sandbox = await startBureauSandbox({
    name: 'creditsafe',
    port: options.port,
    auth: {
      kind: 'custom',
      tokenPath: '/v1/authenticate',
      issueToken(req) {
        const body = req.json as { username?: unknown; password?: unknown } | undefined;
        if (body?.username !== username || body?.password !== password) return { status: 401, body: { message: 'Invalid credentials' } };
        return { status: 200, body: { token: tokens.issue('eyJ.') } };
      },
      verify: tokens.verify,
    },
    subjectOf: (req) => idOf(req) ?? req.query.get('regNo') ?? req.query.get('vatNo') ?? req.query.get('name') ?? undefined,
    notFound: () => ({ status: 404, body: { correlationId: 'sandbox-404', message: 'Not Found', details: 'Company not found for the given connectId' } }),
    routes: [
      {
        method: 'GET',
        path: '/v1/companies',
        handler(req) {
          const country = (req.query.get('countries') ?? 'GB').split(',')[0]!;
          const key = req.query.get('regNo') ?? req.query.get('vatNo') ?? req.query.get('name') ?? '';
          if (key === '' || key.toLowerCase().includes('nohit')) return { status: 200, body: { correlationId: 'sandbox-search', totalSize: 0, companies: [] } };
          const id = sandboxConnectIdFor(country, key);
          return { status: 200, body: { correlationId: 'sandbox-search', totalSize: 1, companies: [{ id, country, regNo: req.query.get('regNo') ?? undefined, name: `SANDBOX ${id.split('-').pop()} LIMITED`, status: 'Active', type: 'Ltd' }] } };
        },
      },
      { method: 'GET', path: /^\/v1\/companies\/[^/]+$/, handler: (req) => ({ status: 200, body: creditsafeSandboxReport(idOf(req)!) }) },
    ],
  });
  return Object.assign(sandbox, { username, password });
};
