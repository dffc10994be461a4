import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, parseSettings } from '../../infra/stacks/build-app.js';
import { functions } from '../../infra/topology.js';

describe('deployment settings', () => {
  const { stateless } = buildApp({
    nag: false,
    context: { 'aws:cdk:bundling-stacks': [], 'riskbridge:config': { BUREAU_DNB_URL: 'https://plus.dnb.com', BUREAU_PULL_CONFIG: '{"retry":{"maxAttempts":4}}' } },
  });
  const template = Template.fromStack(stateless);
  const envOf = (description: string): Record<string, unknown> => {
    const fns = template.findResources('AWS::Lambda::Function', { Properties: { Description: description } });
    const [fn] = Object.values(fns) as Array<{ Properties: { Environment?: { Variables?: Record<string, unknown> } } }>;
    return fn?.Properties.Environment?.Variables ?? {};
  };

  it('gives each function only the settings it declares', () => {
    expect(envOf(functions.pullBureauReport.description)).toMatchObject({ BUREAU_DNB_URL: 'https://plus.dnb.com', BUREAU_PULL_CONFIG: '{"retry":{"maxAttempts":4}}' });
    expect(envOf(functions.pullBureauReport.description)).not.toHaveProperty('BUREAU_EXPERIAN_URL');
    expect(envOf(functions.httpBureau.description)).not.toHaveProperty('BUREAU_DNB_URL');
    expect(envOf(functions.httpApi.description)).not.toHaveProperty('BUREAU_PULL_CONFIG');
  });

  it('points PUBLIC_API_URL at the API itself', () => {
    expect(envOf(functions.rearmZohoChannels.description)['PUBLIC_API_URL']).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^HttpApi/), 'ApiEndpoint'] });
  });

  it('refuses unknown setting names', () => {
    expect(() => parseSettings({ BUREAU_DNB_URL: 'x', SECRET_KEY: 'y' })).toThrow(/riskbridge:config/);
    expect(parseSettings('{"BUREAU_PBOC_URL":"https://gw.example.cn"}')).toEqual({ BUREAU_PBOC_URL: 'https://gw.example.cn' });
  });
});
