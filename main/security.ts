// Security settings of the Electron shell, as pure functions over the objects they configure.
// Nothing here imports electron at runtime (type-only imports are erased), so every rule is
// unit-tested with fakes: see test/main/security.test.ts.
import { APP_ORIGIN } from './ipc/contract.js';

/**
 * The one set of web preferences every window gets. Tested as an exact object. `devTools` is
 * false in a packaged app (no DevTools at all, not only no menu entry to open them).
 */
export function webPreferencesFor(preloadPath: string, options: { devTools: boolean }) {
  return {
    devTools: options.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    spellcheck: false,
    preload: preloadPath,
  } as const;
}

/** Content-Security-Policy sent with every `app://` response (main/protocol.ts): the app's one
 *  policy, written in main/csp.js (shared with web mode and the vite config). */
export { CONTENT_SECURITY_POLICY } from './csp.js';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Whether `url` may be handed to the OS (shell.openExternal). Only plain `https://host/...`
 * URLs pass: no other scheme, no credentials or `@` in the authority, no backslashes,
 * whitespace or control characters, no non-ASCII or punycode (IDN lookalike) host names,
 * no IP literals or localhost. The raw text is checked as well as the parsed URL, because
 * the WHATWG parser "repairs" inputs such as `https:evil` or `https:\\evil`.
 */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048) return false;
  // Whitespace, control characters, backslashes and anything non-ASCII in the raw text.
  if (/[^\x21-\x7e]|\\/.test(url)) return false;
  const m = /^https:\/\/([^/?#]*)/i.exec(url);
  if (!m) return false;
  const authority = m[1]!;
  if (authority.length === 0 || authority.includes('@') || authority.includes('%')) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname;
  if (host.length === 0 || host === 'localhost' || host.endsWith('.localhost')) return false;
  if (host.startsWith('[') || IPV4.test(host)) return false;
  if (!host.includes('.') || host.endsWith('.')) return false;
  if (host.split('.').some((label) => label.length === 0 || label.startsWith('xn--'))) return false;
  return true;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Opens `url` in the system browser if it is safe; resolves to whether it was opened. */
export async function openExternalGuarded(shell: ShellLike, url: unknown): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await shell.openExternal(new URL(url).href);
  return true;
}

/** `scheme://host[:port]` of a URL, or null (also for URLs with credentials). (URL.origin is "null" for non-special schemes like app:.) */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.host === '' || u.username !== '' || u.password !== '') return null;
    return `${u.protocol}//${u.host}`.toLowerCase();
  } catch {
    return null;
  }
}

/** Whether `url` belongs to one of the allowed origins (the app origin, plus the dev server in dev). */
export function isAllowedOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.some((o) => o.toLowerCase() === origin);
}

interface PreventableEvent {
  preventDefault(): void;
}

/** How long a user gesture lets the app open one external link: Chromium's transient user activation lasts 5 s. */
export const USER_GESTURE_WINDOW_MS = 5000;

/** Input events that count as a user gesture (Chromium's activation-triggering input: a key press, a click or tap). */
const GESTURE_INPUTS = new Set(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'touchEnd', 'gestureTap', 'pointerDown', 'pointerUp']);

export interface InputEventLike {
  type: string;
  keyCode?: string;
}

/**
 * Remembers the last user gesture main saw (WebContents 'input-event', emitted in main as input is
 * sent to the page, so a compromised renderer cannot fake it). `consume()` is true once per
 * gesture within USER_GESTURE_WINDOW_MS: each click or key press opens at most one external link.
 */
export interface UserGestures {
  observe(contents: Pick<WebContentsLike, 'on'>): void;
  consume(): boolean;
}

export function createUserGestures(now: () => number = Date.now, windowMs = USER_GESTURE_WINDOW_MS): UserGestures {
  let last = Number.NEGATIVE_INFINITY;
  return {
    observe(contents) {
      contents.on('input-event', (_event: unknown, input: InputEventLike) => {
        if (GESTURE_INPUTS.has(input.type) && input.keyCode !== 'Escape') last = now();
      });
    },
    consume() {
      const t = now();
      if (!(t - last >= 0 && t - last <= windowMs)) return false;
      last = Number.NEGATIVE_INFINITY;
      return true;
    },
  };
}

/** The parts of Electron's WebContents that hardening touches. */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: PreventableEvent & { url?: string }, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'input-event', listener: (event: unknown, input: InputEventLike) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

/**
 * Locks down a WebContents: navigation and redirects anywhere but the app origin are
 * blocked, every window.open / target=_blank is denied (a safe https: link goes to the system
 * browser instead, only right after a user gesture: a page cannot open links on its own), and
 * <webview> can never attach.
 */
export function hardenWebContents(
  contents: WebContentsLike,
  shell: ShellLike,
  allowedOrigins: readonly string[] = [APP_ORIGIN],
  gestures: UserGestures = createUserGestures(),
): void {
  gestures.observe(contents);
  const guardNavigation = (event: PreventableEvent & { url?: string }, url?: string): void => {
    const target = url ?? event.url ?? '';
    if (!isAllowedOrigin(target, allowedOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url) && gestures.consume()) void openExternalGuarded(shell, url).catch(() => undefined);
    return { action: 'deny' };
  });
}

/** The parts of Electron's Session that permission denial touches. */
export interface SessionLike {
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean) | null): void;
}

/** fleetlab needs no web permission at all (camera, notifications, geolocation, HID...): deny every request and check. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
