import { z } from 'zod';
import type { BureauConnector, BureauSubject } from '../../../domain/credit/bureau-connector.js';
import { assertJsonShape, createBureauHttp } from '../common/bureau-http.js';
import { identifierOf, splitName, toMmddyyyy, type BureauConnectorConfig } from '../common/connector-kit.js';

/** Experian Consumer Credit Profile v2 settings. */
export interface ExperianConnectorConfig extends BureauConnectorConfig {
  subscriberCode?: string;
  /** Risk models to request (Experian `modelIndicator`s), default VantageScore 4 (`V4`). */
  riskModels?: string[];
}

export const EXPERIAN_PRODUCT = 'credit-profile-v2';
export const EXPERIAN_REPORT_PATH = '/consumerservices/credit-profile/v2/credit-report';
export const EXPERIAN_TOKEN_PATH = '/oauth2/v1/token';

const ResponseShape = z.object({ creditProfile: z.array(z.unknown()) });

/** Builds the credit-profile v2 request body (`consumerPii.primaryApplicant`, requestor, purpose, add-ons). */
export const experianRequestBody = (subject: BureauSubject, config: Pick<ExperianConnectorConfig, 'subscriberCode' | 'riskModels'>) => {
  const name = splitName(subject.name);
  return {
    consumerPii: {
      primaryApplicant: {
        name: { lastName: name.last, firstName: name.first, ...(name.middle ? { middleName: name.middle } : {}) },
        ...(subject.dateOfBirth ? { dob: { dob: toMmddyyyy(subject.dateOfBirth) } } : {}),
        ...(identifierOf(subject, 'ssn') ? { ssn: { ssn: identifierOf(subject, 'ssn') } } : {}),
        ...(subject.address
          ? {
              currentAddress: {
                line1: subject.address.lines[0] ?? '',
                line2: subject.address.lines[1],
                city: subject.address.city,
                state: subject.address.region,
                zipCode: subject.address.postalCode,
              },
            }
          : {}),
      },
    },
    requestor: { subscriberCode: config.subscriberCode ?? '0000000' },
    permissiblePurpose: { type: '3F' },
    addOns: { riskModels: { modelIndicator: config.riskModels ?? ['V4'] } },
  };
};

/**
 * Experian consumer connector: OAuth2 client credentials (token cached), POST credit-report,
 * returns the raw JSON. Errors follow `createBureauHttp`; a 200 body that is not a
 * `creditProfile` document is `malformed_report`.
 */
export const createExperianConnector = (config: ExperianConnectorConfig): BureauConnector => {
  const http = createBureauHttp('experian', { ...config, tokenPath: EXPERIAN_TOKEN_PATH });
  const now = config.now ?? Date.now;
  return {
    bureau: 'experian',
    product: EXPERIAN_PRODUCT,
    fetchReport: async (subject, ctx) => {
      const { body, contentType } = await http.send(
        EXPERIAN_REPORT_PATH,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', clientReferenceId: subject.customerId },
          body: JSON.stringify(experianRequestBody(subject, config)),
        },
        ctx,
      );
      assertJsonShape(body, ResponseShape, 'Experian credit profile');
      return { bureau: 'experian', product: EXPERIAN_PRODUCT, contentType, body, receivedAt: new Date(now()).toISOString() };
    },
  };
};
