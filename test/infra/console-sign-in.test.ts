import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_DOMAIN_PREFIX_CONTEXT_KEY, buildApp, type RiskBridgeApp } from '../../infra/stacks/build-app.js';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
type Variables = Record<string, unknown>;

let built: RiskBridgeApp;
let stateful: Template;
let stateless: Template;

const logicalIdOf = (resource: { node: { defaultChild?: unknown }; stack: { getLogicalId(r: CfnResource): string } }): string =>
  resource.stack.getLogicalId(resource.node.defaultChild as CfnResource);
const variablesOf = (template: Template, logicalId: string): Variables =>
  (template.toJSON() as { Resources: Record<string, { Properties: { Environment: { Variables: Variables } } }> }).Resources[logicalId]!.Properties.Environment.Variables;
/** The export the stateless stack imports for `value`, a token of the stateful stack. */
const importOf = (value: string): { 'Fn::ImportValue': string } => {
  const exported = Object.values(stateful.findOutputs('*')).find((o) => o['Export'] !== undefined && JSON.stringify(o['Value']) === JSON.stringify(built.stateful.resolve(value)));
  if (!exported) throw new Error(`stateful exports no ${value}`);
  return { 'Fn::ImportValue': (exported['Export'] as { Name: string }).Name };
};

beforeAll(() => {
  built = buildApp({ nag: false, context: NO_BUNDLING });
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
});

describe('console sign-in through the Cognito hosted UI', () => {
  it('gives the people pool a classic hosted UI domain, by default riskbridge-<stage>-<account id>', () => {
    // Assess
    stateful.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['-', ['riskbridge-dev', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 1,
      UserPoolId: { Ref: logicalIdOf(built.stateful.userPool) },
    });
    expect(Object.keys(stateful.findOutputs('PeopleSignInUrl'))).toEqual(['PeopleSignInUrl']);
  });

  it('takes the domain prefix from the riskbridge:signInDomainPrefix context and refuses one Cognito would refuse', () => {
    // Act
    const custom = Template.fromStack(buildApp({ nag: false, context: { ...NO_BUNDLING, [SIGN_IN_DOMAIN_PREFIX_CONTEXT_KEY]: 'acme-risk' } }).stateful);
    // Assess
    custom.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'acme-risk' });
    for (const bad of ['Acme', '-acme', 'acme-cognito', 'a'.repeat(64)]) {
      expect(() => buildApp({ nag: false, context: { ...NO_BUNDLING, [SIGN_IN_DOMAIN_PREFIX_CONTEXT_KEY]: bad } })).toThrow(/Invalid riskbridge:signInDomainPrefix/);
    }
  });

  it('gives the console a public app client: authorization code only, no secret, openid/email/profile, the console on this API as callback and logout URL', () => {
    // Prepare
    const consoleUrl = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalIdOf(built.stateless.httpApi!), 'ApiEndpoint'] }, '/console']] };
    // Assess
    stateless.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: importOf(built.stateful.userPool.userPoolId),
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [consoleUrl],
      LogoutURLs: [consoleUrl],
      SupportedIdentityProviders: ['COGNITO'],
      // No SRP or password sign-in with this client: the hosted UI only (and refresh).
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 60,
      RefreshTokenValidity: 480,
      EnableTokenRevocation: true,
    });
    stateless.hasOutput('ConsoleSignInCallbackUrl', { Value: consoleUrl });
  });

  it('points serveConsole at the hosted UI authorize and token endpoints with the console client', () => {
    // Prepare
    const domain = importOf(built.stateful.userPoolDomain.domainName);
    const endpoint = (path: string): unknown => ({ 'Fn::Join': ['', ['https://', domain, '.auth.', { Ref: 'AWS::Region' }, `.amazoncognito.com${path}`]] });
    // Act
    const variables = variablesOf(stateless, logicalIdOf(built.stateless.functions.serveConsole));
    // Assess
    expect(variables).toMatchObject({
      CONSOLE_SIGN_IN_AUTHORIZE_URL: endpoint('/oauth2/authorize'),
      CONSOLE_SIGN_IN_TOKEN_URL: endpoint('/oauth2/token'),
      CONSOLE_SIGN_IN_CLIENT_ID: { Ref: logicalIdOf(built.stateless.consoleSignInClient!) },
    });
  });

  it('lets the authorizer accept the access tokens of both app clients', () => {
    // Act
    const variables = variablesOf(stateless, logicalIdOf(built.stateless.functions.authorizeRequest));
    // Assess
    expect(variables['COGNITO_CLIENT_ID']).toEqual({
      'Fn::Join': [',', [importOf(built.stateful.userPoolClient.userPoolClientId), { Ref: logicalIdOf(built.stateless.consoleSignInClient!) }]],
    });
    expect(variables['COGNITO_USER_POOL_ID']).toEqual(importOf(built.stateful.userPool.userPoolId));
  });
});
