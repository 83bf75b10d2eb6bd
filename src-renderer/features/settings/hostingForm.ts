import { mediaHostingInputSchema, type MediaHostingInput, type MediaHostingView } from '../../../src-shared/mediaHosting';

/** The media hosting form as typed: every field a string (or a box), whichever kind is picked. */
export interface HostingDraft {
  kind: MediaHostingView['kind'];
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  /** Empty keeps the stored key. */
  secretAccessKey: string;
  forcePathStyle: boolean;
  localPort: string;
  publicBaseUrl: string;
}

export function hostingDraft(view: MediaHostingView): HostingDraft {
  return {
    kind: view.kind,
    endpoint: view.kind === 's3' ? view.endpoint : '',
    region: view.kind === 's3' ? view.region : '',
    bucket: view.kind === 's3' ? view.bucket : '',
    accessKeyId: view.kind === 's3' ? view.accessKeyId : '',
    secretAccessKey: '',
    forcePathStyle: view.kind === 's3' ? view.forcePathStyle === true : false,
    localPort: view.kind === 'tunnel' ? String(view.localPort) : '',
    publicBaseUrl: view.kind === 'tunnel' ? view.publicBaseUrl : '',
  };
}

/** The channel input, checked by the contract's own schema so the form and the main process agree. */
export function hostingInput(draft: HostingDraft, secretStored: boolean): { ok: true; value: MediaHostingInput } | { ok: false; problem: string } {
  let candidate: unknown;
  if (draft.kind === 'none') candidate = { kind: 'none' };
  else if (draft.kind === 'tunnel') candidate = { kind: 'tunnel', localPort: Number(draft.localPort.trim()), publicBaseUrl: draft.publicBaseUrl };
  else {
    if (!draft.secretAccessKey && !secretStored) return { ok: false, problem: 'Enter the secret access key.' };
    candidate = {
      kind: 's3',
      endpoint: draft.endpoint,
      region: draft.region,
      bucket: draft.bucket,
      accessKeyId: draft.accessKeyId,
      ...(draft.secretAccessKey ? { secretAccessKey: draft.secretAccessKey } : {}),
      forcePathStyle: draft.forcePathStyle,
    };
  }
  const parsed = mediaHostingInputSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  return { ok: false, problem: field ? `${FIELD_LABELS[field] ?? field}: ${issue.message}` : issue.message };
}

const FIELD_LABELS: Record<string, string> = {
  endpoint: 'Endpoint',
  region: 'Region',
  bucket: 'Bucket',
  accessKeyId: 'Access key ID',
  localPort: 'Local port (1024–65535)',
  publicBaseUrl: 'Public address',
};
