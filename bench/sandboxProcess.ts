import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'undici';

/** The sandbox in its own process, as Instagram would be: its CPU is not the app's. */
export interface RemoteSandbox {
  url: string;
  control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** What `npm run sandbox` prints: its address, then (a few lines later) the control API's per-run token. */
const ADDRESS_LINE = /(http:\/\/127\.0\.0\.1:\d+)/;
const CONTROL_TOKEN_LINE = /Control token: +(\S+)/;

export async function spawnSandbox(redirectUri: string): Promise<RemoteSandbox> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'sandbox.cjs'), '--port', '0', '--quiet', '--redirect-uri', redirectUri], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, controlToken } = await new Promise<{ url: string; controlToken: string }>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const address = ADDRESS_LINE.exec(output);
      const token = CONTROL_TOKEN_LINE.exec(output);
      if (address && token) resolve({ url: address[1]!, controlToken: token[1]! });
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return {
    url,
    async control(method, path, body) {
      const response = await request(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${controlToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.body.text();
      if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
