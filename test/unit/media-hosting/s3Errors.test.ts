import { describe, expect, it } from 'vitest';
import { classifyS3Error, defaultsToPathStyle } from '../../../src-main/media/hosting/s3';

const s3Error = (name: string, httpStatusCode: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });

describe('classifyS3Error', () => {
  it.each([
    [s3Error('InvalidAccessKeyId', 403), 'hosting_credentials_rejected'],
    [s3Error('SignatureDoesNotMatch', 403), 'hosting_credentials_rejected'],
    [s3Error('AccessDenied', 403), 'hosting_denied'],
    [s3Error('Unknown', 403), 'hosting_denied'],
    [s3Error('NoSuchBucket', 404), 'hosting_bucket_missing'],
    [s3Error('AuthorizationHeaderMalformed', 400), 'hosting_wrong_region'],
    [s3Error('PermanentRedirect', 301), 'hosting_wrong_region'],
    [s3Error('Unknown', 301), 'hosting_wrong_region'],
    [s3Error('TimeoutError', 0), 'hosting_unreachable'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), 'hosting_unreachable'],
    [s3Error('InternalError', 500), 'hosting_storage_error'],
  ])('%s → %s', (error, code) => {
    expect(classifyS3Error(error).code).toBe(code);
  });

  it('names what the storage said when it is unexpected, without any URL', () => {
    expect(classifyS3Error(s3Error('SlowDown', 503)).error.detail).toBe('The storage answered SlowDown (HTTP 503).');
  });
});

describe('defaultsToPathStyle', () => {
  it.each([
    ['https://s3.eu-west-1.amazonaws.com', false],
    ['https://abc123.r2.cloudflarestorage.com', false],
    ['https://s3.us-west-004.backblazeb2.com', false],
    ['http://localhost:9000', true],
    ['http://127.0.0.1:9000', true],
    ['https://10.0.0.5:9000', true],
    ['http://[::1]:9000', true],
  ])('%s → %s', (endpoint, pathStyle) => {
    expect(defaultsToPathStyle(endpoint)).toBe(pathStyle);
  });
});
