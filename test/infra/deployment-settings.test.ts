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

describe('outbound rules in the cloud', () => {
  const context = { 'aws:cdk:bundling-stacks': [], 'riskbridge:config': { OUTBOUND_PORTS: '443,8443' } };
  const built = new Map<string, Array<{ description: string; variables: Record<string, unknown> }>>();
  const functionEnvs = (stage: string): Array<{ description: string; variables: Record<string, unknown> }> => {
    const cached = built.get(stage);
    if (cached) return cached;
    const { stateless } = buildApp({ stage, nag: false, context });
    const fns = Template.fromStack(stateless).findResources('AWS::Lambda::Function') as Record<string, { Properties: { Description?: string; Environment?: { Variables?: Record<string, unknown> } } }>;
    const envs = Object.values(fns).map((fn) => ({ description: fn.Properties.Description ?? '', variables: fn.Properties.Environment?.Variables ?? {} }));
    built.set(stage, envs);
    return envs;
  };

  it.each(['dev', 'prod'])('keeps the loopback allowance off in every function of stage %s', (stage) => {
    // Act
    const envs = functionEnvs(stage);

    // Assess
    expect(envs.length).toBe(Object.keys(functions).length);
    for (const { variables } of envs) {
      expect(variables['STAGE']).toBe(stage);
      expect(variables['ALLOW_LOOPBACK_OUTBOUND'] ?? 'false').toBe('false');
      expect(Object.keys(variables).filter((name) => /LOOPBACK/.test(name))).toEqual([]);
    }
  });

  it('gives the port allow-list to every function that calls out, and to no other', () => {
    // Prepare
    const callers = [functions.httpApi, functions.deliverWebhook, functions.writeBackCrm, functions.httpCrm, functions.ingestCrmRecord, functions.pollFxiaoke, functions.rearmZohoChannels, functions.pullBureauReport].map((f) => f.description);

    // Act
    const withPorts = functionEnvs('dev').filter((fn) => fn.variables['OUTBOUND_PORTS'] !== undefined);

    // Assess
    expect(withPorts.map((fn) => fn.description).sort()).toEqual([...callers].sort());
    expect(new Set(withPorts.map((fn) => fn.variables['OUTBOUND_PORTS']))).toEqual(new Set(['443,8443']));
  });

  it('has no setting that turns the loopback allowance on, and no CDK stage named local', () => {
    // Act & Assess
    expect(() => parseSettings({ ALLOW_LOOPBACK_OUTBOUND: 'true' })).toThrow(/riskbridge:config/);
    expect(() => buildApp({ stage: 'local', nag: false, context })).toThrow(/reserved for the local runtime/);
  });
});
