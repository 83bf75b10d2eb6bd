import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { silentLogger } from '../../../src-main/config/logger';
import { listenLocalSocket } from '../../../src-main/host/localSocket';
import { socketPathFor } from '../../../src-main/host/ownerLock';
import { errorCatalog } from '../../../src-shared/errors';
import { channels, type Channel } from '../../../src-shared/ipc';
import { startHarness, type Harness } from '../../helpers/harness';
import { serveApi } from '../../helpers/webApi';

const TOKEN = 'f'.repeat(43);

/** Values a hostile or careless client sends: wrong types, empty and huge strings, paths, bad addresses and dates. */
const HOSTILE: unknown[] = [
  '', '..', '\u0000', 'x'.repeat(5000), '://', 'javascript:alert(1)', '+275760-09-13T00:00:00Z', 'tunnel', -1, 1e308, true, null, [{}],
  JSON.parse('{"__proto__":{"polluted":1}}'),
];

/** The field names of a channel's input schema, through unions (media hosting's kinds). */
function fieldNames(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, unknown>; options?: z.ZodType[] } } })._zod.def;
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union') return [...new Set((def.options ?? []).flatMap(fieldNames))];
  return [];
}

/** Every channel gets each hostile value in every field at once, in each field alone, and as the whole input. */
function hostileInputs(channel: Channel): unknown[] {
  const fields = fieldNames(channels[channel].input);
  const inputs: unknown[] = [null, 'x', 7, [], ...HOSTILE.map((value) => ({ value }))];
  for (const value of HOSTILE) {
    inputs.push(Object.fromEntries(fields.map((field) => [field, value])));
    for (const field of fields) inputs.push({ [field]: value });
  }
  return inputs;
}

/** Found by a robustness audit: it ended both hosts with `TypeError: Invalid URL`. */
const KNOWN_KILLERS: Array<{ channel: Channel; input: unknown }> = [
  { channel: 'settings.setMediaHosting', input: { kind: 'tunnel', localPort: 5000, publicBaseUrl: '' } },
  { channel: 'settings.setMediaHosting', input: { kind: 'tunnel', localPort: 5000, publicBaseUrl: 'not a url' } },
  { channel: 'settings.setMediaHosting', input: { kind: 's3', endpoint: '', region: 'x', bucket: 'bucket', accessKeyId: 'a', secretAccessKey: 's' } },
];

const cases = [
  ...KNOWN_KILLERS,
  ...(Object.keys(channels) as Channel[]).flatMap((channel) => hostileInputs(channel).map((input) => ({ channel, input }))),
];

/**
 * The result union with a code the catalog knows, whatever was sent, and never `internal_error`: hostile input is
 * refused for what it is, not met by a handler that broke. The inputs that once ended a host are refused by name.
 */
function expectResult(answer: unknown, sent: (typeof cases)[number]): void {
  const context = `${sent.channel} ${JSON.stringify(sent.input).slice(0, 200)}`;
  const result = answer as { ok?: unknown; error?: { code?: string } };
  expect(typeof result.ok, context).toBe('boolean');
  if (result.ok === false) expect(Object.keys(errorCatalog), context).toContain(result.error?.code);
  expect(result.error?.code, context).not.toBe('internal_error');
  if (KNOWN_KILLERS.includes(sent)) expect(result.error?.code, context).toBe('invalid_request');
}

describe('fuzzing every channel over both transports', () => {
  let harness: Harness;
  let server: Server;
  let base: string;
  let agent: Agent;
  let socket: { close(): Promise<void> };
  let client: Socket;

  beforeAll(async () => {
    harness = await startHarness();
    ({ server, base } = await serveApi(harness, TOKEN));
    agent = new Agent({ connections: 4 });
    socket = await listenLocalSocket(socketPathFor(harness.dataDir), harness.app, silentLogger);
    client = connect(socketPathFor(harness.dataDir));
    await once(client, 'connect');
  });

  afterAll(async () => {
    client?.destroy();
    await agent?.close();
    await socket?.close();
    server?.close();
    await harness?.close();
  });

  it(`HTTP: answers all ${cases.length} malformed calls with the result union, never a 500, and keeps serving`, async () => {
    const call = async (sent: (typeof cases)[number]) => {
      const { channel, input } = sent;
      const response = await request(`${base}/api/${channel}`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      expect([200, 400], `${channel} ${JSON.stringify(input).slice(0, 200)}`).toContain(response.statusCode);
      expectResult(await response.body.json(), sent);
    };
    // A few at a time, as a browser would: the agent's four connections stay busy.
    for (let start = 0; start < cases.length; start += 4) await Promise.all(cases.slice(start, start + 4).map(call));
    const info = await request(`${base}/api/app.info`, { method: 'POST', dispatcher: agent, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    expect(await info.body.json()).toMatchObject({ ok: true, value: { mode: 'sandbox' } });
  }, 120_000);

  it(`local socket: answers all ${cases.length} malformed calls by id with the result union, and keeps serving`, async () => {
    const answers = new Map<number, unknown>();
    let buffered = '';
    let arrived: () => void = () => {};
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const message = JSON.parse(line) as { id?: unknown };
        if (typeof message.id === 'number') answers.set(message.id, message);
      }
      arrived();
    });
    const answered = (id: number) =>
      new Promise<unknown>((resolve) => {
        const check = () => (answers.has(id) ? resolve(answers.get(id)) : (arrived = check));
        check();
      });

    for (const [id, sent] of cases.entries()) {
      client.write(`${JSON.stringify({ id, channel: sent.channel, input: sent.input })}\n`);
      expectResult(await answered(id), sent);
    }
    client.write(`${JSON.stringify({ id: cases.length, channel: 'app.info' })}\n`);
    expect(await answered(cases.length)).toMatchObject({ ok: true, value: { mode: 'sandbox' } });
  }, 60_000);
});
