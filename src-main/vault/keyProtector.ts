/**
 * The seam between the vault and whatever protects its master key: Electron `safeStorage` on desktop,
 * a file key on the browser host, memory in tests. Asynchronous because Electron's current
 * `safeStorage` API is (the OS may prompt, e.g. to unlock a keyring).
 */
export interface KeyProtector {
  /** Stable name of the mechanism: 'safeStorage', 'file', 'memory'. */
  readonly id: string;
  /** The concrete backend, recorded with the key so a silent change is noticed (e.g. 'gnome_libsecret', 'basic_text'). */
  backend(): string;
  /** A plain sentence when secrets are not really protected by the OS, else null. */
  weaknessWarning(): string | null;
  /** True where the user must agree before tokens are sealed at all (Linux's `basic_text` fixed key). */
  requiresConsent(): boolean;
  protect(plain: Buffer): Promise<Buffer>;
  /** `shouldReseal`: the protector asks for the key to be protected again (e.g. the OS rotated its key). */
  unprotect(sealed: Buffer): Promise<{ plain: Buffer; shouldReseal: boolean }>;
}
