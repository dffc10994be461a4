import { createHash } from 'node:crypto';
import { seededRandom, startBureauSandbox, subjectProfile, type BureauSandbox, type SandboxRequest } from './sandbox-kit.js';

/**
 * PBOC agency-gateway sandbox (the real CRC is reached through licensed gateways over mutual
 * TLS; here an API-key JSON gateway): `POST /v1/personal-credit-reports` with `x-api-key`,
 * answering the JSON rendition of 个人信用报告 in test/fixtures/bureaus/pboc. Synthetic and
 * deterministic per resident id number. Triggers: id or name containing `notfound` (answers
 * `resultCode: NO_RECORD`, 无信用记录) or `malformed` (kit); `clean` / `delinquent` /
 * `derogatory` in the name force the risk profile.
 */

export const PBOC_SANDBOX_API_KEY = 'sandbox-pboc-key';

const subjectOfBody = (req: SandboxRequest): { name: string; idNumber: string } => {
  const body = (req.json ?? {}) as { name?: unknown; idNumber?: unknown };
  return { name: typeof body.name === 'string' ? body.name : '', idNumber: typeof body.idNumber === 'string' ? body.idNumber : '' };
};

const BANKS = ['商业银行"SYNBANK1"', '商业银行"SYNBANK2"', '消费金融公司"SYNCF01"', '小额贷款公司"SYNMC01"'];

/** Builds the personal report for a subject (exported so tests can predict it). */
export const pbocSandboxReport = (idNumber: string, name: string): Record<string, unknown> => {
  const rnd = seededRandom(`pboc:${idNumber}`);
  const profile = subjectProfile(`${name} ${idNumber}`);
  const accounts = Array.from({ length: rnd.int(1, 4) }, (_, index) => {
    const revolving = rnd.chance(0.5);
    const overdue = profile === 'clean' ? 0 : profile === 'delinquent' ? (index === 0 ? rnd.int(1, 2) : 0) : index === 0 ? rnd.int(3, 7) : 0;
    const history = Array.from({ length: 24 }, (_, m) => (m === 23 ? (overdue === 0 ? 'N' : String(overdue)) : rnd.chance(0.05) ? '*' : 'N')).join('');
    const amount = rnd.int(10, 2000) * 1000;
    return {
      accountNo: String(index + 1),
      institution: rnd.pick(BANKS),
      accountType: revolving ? 'R2' : 'D1',
      businessType: revolving ? '贷记卡' : '个人消费贷款',
      currency: 'CNY',
      openDate: `20${rnd.int(10, 22)}-0${rnd.int(1, 9)}-15`,
      ...(revolving ? { creditLimit: `${amount}.00` } : { loanAmount: `${amount}.00` }),
      balance: `${Math.round(amount * rnd.next())}.${rnd.int(10, 99)}`,
      overdueAmount: overdue === 0 ? '0' : `${rnd.int(500, 20000)}.00`,
      currentOverduePeriods: overdue,
      fiveTierClassification: overdue === 0 ? '正常' : overdue <= 2 ? '关注' : overdue <= 4 ? '次级' : overdue <= 6 ? '可疑' : '损失',
      accountStatus: overdue === 0 ? '正常' : overdue >= 7 ? '呆账' : '逾期',
      repaymentRecord: { startMonth: '2023-06', endMonth: '2025-05', statuses: history },
    };
  });
  return {
    reportHeader: { reportNo: `2025${createHash('sha256').update(idNumber).digest('hex').replace(/\D/g, '').padEnd(18, '0').slice(0, 18)}`, queryTime: '2025-06-01T10:00:00+08:00', reportTime: '2025-06-01T10:00:02+08:00', queryReason: '贷后管理' },
    identity: { name, idType: '身份证', idNumber, dateOfBirth: /^\d{17}[\dX]$/.test(idNumber) ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` : undefined, residences: [{ address: `上海市浦东新区样例路${rnd.int(1, 999)}号`, postalCode: '200120', updatedAt: '2024-01-01' }] },
    creditTransactionDetails: { accounts },
    publicInformation: {
      courtEnforcements: profile === 'derogatory' ? [{ court: '上海市浦东新区人民法院', caseNo: `(2024)沪0115执${rnd.int(1000, 99999)}号`, filedDate: '2024-03-01', status: '执行中', amount: `${rnd.int(1, 500) * 1000}.00` }] : [],
      civilJudgments: [],
      taxArrears: [],
    },
    queryRecords: [{ queryDate: '2025-06-01', institution: rnd.pick(BANKS), reason: '贷后管理' }],
  };
};

/** Starts the PBOC gateway sandbox on 127.0.0.1. */
export const startPbocSandbox = async (options: { port?: number; apiKey?: string } = {}): Promise<BureauSandbox & { apiKey: string }> => {
  const apiKey = options.apiKey ?? PBOC_SANDBOX_API_KEY;
  const sandbox = await startBureauSandbox({
    name: 'pboc',
    port: options.port,
    auth: { kind: 'custom', verify: (req) => req.headers['x-api-key'] === apiKey },
    subjectOf: (req) => {
      const { name, idNumber } = subjectOfBody(req);
      return `${idNumber} ${name}`;
    },
    notFound: () => ({ status: 200, body: { resultCode: 'NO_RECORD', resultMessage: '该查询对象在征信系统中无信用记录' } }),
    routes: [
      {
        method: 'POST',
        path: '/v1/personal-credit-reports',
        handler(req) {
          const { name, idNumber } = subjectOfBody(req);
          if (name === '' || idNumber === '') return { status: 400, body: { resultCode: 'INVALID_REQUEST', resultMessage: 'name and idNumber are required' } };
          return { status: 200, body: pbocSandboxReport(idNumber, name) };
        },
      },
    ],
  });
  return Object.assign(sandbox, { apiKey });
};
