import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, parseSettings } from '../../infra/stacks/build-app.js';
import { functions, guardsRequests, type FunctionId } from '../../infra/topology.js';

describe('requests table (Idempotency-Key records, rate-limit buckets)', () => {
  const RATE_LIMITS = '{"write":{"burst":50,"perSecond":5}}';
  const { stateful, stateless } = buildApp({ nag: false, context: { 'aws:cdk:bundling-stacks': [], 'riskbridge:config': { RATE_LIMITS } } });
  const statefulTemplate = Template.fromStack(stateful);
  const statelessTemplate = Template.fromStack(stateless);
  const envOf = (id: FunctionId): Record<string, unknown> => {
    const fns = statelessTemplate.findResources('AWS::Lambda::Function', { Properties: { Description: functions[id].description } });
    const [fn] = Object.values(fns) as Array<{ Properties: { Environment?: { Variables?: Record<string, unknown> } } }>;
    return fn?.Properties.Environment?.Variables ?? {};
  };

  it('is a table of its own keyed per record (no sort key, so no shared partition), with TTL and no stream', () => {
    const tables = Object.values(statefulTemplate.findResources('AWS::DynamoDB::Table')) as Array<{ Properties: Record<string, any> }>;
    const requests = tables.find((t) => t.Properties['KeySchema'].length === 1);
    expect(requests?.Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(requests?.Properties['StreamSpecification']).toBeUndefined();
  });

  it('goes to every function with API-key routes, with the RATE_LIMITS setting, and to no other', () => {
    const guarded = (Object.keys(functions) as FunctionId[]).filter(guardsRequests);
    expect(guarded.sort()).toEqual(['httpAlerts', 'httpApi', 'httpBureau', 'httpCrm', 'httpJobs', 'httpPartners', 'httpPeople', 'httpPolicies']);
    for (const id of guarded) expect(envOf(id)).toMatchObject({ REQUESTS_TABLE_NAME: expect.anything(), RATE_LIMITS });
    for (const id of ['serveConsole', 'deliverWebhook', 'authorizeRequest'] as const) {
      expect(envOf(id)).not.toHaveProperty('REQUESTS_TABLE_NAME');
      expect(envOf(id)).not.toHaveProperty('RATE_LIMITS');
    }
  });

  it('refuses a RATE_LIMITS setting that is not JSON or names an unknown class, at synth', () => {
    expect(() => parseSettings({ RATE_LIMITS: '{write:' })).toThrow(/RATE_LIMITS is not JSON/);
    expect(() => parseSettings({ RATE_LIMITS: '{"writes":{"burst":1,"perSecond":1}}' })).toThrow(/RATE_LIMITS/);
    expect(() => parseSettings({ RATE_LIMITS: '{"bulk":{"burst":0,"perSecond":1}}' })).toThrow(/bulk\.burst/);
  });
});
