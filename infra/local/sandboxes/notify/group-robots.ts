import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** One message a robot sandbox accepted. */
export interface RobotMessage {
  kind: 'dingtalk' | 'feishu' | 'wecom';
  /** The robot (access token, hook token or key) it was sent to. */
  robot: string;
  text: string;
  receivedAt: string;
}

export interface GroupRobotSandbox {
  url: string;
  /** Webhook URLs and secrets of the three robots the sandbox plays. */
  robots: { dingtalk: { url: string; secret: string }; feishu: { url: string; secret: string }; wecom: { url: string } };
  messages: RobotMessage[];
  stop(): Promise<void>;
}

const TOLERANCE_MS = 3_600_000;
const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
const TextSchema = z.looseObject({ msgtype: z.literal('text'), text: z.looseObject({ content: z.string().min(1) }) });
const FeishuSchema = z.looseObject({ timestamp: z.string().regex(/^\d+$/), sign: z.string(), msg_type: z.literal('text'), content: z.looseObject({ text: z.string().min(1) }) });

/**
 * Stand-ins for the DingTalk, WeCom and Feishu group robots: they check each robot's signature (or
 * key) the way the real services do, answer with their error codes, and record what they accepted.
 * - DingTalk `POST /dingtalk/robot/send?access_token=&timestamp=&sign=` → `{errcode:0}`; bad sign 310000.
 * - WeCom `POST /wecom/cgi-bin/webhook/send?key=` → `{errcode:0}`; unknown key 93000.
 * - Feishu `POST /feishu/open-apis/bot/v2/hook/<token>` → `{code:0}`; bad sign 19021.
 */
export const startGroupRobotSandbox = async (options: { now?: () => number } = {}): Promise<GroupRobotSandbox> => {
  const now = options.now ?? Date.now;
  const dingtalk = { token: 'local-dingtalk-robot', secret: 'SEC-local-dingtalk-secret' };
  const feishu = { token: 'local-feishu-robot', secret: 'local-feishu-secret' };
  const wecom = { key: 'local-wecom-key' };
  const messages: RobotMessage[] = [];

  const answer = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const read = async (req: IncomingMessage): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const body = await read(req);
      const at = new Date(now()).toISOString();
      if (req.method === 'POST' && url.pathname === '/dingtalk/robot/send') {
        if (url.searchParams.get('access_token') !== dingtalk.token) return answer(res, { errcode: 300001, errmsg: 'token is not exist' });
        const ts = Number(url.searchParams.get('timestamp'));
        const expected = createHmac('sha256', dingtalk.secret).update(`${ts}\n${dingtalk.secret}`).digest('base64');
        if (!Number.isFinite(ts) || Math.abs(now() - ts) > TOLERANCE_MS) return answer(res, { errcode: 310000, errmsg: 'invalid timestamp' });
        if (!same(url.searchParams.get('sign') ?? '', expected)) return answer(res, { errcode: 310000, errmsg: 'sign not match' });
        const msg = TextSchema.safeParse(body);
        if (!msg.success) return answer(res, { errcode: 40035, errmsg: 'missing parameter' });
        messages.push({ kind: 'dingtalk', robot: dingtalk.token, text: msg.data.text.content, receivedAt: at });
        return answer(res, { errcode: 0, errmsg: 'ok' });
      }
      if (req.method === 'POST' && url.pathname === '/wecom/cgi-bin/webhook/send') {
        if (url.searchParams.get('key') !== wecom.key) return answer(res, { errcode: 93000, errmsg: 'invalid webhook url' });
        const msg = TextSchema.safeParse(body);
        if (!msg.success) return answer(res, { errcode: 40008, errmsg: 'invalid message type' });
        messages.push({ kind: 'wecom', robot: wecom.key, text: msg.data.text.content, receivedAt: at });
        return answer(res, { errcode: 0, errmsg: 'ok' });
      }
      if (req.method === 'POST' && url.pathname === `/feishu/open-apis/bot/v2/hook/${feishu.token}`) {
        const msg = FeishuSchema.safeParse(body);
        if (!msg.success) return answer(res, { code: 9499, msg: 'Bad Request', data: {} });
        const ts = Number(msg.data.timestamp);
        const expected = createHmac('sha256', `${ts}\n${feishu.secret}`).update('').digest('base64');
        if (Math.abs(now() / 1000 - ts) > TOLERANCE_MS / 1000 || !same(msg.data.sign, expected)) return answer(res, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} });
        messages.push({ kind: 'feishu', robot: feishu.token, text: msg.data.content.text, receivedAt: at });
        return answer(res, { code: 0, msg: 'success', data: {} });
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    robots: {
      dingtalk: { url: `${base}/dingtalk/robot/send?access_token=${dingtalk.token}`, secret: dingtalk.secret },
      feishu: { url: `${base}/feishu/open-apis/bot/v2/hook/${feishu.token}`, secret: feishu.secret },
      wecom: { url: `${base}/wecom/cgi-bin/webhook/send?key=${wecom.key}` },
    },
    messages,
    stop: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
};
