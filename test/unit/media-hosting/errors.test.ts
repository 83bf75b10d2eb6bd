import { describe, expect, it } from 'vitest';
import { isFailure } from '../../../src-main/config/failure';
import { HostingFailure, hostingErrorCatalog } from '../../../src-main/media/hosting/errors';

describe('HostingFailure', () => {
  it('is recognised as a Failure at the IPC boundary, with its sentence, action and detail', () => {
    const failure = new HostingFailure('hosting_port_in_use', 'Port 8787 is taken.');
    expect(isFailure(failure)).toBe(true);
    expect(failure.error).toEqual({ code: 'hosting_port_in_use', ...hostingErrorCatalog.hosting_port_in_use, detail: 'Port 8787 is taken.' });
    expect(failure.message).toBe(hostingErrorCatalog.hosting_port_in_use.message);
  });
});
