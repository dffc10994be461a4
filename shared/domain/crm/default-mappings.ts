import type { ConnectionConfigInput } from './field-mapping.js';
import type { CrmName } from './crm-record.js';

/**
 * Starting-point mappings per CRM, built on each vendor's standard field API names
 * (Zoho CRM v8 modules, Fxiaoke OpenAPI v2 objects, HubSpot CRM v3 default properties,
 * Salesforce standard objects). A connection copies one, then edits it as configuration.
 */
type DefaultMapping = Omit<ConnectionConfigInput, 'connectionId'>;

const ZOHO: DefaultMapping = {
  crm: 'zoho',
  apiBaseUrl: 'https://www.zohoapis.com',
  authBaseUrl: 'https://accounts.zoho.com',
  credentials: {
    clientId: 'riskbridge/zoho/<connection>/client-id',
    clientSecret: 'riskbridge/zoho/<connection>/client-secret',
    refreshToken: 'riskbridge/zoho/<connection>/refresh-token',
    channelToken: 'riskbridge/zoho/<connection>/channel-token',
  },
  objects: {
    Accounts: {
      objectType: 'customer',
      idPath: 'id',
      modifiedAtPath: 'Modified_Time',
      fields: [
        { from: 'Account_Name', to: 'fields.legalName', transforms: [{ kind: 'trim' }] },
        { from: 'Phone', to: 'fields.phone', transforms: [{ kind: 'e164', defaultCallingCode: '86' }] },
        { from: 'Website', to: 'fields.website', transforms: [{ kind: 'trim' }, { kind: 'lowercase' }] },
        { from: 'Industry', to: 'fields.industry' },
        { from: 'Billing_Street', to: 'fields.addressLine', transforms: [{ kind: 'trim' }] },
        { from: 'Billing_City', to: 'fields.city', transforms: [{ kind: 'trim' }] },
        { from: 'Billing_Code', to: 'fields.postalCode', transforms: [{ kind: 'trim' }] },
        { from: 'Billing_Country', to: 'fields.country', transforms: [{ kind: 'trim' }] },
      ],
      identifiers: [{ from: 'Unified_Social_Credit_Code', scheme: 'cn_uscc', transforms: [{ kind: 'trim' }, { kind: 'uppercase' }] }],
    },
    Sales_Orders: {
      objectType: 'order',
      idPath: 'id',
      modifiedAtPath: 'Modified_Time',
      fields: [
        { from: 'Account_Name.id', to: 'customerExternalId' },
        { from: 'Created_Time', to: 'orderedAt', transforms: [{ kind: 'date' }] },
        { from: 'Grand_Total', to: 'amount', transforms: [{ kind: 'money', currencyPath: 'Currency', fixedCurrency: 'USD' }] },
        { from: 'Status', to: 'status', transforms: [{ kind: 'enum', map: { Cancelled: 'cancelled' }, default: 'placed' }] },
      ],
    },
    Invoices: {
      objectType: 'invoice',
      idPath: 'id',
      modifiedAtPath: 'Modified_Time',
      fields: [
        { from: 'Account_Name.id', to: 'customerExternalId' },
        { from: 'Invoice_Date', to: 'issuedAt', transforms: [{ kind: 'date' }] },
        { from: 'Due_Date', to: 'dueAt', transforms: [{ kind: 'date' }] },
        { from: 'Grand_Total', to: 'amount', transforms: [{ kind: 'money', currencyPath: 'Currency', fixedCurrency: 'USD' }] },
        { from: ['Balance_Due', 'Grand_Total'], to: 'open', transforms: [{ kind: 'money', currencyPath: 'Currency', fixedCurrency: 'USD' }] },
        { from: 'Status', to: 'status', transforms: [{ kind: 'enum', map: { Paid: 'paid', Cancelled: 'void' }, default: 'open' }] },
      ],
    },
  },
  writeBack: {
    objectName: 'Accounts',
    fields: { grade: 'Risk_Grade', score: 'Risk_Score', limit: 'Credit_Limit', reasons: 'Risk_Reasons', ratedAt: 'Risk_Rated_At', creditHold: 'RiskBridge_Credit_Hold', holdReason: 'RiskBridge_Hold_Reason' },
  },
};

