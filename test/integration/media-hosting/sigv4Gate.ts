import { createHash, createHmac } from 'node:crypto';
import { request as forward, type IncomingMessage } from 'node:http';
import { startServer } from './helpers';

/**
 * s3rver 3.7 does not verify SigV4 signatures ("Signature version 4 calculation is unimplemeneted" in
 * its authentication middleware), so a wrong secret key would pass. This gate sits in front of it and
 * checks header-signed requests the way S3 does, answering S3's own SignatureDoesNotMatch error.
 * Presigned (query-signed) GETs pass through unchecked.
 */
export async function startSigV4Gate(upstreamPort: number, secrets: Record<string, string>) {
  return startServer((incoming, outgoing) => {
    const authorization = incoming.headers.authorization;
    if (authorization && !signatureMatches(incoming, authorization, secrets)) {
      outgoing.writeHead(403, { 'Content-Type': 'application/xml' });
      outgoing.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>',
      );
      incoming.resume();
      return;
    }
    const upstream = forward(
      { host: '127.0.0.1', port: upstreamPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
}

function signatureMatches(incoming: IncomingMessage, authorization: string, secrets: Record<string, string>): boolean {
  const parts = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!parts) return false;
  const [, keyId = '', date = '', region = '', signedHeaders = '', signature = ''] = parts;
  const secret = secrets[keyId];
  // An unknown key ID is s3rver's to refuse (InvalidAccessKeyId).
  if (secret === undefined) return true;
  const [path = '/', query = ''] = (incoming.url ?? '/').split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .map((pair) => (pair.includes('=') ? pair : `${pair}=`))
    .sort()
    .join('&');
  const headerNames = signedHeaders.split(';');
  const canonicalHeaders = headerNames
    .map((name) => `${name}:${String(incoming.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    incoming.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    String(incoming.headers['x-amz-content-sha256'] ?? ''),
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', String(incoming.headers['x-amz-date']), scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secret}`);
  for (const part of [date, region, 's3', 'aws4_request']) key = hmac(key, part);
  return hmac(key, stringToSign).toString('hex') === signature;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
