import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, parseSettings } from '../../infra/stacks/build-app.js';
import { LOCAL_CLOCK_PATH } from '../../infra/local/local-clock.js';
import { LOCAL_CLOCK_OFFSET_VAR } from '../../shared/lambda/env.js';
import { functions } from '../../infra/topology.js';

/** The controllable clock and its settings exist in the local runtime only: in AWS every function reads the system clock. */
describe('local clock in the cloud', () => {
  const context = { 'aws:cdk:bundling-stacks': [] };
  const LOCAL_ONLY = [LOCAL_CLOCK_OFFSET_VAR, 'DELIVERY_QUEUE_DELAY_MAX_SECONDS'];

  it.each(['dev', 'prod'])('stage %s has no clock route and no clock setting on any function', (stage) => {
    // Act
    const template = Template.fromStack(buildApp({ stage, nag: false, context }).stateless);
    const fns = Object.values(template.findResources('AWS::Lambda::Function')) as Array<{ Properties: { Environment?: { Variables?: Record<string, unknown> } } }>;
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => String((r as { Properties: { RouteKey: string } }).Properties.RouteKey));

    // Assess
    expect(fns.length).toBe(Object.keys(functions).length);
    for (const fn of fns) {
      const names = Object.keys(fn.Properties.Environment?.Variables ?? {});
      expect(names.filter((name) => LOCAL_ONLY.includes(name))).toEqual([]);
    }
    expect(routeKeys.length).toBeGreaterThan(10);
    expect(routeKeys.filter((key) => key.includes('__local') || key.includes(LOCAL_CLOCK_PATH))).toEqual([]);
  });

  it('refuses the clock settings as deployment configuration', () => {
    for (const name of LOCAL_ONLY) expect(() => parseSettings({ [name]: '60' })).toThrow(/riskbridge:config/);
  });
});
