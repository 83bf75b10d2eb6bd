/** The in-app sign-in popup, as the core sees it. Desktop implements it with a BrowserWindow. */
export interface AuthWindowRequest {
  attemptId: string;
  authorizeUrl: string;
  /** The popup must catch a navigation to this URI (any query) before the request leaves the machine. */
  redirectUri: string;
  /** Origins the popup may navigate to (Instagram's, or the sandbox's). Everything else is refused. */
  allowedOrigins: string[];
}

export type AuthWindowOutcome = { kind: 'redirect'; url: string } | { kind: 'closed' };

export interface AuthWindow {
  open(request: AuthWindowRequest): Promise<AuthWindowOutcome>;
  /** Close the popup of an attempt, if it is still open. */
  close(attemptId: string): void;
}
