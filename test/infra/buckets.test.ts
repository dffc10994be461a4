import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUCKET_ACTIONS } from '../../infra/constructs/app-function.js';
import { buildApp, type RiskBridgeApp } from '../../infra/stacks/build-app.js';
import { bucketExportNames } from '../../infra/stacks/stateful-stack.js';
import { bucketEnvVar, buckets, functions, type BucketId, type FunctionSpec } from '../../infra/topology.js';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
const bucketIds = Object.keys(buckets) as BucketId[];
const functionSpecs = Object.values(functions) as FunctionSpec[];

let built: RiskBridgeApp;
let stateful: Template;
let stateless: Template;

const logicalId = (resource: { node: { defaultChild?: unknown }; stack: { getLogicalId(r: CfnResource): string } }): string =>
  resource.stack.getLogicalId(resource.node.defaultChild as CfnResource);

beforeAll(() => {
  built = buildApp({ context: NO_BUNDLING });
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
});

describe('buckets of the topology', () => {
  it.each(bucketIds)('makes %s private: public access blocked, ACLs off, SSE, access logs, lifecycle from the topology', (bid) => {
    // Prepare
    const spec = buckets[bid];
    const resources = stateful.findResources('AWS::S3::Bucket') as Resources;
    const bucket = resources[logicalId(built.stateful.buckets[bid])];
    const logs = logicalId(built.stateful.accessLogBucket);
    // Assess
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logs }, LogFilePrefix: `${bid}/` },
    });
    expect(bucket?.Properties['VersioningConfiguration']).toBeUndefined();
    const rules = bucket?.Properties['LifecycleConfiguration'].Rules as Array<Record<string, any>>;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: spec.abortIncompleteUploadsAfterDays }, Status: 'Enabled' }),
        ...spec.expiry.map((rule) => expect.objectContaining({ Prefix: rule.prefix, ExpirationInDays: rule.days, Status: 'Enabled' })),
      ]),
    );
    expect(spec.expiry).toContainEqual({ prefix: 'exports/', days: 7 });
  });

  it('denies every request without TLS (and below TLS 1.2) on every bucket, the log and audit checkpoint buckets included', () => {
    // Prepare
    const policies = Object.values(stateful.findResources('AWS::S3::BucketPolicy') as Resources);
    const ids = Object.keys(stateful.findResources('AWS::S3::Bucket'));
    // Assess
    expect(ids).toHaveLength(bucketIds.length + 2);
    for (const id of ids) {
      const policy = policies.find((p) => JSON.stringify(p.Properties['Bucket']) === JSON.stringify({ Ref: id }));
      const statements = JSON.stringify(policy?.Properties['PolicyDocument']);
      expect(statements, id).toContain('"aws:SecureTransport":"false"');
      expect(statements, id).toContain('"s3:TlsVersion":1.2');
      expect(statements, id).toContain('"Effect":"Deny"');
    }
  });

  it('retains buckets on prod and lets throw-away stages delete them', () => {
    // Prepare
    const prod = buildApp({ stage: 'prod', context: NO_BUNDLING, nag: false });
    const prodBuckets = Object.values(Template.fromStack(prod.stateful).findResources('AWS::S3::Bucket') as Resources);
    const devBuckets = Object.values(stateful.findResources('AWS::S3::Bucket') as Resources);
    // Assess
    expect(prodBuckets.map((b) => [b.DeletionPolicy, b.UpdateReplacePolicy])).toEqual(prodBuckets.map(() => ['Retain', 'Retain']));
    expect(devBuckets.map((b) => b.DeletionPolicy)).toEqual(devBuckets.map(() => 'Delete'));
  });

  it('exports each bucket under a stable name that the functions import', () => {
    // Prepare
    const outputs = Object.values(stateful.findOutputs('*')) as Array<{ Export?: { Name: string } }>;
    // Assess
    for (const bid of bucketIds) {
      const names = bucketExportNames(built.stateful.stackName, bid);
      expect(outputs.map((o) => o.Export?.Name)).toEqual(expect.arrayContaining([names.arnExport, names.nameExport]));
    }
  });

  it.each(functionSpecs.map((s) => [s.id, s] as const))('gives %s exactly the bucket access and variables its spec names', (_fid, spec) => {
    // Prepare
    const fn = built.stateless.functions[spec.id];
    const lambdas = stateless.findResources('AWS::Lambda::Function') as Resources;
    const variables = lambdas[logicalId(fn)]?.Properties['Environment'].Variables as Record<string, unknown>;
    const policies = Object.values(stateless.findResources('AWS::IAM::Policy') as Resources).filter((p) => JSON.stringify(p.Properties['Roles']).includes(`"${logicalId(fn.executionRole)}"`));
    const statements = policies.flatMap((p) => p.Properties['PolicyDocument'].Statement as Array<{ Action: string | string[]; Resource: unknown }>);
    // The audit checkpoint bucket has its own grants (test/infra/riskbridge-app.test.ts).
    const s3Statements = statements.filter((st) => JSON.stringify(st.Action).includes('s3:') && !JSON.stringify(st.Resource).includes('AuditCheckpointBucket'));
    const granted = Object.entries(spec.buckets ?? {}) as Array<[BucketId, 'R' | 'RW']>;
    // Assess
    for (const bid of bucketIds) {
      const access = spec.buckets?.[bid];
      const names = bucketExportNames(built.stateful.stackName, bid);
      expect(variables[bucketEnvVar(bid)], `${spec.id} ${bid}`).toEqual(access ? { 'Fn::ImportValue': names.nameExport } : undefined);
      if (!access) continue;
      const onObjects = s3Statements.find((st) => JSON.stringify(st.Resource) === JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::ImportValue': names.arnExport }, '/*']] }));
      expect([onObjects?.Action].flat().sort()).toEqual([...BUCKET_ACTIONS[access]].sort());
    }
    expect(s3Statements).toHaveLength(granted.length * 2);
  });

  it('leaves no cdk-nag finding on buckets or their grants unacknowledged', () => {
    // Act
    const report = new AwsSolutionsChecks(built.app).validateScope(built.app);
    // Assess
    expect(report.violations.filter((v) => /S3|IAM5/.test(v.ruleName))).toEqual([]);
    expect(report.success).toBe(true);
  });
});
