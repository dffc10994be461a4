import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch } from '../../../shared/adapters/http/guarded-fetch.js';
import { createRobotNotifier, dingTalkSign, feishuSign, RobotRejectedError } from '../../../shared/adapters/notify/group-robots.js';
import { alertNotice } from '../../../shared/domain/alerts/alert-notice.js';
import { startGroupRobotSandbox, type GroupRobotSandbox } from '../../../infra/local/sandboxes/notify/group-robots.js';

const ALERT = {
  alertId: 'alt_01',
  customerId: 'cus_42',
  rule: 'dpd-30',
  severity: 'critical' as const,
  message: 'Payments are 31 days past due (threshold 30)',
  status: 'open' as const,
  acknowledgeBy: '2026-12-07T17:00:00.000Z',
  resolveBy: '2026-12-08T16:00:00.000Z',
};

describe('group robot notifier', () => {
  let sandbox: GroupRobotSandbox;
  const notifier = createRobotNotifier({ outbound: createGuardedFetch({ allowLoopback: true }) });
  beforeAll(async () => {
    sandbox = await startGroupRobotSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('delivers a signed notice to DingTalk, Feishu and WeCom robots through the guarded fetch', async () => {
    const text = alertNotice(ALERT, 'assigned');
    await notifier.send({ kind: 'dingtalk', ...sandbox.robots.dingtalk }, text);
    await notifier.send({ kind: 'feishu', ...sandbox.robots.feishu }, text);
    await notifier.send({ kind: 'wecom', ...sandbox.robots.wecom }, text);
    expect(sandbox.messages.map((m) => [m.kind, m.text])).toEqual([
      ['dingtalk', text],
      ['feishu', text],
      ['wecom', text],
    ]);
    expect(text).toContain('CRITICAL alert assigned');
    expect(text).toContain('acknowledge by 2026-12-07T17:00:00.000Z');
  });

  it('surfaces each robot’s refusal of a wrong secret or key as a non-retryable error with its code', async () => {
    const before = sandbox.messages.length;
    await expect(notifier.send({ kind: 'dingtalk', url: sandbox.robots.dingtalk.url, secret: 'SEC-wrong' }, 'x')).rejects.toMatchObject({ code: 'robot_rejected', retryable: false, details: { code: 310000 } });
    await expect(notifier.send({ kind: 'feishu', url: sandbox.robots.feishu.url, secret: 'wrong' }, 'x')).rejects.toMatchObject({ details: { code: 19021 } });
    await expect(notifier.send({ kind: 'wecom', url: sandbox.robots.wecom.url.replace('local-wecom-key', 'nope') }, 'x')).rejects.toBeInstanceOf(RobotRejectedError);
    expect(sandbox.messages).toHaveLength(before);
  });

  it('refuses a robot URL the outbound guard does not allow (no loopback in the cloud policy)', async () => {
    const strict = createRobotNotifier({ outbound: createGuardedFetch({ allowLoopback: false }) });
    await expect(strict.send({ kind: 'wecom', ...sandbox.robots.wecom }, 'x')).rejects.toMatchObject({ retryable: false });
  });

  it('signs as the robots document: timestamp and secret joined by a newline, HMAC-SHA256, Base64', () => {
    expect(dingTalkSign('SECabc', 1_700_000_000_000)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(dingTalkSign('SECabc', 1_700_000_000_000)).not.toBe(dingTalkSign('SECabc', 1_700_000_000_001));
    expect(feishuSign('abc', 1_700_000_000)).not.toBe(dingTalkSign('abc', 1_700_000_000));
  });
});