const FXIAOKE: DefaultMapping = {
  crm: 'fxiaoke',
  apiBaseUrl: 'https://open.fxiaoke.com',
  credentials: {
    appId: 'riskbridge/fxiaoke/<connection>/app-id',
    appSecret: 'riskbridge/fxiaoke/<connection>/app-secret',
    permanentCode: 'riskbridge/fxiaoke/<connection>/permanent-code',
  },
  objects: {
    AccountObj: {
      objectType: 'customer',
      idPath: '_id',
      modifiedAtPath: 'last_modified_time',
      customKeyPattern: '__c$',
      fields: [
        { from: 'name', to: 'fields.legalName', transforms: [{ kind: 'trim' }] },
        { from: 'tel', to: 'fields.phone', transforms: [{ kind: 'e164', defaultCallingCode: '86' }] },
        { from: 'email', to: 'fields.email', transforms: [{ kind: 'trim' }, { kind: 'lowercase' }] },
        { from: 'url', to: 'fields.website', transforms: [{ kind: 'trim' }, { kind: 'lowercase' }] },
        { from: 'address', to: 'fields.addressLine', transforms: [{ kind: 'trim' }] },
        { from: 'city', to: 'fields.city' },
        { from: 'country', to: 'fields.country' },
        { from: 'industry_level1', to: 'fields.industry' },
        { from: 'is_deleted', to: 'deleted' },
      ],
      identifiers: [
        { from: 'uniform_social_credit_code', scheme: 'cn_uscc', transforms: [{ kind: 'trim' }, { kind: 'uppercase' }] },
        { from: 'email', scheme: 'email', transforms: [{ kind: 'trim' }, { kind: 'lowercase' }] },
      ],
    },
    SalesOrderObj: {
      objectType: 'order',
      idPath: '_id',
      modifiedAtPath: 'last_modified_time',
      fields: [
        { from: 'account_id', to: 'customerExternalId' },
        { from: 'order_time', to: 'orderedAt', transforms: [{ kind: 'date' }] },
        { from: 'order_amount', to: 'amount', transforms: [{ kind: 'money', currencyPath: 'mc_currency', fixedCurrency: 'CNY' }] },
        { from: 'life_status', to: 'status', transforms: [{ kind: 'enum', map: { invalid: 'cancelled' }, default: 'placed' }] },
        { from: 'is_deleted', to: 'deleted' },
      ],
    },
    PaymentObj: {
      objectType: 'payment',
      idPath: '_id',
      modifiedAtPath: 'last_modified_time',
      fields: [
        { from: 'account_id', to: 'customerExternalId' },
        { from: 'payment_time', to: 'paidAt', transforms: [{ kind: 'date' }] },
        { from: 'payment_amount', to: 'amount', transforms: [{ kind: 'money', currencyPath: 'mc_currency', fixedCurrency: 'CNY' }] },
        { from: 'is_deleted', to: 'deleted' },
      ],
    },
  },
  writeBack: {
    objectName: 'AccountObj',
    fields: { grade: 'risk_grade__c', score: 'risk_score__c', limit: 'credit_limit__c', reasons: 'risk_reasons__c', creditHold: 'field_credit_hold__c', holdReason: 'field_hold_reason__c' },
  },
};

const HUBSPOT: DefaultMapping = {
  crm: 'hubspot',
  apiBaseUrl: 'https://api.hubapi.com',
  credentials: { accessToken: 'riskbridge/hubspot/<connection>/private-app-token', clientSecret: 'riskbridge/hubspot/<connection>/client-secret' },
  objects: {
    companies: {
      objectType: 'customer',
      idPath: 'id',
      modifiedAtPath: 'properties.hs_lastmodifieddate',
      fields: [
        { from: 'properties.name', to: 'fields.legalName', transforms: [{ kind: 'trim' }] },
        { from: 'properties.phone', to: 'fields.phone', transforms: [{ kind: 'e164', defaultCallingCode: '1' }] },
        { from: ['properties.website', 'properties.domain'], to: 'fields.website', transforms: [{ kind: 'trim' }, { kind: 'lowercase' }] },
        { from: 'properties.industry', to: 'fields.industry' },
        { from: 'properties.address', to: 'fields.addressLine', transforms: [{ kind: 'trim' }] },
        { from: 'properties.city', to: 'fields.city' },
        { from: 'properties.zip', to: 'fields.postalCode' },
        { from: 'properties.country', to: 'fields.country' },
        { from: 'archived', to: 'deleted' },
      ],
    },
    deals: {
      objectType: 'order',
      idPath: 'id',
      modifiedAtPath: 'properties.hs_lastmodifieddate',
      fields: [
        { from: 'associations.companies.results[0].id', to: 'customerExternalId' },
        { from: ['properties.closedate', 'properties.createdate'], to: 'orderedAt', transforms: [{ kind: 'date' }] },
        { from: 'properties.amount', to: 'amount', transforms: [{ kind: 'money', currencyPath: 'properties.deal_currency_code', fixedCurrency: 'USD' }] },
        { from: 'properties.dealstage', to: 'status', transforms: [{ kind: 'enum', map: { closedlost: 'cancelled' }, default: 'placed' }] },
        { from: 'archived', to: 'deleted' },
      ],
    },
  },
  writeBack: {
    objectName: 'companies',
    fields: { grade: 'riskbridge_grade', score: 'riskbridge_score', limit: 'riskbridge_credit_limit', reasons: 'riskbridge_reasons', creditHold: 'riskbridge_credit_hold', holdReason: 'riskbridge_hold_reason' },
  },
};

