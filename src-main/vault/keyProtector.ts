/**
 * The seam between the vault and whatever protects its master key: Electron `safeStorage` on desktop,
 * a file key on the browser host, memory in tests.
 */
export interface KeyProtector {
  /** Stable name of the mechanism: 'safeStorage', 'file', 'memory'. */
  readonly id: string;
  /** The concrete backend, recorded with the key so a silent change is noticed (e.g. 'gnome_libsecret', 'basic_text'). */
  backend(): string;
  /** A plain sentence when secrets are not really protected by the OS, else null. */
  weaknessWarning(): string | null;
  protect(plain: Buffer): Buffer;
  unprotect(sealed: Buffer): Buffer;
}
