import { z } from 'zod';
import type { BureauConnector, BureauSubject } from '../../../domain/credit/bureau-connector.js';
import { assertJsonShape, createBureauHttp } from '../common/bureau-http.js';
import { identifierOf, splitName, type BureauConnectorConfig } from '../common/connector-kit.js';

/** TransUnion consumer credit report settings. */
export interface TransUnionConnectorConfig extends BureauConnectorConfig {
  /** TU subscriber member code and industry code sent in `transactionControl.subscriber`. */
  memberCode?: string;
  industryCode?: string;
  /** Add-on score products, default VantageScore 3.0 (`00V60`). */
  addOnProducts?: string[];
}

export const TRANSUNION_PRODUCT = 'credit-report-07000';
export const TRANSUNION_REPORT_PATH = '/v1/credit-report';
export const TRANSUNION_TOKEN_PATH = '/oauth/token';

const ResponseShape = z.object({ creditBureau: z.object({ product: z.unknown() }) });

/** Builds a creditBureau request document (XML-as-JSON: transactionControl + product.subject.indicative). */
export const transUnionRequestBody = (subject: BureauSubject, config: Pick<TransUnionConnectorConfig, 'memberCode' | 'industryCode' | 'addOnProducts'>) => {
  const name = splitName(subject.name);
  const ssn = identifierOf(subject, 'ssn');
  return {
    creditBureau: {
      document: 'request',
      version: '2.33',
      transactionControl: {
        userRefNumber: subject.customerId,
        subscriber: { industryCode: config.industryCode ?? 'F', memberCode: config.memberCode ?? '00000000' },
        options: { country: 'us', language: 'en', productVersion: 'standard' },
      },
      product: {
        code: '07000',
        subject: {
          number: '1',
          subjectRecord: {
            indicative: {
              name: { person: { first: name.first, ...(name.middle ? { middle: name.middle } : {}), last: name.last } },
              ...(subject.address
                ? {
                    address: {
                      status: 'current',
                      street: { unparsed: subject.address.lines[0] ?? '' },
                      location: { city: subject.address.city, state: subject.address.region, zipCode: subject.address.postalCode },
                    },
                  }
                : {}),
              ...(ssn ? { socialSecurity: { number: ssn } } : {}),
              ...(subject.dateOfBirth ? { dateOfBirth: subject.dateOfBirth } : {}),
            },
            addOnProduct: (config.addOnProducts ?? ['00V60']).map((code) => ({ code, scoreModelProduct: 'true' })),
          },
        },
        responseInstructions: { returnErrorText: 'true', document: null },
        permissiblePurpose: { inquiryECOADesignator: 'individual' },
      },
    },
  };
};

/** TransUnion consumer connector (OAuth2 client credentials, token cached). */
export const createTransUnionConnector = (config: TransUnionConnectorConfig): BureauConnector => {
  const http = createBureauHttp('transunion', { ...config, tokenPath: TRANSUNION_TOKEN_PATH });
  const now = config.now ?? Date.now;
  return {
    bureau: 'transunion',
    product: TRANSUNION_PRODUCT,
    fetchReport: async (subject, ctx) => {
      const { body, contentType } = await http.send(
        TRANSUNION_REPORT_PATH,
        { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(transUnionRequestBody(subject, config)) },
        ctx,
      );
      assertJsonShape(body, ResponseShape, 'TransUnion credit report');
      return { bureau: 'transunion', product: TRANSUNION_PRODUCT, contentType, body, receivedAt: new Date(now()).toISOString() };
    },
  };
};
