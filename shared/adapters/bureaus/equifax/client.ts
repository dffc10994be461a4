import { z } from 'zod';
import type { BureauConnector, BureauSubject } from '../../../domain/credit/bureau-connector.js';
import { assertJsonShape, createBureauHttp } from '../common/bureau-http.js';
import { identifierOf, splitName, toMmddyyyy, type BureauConnectorConfig } from '../common/connector-kit.js';

/** Equifax US consumer credit report settings. */
export interface EquifaxConnectorConfig extends BureauConnectorConfig {
  memberNumber?: string;
  securityCode?: string;
}

export const EQUIFAX_PRODUCT = 'us-consumer-credit-report';
export const EQUIFAX_REPORT_PATH = '/business/consumer-credit/v1/reports/credit-report';
export const EQUIFAX_TOKEN_PATH = '/v2/oauth/token';
export const EQUIFAX_SCOPE = 'https://api.equifax.com/business/consumer-credit/v1';

const ResponseShape = z.object({ consumers: z.object({ equifaxUSConsumerCreditReport: z.array(z.unknown()) }) });

/** Builds the consumer-credit request (`consumers.name[]`, `socialNum[]`, `addresses[]`, `dateOfBirth`). */
export const equifaxRequestBody = (subject: BureauSubject, config: Pick<EquifaxConnectorConfig, 'memberNumber' | 'securityCode'>) => {
  const name = splitName(subject.name);
  const ssn = identifierOf(subject, 'ssn');
  return {
    consumers: {
      name: [{ identifier: 'current', firstName: name.first, lastName: name.last, ...(name.middle ? { middleName: name.middle } : {}) }],
      ...(ssn ? { socialNum: [{ identifier: 'current', number: ssn }] } : {}),
      ...(subject.dateOfBirth ? { dateOfBirth: toMmddyyyy(subject.dateOfBirth) } : {}),
      ...(subject.address
        ? {
            addresses: [
              {
                identifier: 'current',
                streetName: subject.address.lines[0] ?? '',
                city: subject.address.city,
                state: subject.address.region,
                zip: subject.address.postalCode,
              },
            ],
          }
        : {}),
    },
    customerReferenceIdentifier: subject.customerId,
    customerConfiguration: {
      equifaxUSConsumerCreditReport: {
        memberNumber: config.memberNumber ?? '999XX00000',
        securityCode: config.securityCode ?? '@U2',
        codeDescriptionRequired: true,
        models: [{ identifier: '05453' }],
      },
    },
  };
};

/** Equifax consumer connector (OAuth2 client credentials with scope, token cached). */
export const createEquifaxConnector = (config: EquifaxConnectorConfig): BureauConnector => {
  const http = createBureauHttp('equifax', { ...config, tokenPath: EQUIFAX_TOKEN_PATH, scope: EQUIFAX_SCOPE });
  const now = config.now ?? Date.now;
  return {
    bureau: 'equifax',
    product: EQUIFAX_PRODUCT,
    fetchReport: async (subject, ctx) => {
      const { body, contentType } = await http.send(
        EQUIFAX_REPORT_PATH,
        { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'efx-client-correlation-id': ctx.requestId }, body: JSON.stringify(equifaxRequestBody(subject, config)) },
        ctx,
      );
      assertJsonShape(body, ResponseShape, 'Equifax credit report');
      return { bureau: 'equifax', product: EQUIFAX_PRODUCT, contentType, body, receivedAt: new Date(now()).toISOString() };
    },
  };
};
