import { describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, parseAlarmEmails } from '../../infra/stacks/build-app.js';
import { functions } from '../../infra/topology.js';
import { RELAY_QUARANTINE_SOURCE } from '../../shared/domain/outbound/relay-event.js';

describe('alarm routing', () => {
  const built = buildApp({ context: { 'aws:cdk:bundling-stacks': [], 'riskbridge:alarmEmails': 'risk-ops@example.com' } });
  const stateful = Template.fromStack(built.stateful);
  const stateless = Template.fromStack(built.stateless);

  it('has one encrypted, TLS-only alarm topic with the configured e-mail subscription', () => {
    stateful.resourceCountIs('AWS::SNS::Topic', 1);
    stateful.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    stateful.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    stateful.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'risk-ops@example.com' });
  });

  it('sends every alarm of both stacks to the topic', () => {
    for (const template of [stateful, stateless]) {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Array<{ Properties: { AlarmActions?: unknown[] } }>;
      expect(alarms.length).toBeGreaterThan(0);
      for (const alarm of alarms) expect(alarm.Properties.AlarmActions ?? []).toHaveLength(1);
    }
  });

  it('watches quarantined messages of every queue consumer', () => {
    const consumers = Object.values(functions).flatMap((f) => f.triggers.flatMap((t) => (t.kind === 'sqs' ? [t.queue] : [])));
    expect(consumers.length).toBeGreaterThan(3);
    for (const queue of consumers) {
      stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'MessagesQuarantined',
        Namespace: 'RiskBridge',
        Dimensions: [{ Name: 'service', Value: 'riskbridge' }, { Name: 'source', Value: queue }],
      });
    }
  });

  it('watches records the outbox relay quarantined', () => {
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'MessagesQuarantined',
      Namespace: 'RiskBridge',
      Dimensions: [{ Name: 'service', Value: 'riskbridge' }, { Name: 'source', Value: RELAY_QUARANTINE_SOURCE }],
    });
  });

  it('refuses malformed alarm addresses', () => {
    expect(() => parseAlarmEmails('not-an-address')).toThrow(/alarmEmails/);
    expect(parseAlarmEmails(['a@example.com', 'b@example.com'])).toHaveLength(2);
  });
});