const SALESFORCE: DefaultMapping = {
  crm: 'salesforce',
  apiBaseUrl: 'https://example.my.salesforce.com',
  credentials: { clientId: 'riskbridge/salesforce/<connection>/client-id', clientSecret: 'riskbridge/salesforce/<connection>/client-secret' },
  objects: {
    Account: {
      objectType: 'customer',
      idPath: 'Id',
      modifiedAtPath: 'LastModifiedDate',
      customKeyPattern: '__c$',
      fields: [
        { from: 'Name', to: 'fields.legalName', transforms: [{ kind: 'trim' }] },
        { from: 'Phone', to: 'fields.phone', transforms: [{ kind: 'e164', defaultCallingCode: '1' }] },
        { from: 'Website', to: 'fields.website', transforms: [{ kind: 'trim' }, { kind: 'lowercase' }] },
        { from: 'Industry', to: 'fields.industry' },
        { from: 'BillingStreet', to: 'fields.addressLine', transforms: [{ kind: 'trim' }] },
        { from: 'BillingCity', to: 'fields.city' },
        { from: 'BillingPostalCode', to: 'fields.postalCode' },
        { from: 'BillingCountry', to: 'fields.country' },
        { from: 'IsDeleted', to: 'deleted' },
      ],
      identifiers: [{ from: 'DunsNumber', scheme: 'duns', transforms: [{ kind: 'trim' }] }],
    },
    Order: {
      objectType: 'order',
      idPath: 'Id',
      modifiedAtPath: 'LastModifiedDate',
      fields: [
        { from: 'AccountId', to: 'customerExternalId' },
        { from: 'EffectiveDate', to: 'orderedAt', transforms: [{ kind: 'date' }] },
        { from: 'TotalAmount', to: 'amount', transforms: [{ kind: 'money', currencyPath: 'CurrencyIsoCode', fixedCurrency: 'USD' }] },
        { from: 'StatusCode', to: 'status', transforms: [{ kind: 'enum', map: { Cancelled: 'cancelled' }, default: 'placed' }] },
        { from: 'IsDeleted', to: 'deleted' },
      ],
    },
  },
  writeBack: {
    objectName: 'Account',
    fields: { grade: 'Risk_Grade__c', score: 'Risk_Score__c', limit: 'Credit_Limit__c', reasons: 'Risk_Reasons__c', creditHold: 'RiskBridge_Credit_Hold__c', holdReason: 'RiskBridge_Hold_Reason__c' },
  },
};

const DEFAULTS: Partial<Record<CrmName, DefaultMapping>> = { zoho: ZOHO, fxiaoke: FXIAOKE, hubspot: HUBSPOT, salesforce: SALESFORCE };

/**
 * A fresh, editable copy of the default mapping for `crm`, bound to `connectionId`
 * (secret names get the connection id substituted). Feed it to `parseConnectionConfig`.
 * @example parseConnectionConfig(defaultConnectionConfig('zoho', 'acme-zoho'))
 */
export const defaultConnectionConfig = (crm: CrmName, connectionId: string): ConnectionConfigInput => {
  const base = DEFAULTS[crm];
  if (!base) return { connectionId, crm, objects: {} };
  const copy = structuredClone(base);
  const credentials = Object.fromEntries(
    Object.entries(copy.credentials ?? {}).map(([role, name]) => [role, name.replace('<connection>', connectionId)]),
  );
  return { ...copy, connectionId, credentials };
};
