import type { BureauId } from '../../../../shared/domain/credit/credit-summary.js';
import { bureauSecretName } from '../../../../shared/adapters/bureaus/registry.js';
import { startCreditsafeSandbox } from './creditsafe.js';
import { startDnbSandbox } from './dnb.js';
import { startEquifaxSandbox } from './equifax.js';
import { startExperianSandbox } from './experian.js';
import { startPbocSandbox } from './pboc.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type BureauSandbox } from './sandbox-kit.js';
import { startTransUnionSandbox } from './transunion.js';

export interface LocalBureaus {
  sandboxes: Record<BureauId, BureauSandbox>;
  /** `BUREAU_<NAME>_URL` for the functions. */
  env: Record<string, string>;
  /** `riskbridge/bureau/<bureau>` → credentials JSON, for LOCAL_SECRETS. */
  secrets: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the six bureau sandboxes and says how the hub reaches them (URLs + secrets by name). */
export const startLocalBureaus = async (): Promise<LocalBureaus> => {
  const [experian, equifax, transunion, dnb, creditsafe, pboc] = await Promise.all([
    startExperianSandbox(),
    startEquifaxSandbox(),
    startTransUnionSandbox(),
    startDnbSandbox(),
    startCreditsafeSandbox(),
    startPbocSandbox(),
  ]);
  const sandboxes: Record<BureauId, BureauSandbox> = { experian, equifax, transunion, dnb, creditsafe, pboc };
  const clientCredentials = JSON.stringify({ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET });
  return {
    sandboxes,
    env: Object.fromEntries((Object.keys(sandboxes) as BureauId[]).map((b) => [`BUREAU_${b.toUpperCase()}_URL`, sandboxes[b].url])),
    secrets: {
      [bureauSecretName('experian')]: clientCredentials,
      [bureauSecretName('equifax')]: clientCredentials,
      [bureauSecretName('transunion')]: clientCredentials,
      [bureauSecretName('dnb')]: JSON.stringify({ clientId: dnb.clientId, clientSecret: dnb.clientSecret }),
      [bureauSecretName('creditsafe')]: JSON.stringify({ username: creditsafe.username, password: creditsafe.password }),
      [bureauSecretName('pboc')]: JSON.stringify({ apiKey: pboc.apiKey, institutionCode: 'SYN0001' }),
    },
    stop: async () => {
      await Promise.allSettled(Object.values(sandboxes).map((s) => s.stop()));
    },
  };
};
