import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { PermanentError, TransientError } from '../../domain/errors.js';
import type { OutboundFetch } from '../http/guarded-fetch.js';

/**
 * Where an assignee is told about an alert: a DingTalk, WeCom or Feishu (Lark) group robot. The URL
 * is the robot's webhook as the chat app shows it (DingTalk `…/robot/send?access_token=…`, WeCom
 * `…/cgi-bin/webhook/send?key=…`, Feishu `…/open-apis/bot/v2/hook/<token>`); `secret` is the robot's
 * signing secret (DingTalk "加签" `SEC…`, Feishu "签名校验"). WeCom robots have no signature: the key in the URL is the credential.
 */
export const RobotTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dingtalk'), url: z.url(), secret: z.string().min(1) }),
  z.strictObject({ kind: z.literal('feishu'), url: z.url(), secret: z.string().min(1) }),
  z.strictObject({ kind: z.literal('wecom'), url: z.url() }),
]);
export type RobotTarget = z.infer<typeof RobotTargetSchema>;

/** DingTalk: sign = Base64(HMAC-SHA256(key = secret, message = `${timestampMs}\n${secret}`)), sent URL-encoded as `&timestamp=&sign=`. */
export const dingTalkSign = (secret: string, timestampMs: number): string => createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');

/** Feishu: sign = Base64(HMAC-SHA256(key = `${timestampSeconds}\n${secret}`, message = empty)), sent in the body with `timestamp`. */
export const feishuSign = (secret: string, timestampSeconds: number): string => createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');

/** The request each robot expects for a plain-text message (their public formats). */
export const robotRequest = (target: RobotTarget, text: string, now: Date): { url: string; body: Record<string, unknown> } => {
  switch (target.kind) {
    case 'dingtalk': {
      const ts = now.getTime();
      const url = new URL(target.url);
      url.searchParams.set('timestamp', String(ts));
      url.searchParams.set('sign', dingTalkSign(target.secret, ts));
      return { url: url.toString(), body: { msgtype: 'text', text: { content: text } } };
    }
    case 'feishu': {
      const ts = Math.floor(now.getTime() / 1000);
      return { url: target.url, body: { timestamp: String(ts), sign: feishuSign(target.secret, ts), msg_type: 'text', content: { text } } };
    }
    case 'wecom':
      return { url: target.url, body: { msgtype: 'text', text: { content: text } } };
  }
};

const RobotAnswerSchema = z.looseObject({ errcode: z.number().optional(), errmsg: z.string().optional(), code: z.number().optional(), msg: z.string().optional(), StatusCode: z.number().optional() });

/** A robot refused the message (bad signature, key, or content): not retryable; `code` is the robot's own. */
export class RobotRejectedError extends PermanentError {
  constructor(kind: RobotTarget['kind'], code: number, message: string) {
    super('robot_rejected', `${kind} robot refused the message: ${code} ${message}`, { details: { kind, code } });
  }
}

/**
 * Sends plain-text alert notices to group robots, every call through the hub's guarded fetch.
 * 5xx and timeouts are retryable ({@link TransientError}); a robot's error code (HTTP 200 with
 * `errcode`/`code` ≠ 0, or a 4xx) is a {@link RobotRejectedError}.
 *
 * @example await createRobotNotifier({ outbound: createGuardedFetch(outboundPolicy()) }).send(target, 'RiskBridge: critical alert …')
 */
export const createRobotNotifier = ({ outbound, clock = () => new Date() }: { outbound: OutboundFetch; clock?: () => Date }) => ({
  async send(target: RobotTarget, text: string): Promise<void> {
    const { url, body } = robotRequest(target, text, clock());
    let response: Response;
    try {
      response = await outbound(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body), timeoutMs: 5_000 });
    } catch (error) {
      if (error instanceof PermanentError) throw error;
      throw new TransientError('robot_unreachable', `${target.kind} robot did not answer`, { cause: error });
    }
    if (response.status >= 500 || response.status === 429) throw new TransientError('robot_unavailable', `${target.kind} robot answered ${response.status}`);
    const parsed = RobotAnswerSchema.safeParse(await response.json().catch(() => undefined));
    const code = parsed.success ? (parsed.data.errcode ?? parsed.data.code ?? parsed.data.StatusCode ?? (response.ok ? 0 : response.status)) : response.status;
    if (!response.ok || code !== 0) throw new RobotRejectedError(target.kind, code, parsed.success ? (parsed.data.errmsg ?? parsed.data.msg ?? '') : '');
  },
});
