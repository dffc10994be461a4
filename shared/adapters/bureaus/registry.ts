import { z } from 'zod';
import type { BureauConnector } from '../../domain/credit/bureau-connector.js';
import type { BureauId } from '../../domain/credit/credit-summary.js';
import type { SecretSource } from '../../domain/crm/write-back.js';
import type { ConnectorRegistry } from '../../domain/bureau-pulls/ports.js';
import { PermanentError } from '../../domain/errors.js';
import type { OutboundFetch } from '../http/guarded-fetch.js';
import { createCreditsafeConnector } from './creditsafe/client.js';
import { createDnbConnector } from './dnb/client.js';
import { createEquifaxConnector } from './equifax/client.js';
import { createExperianConnector } from './experian/client.js';
import { createPbocConnector } from './pboc/client.js';
import { createTransUnionConnector } from './transunion/client.js';

/** Name of the secret holding a bureau's credentials (JSON), e.g. `riskbridge/bureau/dnb`. */
export const bureauSecretName = (bureau: BureauId): string => `riskbridge/bureau/${bureau}`;

const ClientCredentialsSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) });
const CreditsafeCredentialsSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });
const PbocCredentialsSchema = z.object({ apiKey: z.string().min(1), institutionCode: z.string().min(1) });

const credentials = async <S extends z.ZodType>(secrets: SecretSource, bureau: BureauId, schema: S): Promise<z.output<S>> => {
  const text = await secrets.get(bureauSecretName(bureau));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PermanentError('bureau_misconfigured', `Secret ${bureauSecretName(bureau)} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new PermanentError('bureau_misconfigured', `Secret ${bureauSecretName(bureau)} lacks ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
};

/**
 * Builds each bureau's connector on first use from its base URL (configuration) and its
 * credentials (a secret, by name), then keeps it (tokens stay cached across invocations).
 * Every connector calls out through `outbound`, the function's guarded fetch.
 * A bureau without a base URL answers `bureau_not_configured` (permanent).
 * @example const registry = bureauConnectorRegistry({ baseUrls: { dnb: 'https://plus.dnb.com' }, secrets, outbound: createGuardedFetch(outboundPolicy()) });
 */
export const bureauConnectorRegistry = (options: { baseUrls: Partial<Record<BureauId, string>>; secrets: SecretSource; outbound: OutboundFetch; timeoutMs?: number }): ConnectorRegistry => {
  const built = new Map<BureauId, Promise<BureauConnector>>();
  const build = async (bureau: BureauId): Promise<BureauConnector> => {
    const baseUrl = options.baseUrls[bureau];
    if (!baseUrl) throw new PermanentError('bureau_not_configured', `${bureau} has no base URL configured`);
    const timeoutMs = options.timeoutMs;
    const timeout = timeoutMs === undefined ? {} : { timeoutMs };
    const { outbound } = options;
    switch (bureau) {
      case 'experian':
        return createExperianConnector({ baseUrl, ...(await credentials(options.secrets, bureau, ClientCredentialsSchema)), ...timeout, outbound });
      case 'equifax':
        return createEquifaxConnector({ baseUrl, ...(await credentials(options.secrets, bureau, ClientCredentialsSchema)), ...timeout, outbound });
      case 'transunion':
        return createTransUnionConnector({ baseUrl, ...(await credentials(options.secrets, bureau, ClientCredentialsSchema)), ...timeout, outbound });
      case 'dnb':
        return createDnbConnector({ baseUrl, ...(await credentials(options.secrets, bureau, ClientCredentialsSchema)), ...timeout }, { outbound });
      case 'creditsafe':
        return createCreditsafeConnector({ baseUrl, ...(await credentials(options.secrets, bureau, CreditsafeCredentialsSchema)), ...timeout }, { outbound });
      case 'pboc':
        return createPbocConnector({ baseUrl, ...(await credentials(options.secrets, bureau, PbocCredentialsSchema)), ...timeout }, { outbound });
    }
  };
  return {
    connector(bureau) {
      let connector = built.get(bureau);
      if (!connector) {
        connector = build(bureau);
        connector.catch(() => built.delete(bureau));
        built.set(bureau, connector);
      }
      return connector;
    },
  };
};
