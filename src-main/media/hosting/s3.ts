import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Dispatcher } from 'undici';
import { isLoopbackHost, type S3HostingSettings } from '../../../src-shared/mediaHosting';
import { Failure } from '../../config/failure';
import { fetchProbe } from './fetchPublic';
import { unguessableName } from './names';
import type { HostedMedia, LocalMediaFile, MediaHost } from './types';

/** Objects live under one prefix so a user can see them, and add a lifecycle rule as a safety net. */
const KEY_PREFIX = 'postdeck/';

/**
 * Instagram needs the URL only until the container is FINISHED (at least an hour, per the issue);
 * 24 h covers a slow Reel and a retry, well inside S3's 7-day limit for presigned URLs.
 */
export const PRESIGNED_URL_SECONDS = 24 * 60 * 60;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * The user's S3-compatible bucket (AWS S3, Cloudflare R2, Backblaze B2, MinIO): upload at publish time,
 * hand Instagram a presigned GET URL, delete the object once the post is done.
 */
export class S3MediaHost implements MediaHost {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3HostingSettings,
    private readonly options: { dispatcher?: Dispatcher } = {},
  ) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      forcePathStyle: settings.forcePathStyle ?? defaultsToPathStyle(settings.endpoint),
      // The SDK's default CRC checksums (aws-chunked uploads) are not understood by every
      // S3-compatible server (older MinIO, B2, s3rver); send them only where S3 requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
    });
  }

  async publish(file: LocalMediaFile): Promise<HostedMedia> {
    const key = KEY_PREFIX + unguessableName(file.contentType);
    await this.put(key, createReadStream(file.path), file.bytes, file.contentType);
    const url = await this.presign(key);
    // Deleting a missing object succeeds, so releasing twice is harmless.
    return { url, ref: key, release: () => this.release(key) };
  }

  async release(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    } catch (error) {
      throw classifyS3Error(error);
    }
  }

  /** Upload, fetch back through a presigned URL from outside, delete: what publishing will need. */
  async check(): Promise<void> {
    const key = `${KEY_PREFIX}check-${unguessableName('')}`;
    const probe = randomBytes(32);
    await this.put(key, probe, probe.length, 'application/octet-stream');
    const problem = await fetchProbe(await this.presign(key), probe, {
      dispatcher: this.options.dispatcher,
      noAnswer: 'hosting_fetch_failed',
      wrongAnswer: 'hosting_fetch_failed',
    });
    await this.release(key);
    if (problem) throw problem;
  }

  private async put(key: string, body: PutObjectCommand['input']['Body'], bytes: number, contentType: string): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: body, ContentLength: bytes, ContentType: contentType }),
      );
    } catch (error) {
      throw classifyS3Error(error);
    }
  }

  private presign(key: string): Promise<string> {
    // Signed locally: no request, so nothing to classify.
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }), { expiresIn: PRESIGNED_URL_SECONDS });
  }
}

/**
 * Servers reached by IP address or localhost (MinIO, s3rver) have no per-bucket host names; everyone
 * else gets virtual-host style (AWS is retiring path style) unless the user chose otherwise.
 */
export function defaultsToPathStyle(endpoint: string): boolean {
  const { hostname } = new URL(endpoint);
  return isLoopbackHost(hostname) || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');
}

/** An S3 error, by its S3 code (the SDK's `name`), as the plain failure the user can act on. */
export function classifyS3Error(error: unknown): Failure {
  const details = (error ?? {}) as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = details.name ?? '';
  const status = details.$metadata?.httpStatusCode;
  switch (name) {
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'InvalidToken':
    case 'ExpiredToken':
    case 'Unauthorized':
      return new Failure('hosting_credentials_rejected');
    case 'AccessDenied':
    case 'AllAccessDisabled':
    case 'Forbidden':
      return new Failure('hosting_denied');
    case 'NoSuchBucket':
      return new Failure('hosting_bucket_missing');
    case 'AuthorizationHeaderMalformed':
    case 'PermanentRedirect':
    case 'IllegalLocationConstraintException':
      return new Failure('hosting_wrong_region');
    case 'TimeoutError':
      return new Failure('hosting_unreachable', 'The endpoint did not answer in time.');
  }
  if (details.code && NETWORK_CODES.has(details.code)) return new Failure('hosting_unreachable', `No answer (${details.code}).`);
  if (status === 301 || status === 307) return new Failure('hosting_wrong_region');
  if (status === 403) return new Failure('hosting_denied');
  return new Failure('hosting_storage_error', name ? `The storage answered ${name}${status ? ` (HTTP ${status})` : ''}.` : undefined);
}
