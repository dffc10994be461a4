import { afterEach, describe, expect, it } from 'vitest';
import { env, localLoopbackAllowance, outboundPolicy, resetEnvForTests } from '../../../shared/lambda/env.js';

const saved = { ...process.env };
const withEnv = (vars: Record<string, string | undefined>): void => {
  resetEnvForTests();
  for (const key of ['STAGE', 'ALLOW_LOOPBACK_OUTBOUND', 'OUTBOUND_PORTS']) delete process.env[key];
  Object.assign(process.env, { TABLE_NAME: 'riskbridge-test' }, vars);
};

afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe('outboundPolicy', () => {
  it('is the strict cloud policy unless configured: no loopback allowance, port 443', () => {
    // Prepare
    withEnv({ STAGE: 'prod' });

    // Act & Assess
    expect(outboundPolicy()).toEqual({ allowLoopback: false, allowedPorts: [443] });
  });

  it('reads the loopback allowance in the local stage and a configured port list', () => {
    // Prepare
    withEnv({ STAGE: 'local', ALLOW_LOOPBACK_OUTBOUND: 'true', OUTBOUND_PORTS: '443,8443' });

    // Act & Assess
    expect(outboundPolicy()).toEqual({ allowLoopback: true, allowedPorts: [443, 8443] });
  });

  it.each([
    [{ STAGE: 'prod', ALLOW_LOOPBACK_OUTBOUND: 'true' }, 'ALLOW_LOOPBACK_OUTBOUND'],
    [{ STAGE: 'local', ALLOW_LOOPBACK_OUTBOUND: 'yes' }, 'ALLOW_LOOPBACK_OUTBOUND'],
    [{ STAGE: 'prod', OUTBOUND_PORTS: '443,99999' }, 'OUTBOUND_PORTS'],
    [{ STAGE: 'prod', OUTBOUND_PORTS: '' }, 'OUTBOUND_PORTS'],
  ])('refuses %o as a configuration error naming %s', (vars, name) => {
    // Prepare
    withEnv(vars);

    // Act & Assess
    expect(() => env()).toThrow(name);
  });
});

describe('localLoopbackAllowance', () => {
  it('is on for npm start unless ALLOW_LOOPBACK_OUTBOUND=false', () => {
    // Act
    const results = [undefined, 'true', 'false'].map((value) => {
      withEnv({ ALLOW_LOOPBACK_OUTBOUND: value });
      if (value === undefined) delete process.env['ALLOW_LOOPBACK_OUTBOUND'];
      return localLoopbackAllowance();
    });
    withEnv({ ALLOW_LOOPBACK_OUTBOUND: 'off' });

    // Assess
    expect(results).toEqual([true, true, false]);
    expect(() => localLoopbackAllowance()).toThrow(/true or false/);
  });
});

describe('COGNITO_CLIENT_ID', () => {
  it('reads one app client id or several, comma-separated', () => {
    // Prepare
    withEnv({ COGNITO_CLIENT_ID: 'srpclient1, consoleclient2' });

    // Act & Assess
    expect(env().COGNITO_CLIENT_ID).toEqual(['srpclient1', 'consoleclient2']);
  });

  it('refuses a list without any id', () => {
    // Prepare
    withEnv({ COGNITO_CLIENT_ID: ' , ' });

    // Act & Assess
    expect(() => env()).toThrow(/COGNITO_CLIENT_ID/);
  });
});
