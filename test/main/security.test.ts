import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createUserGestures,
  denyAllPermissions,
  hardenWebContents,
  isAllowedOrigin,
  isSafeExternalUrl,
  openExternalGuarded,
  originOf,
  USER_GESTURE_WINDOW_MS,
  webPreferencesFor,
  type WebContentsLike,
} from '../../main/security.js';

describe('webPreferencesFor', () => {
  it('is exactly the hardened set; DevTools only in an unpackaged app', () => {
    expect(webPreferencesFor('/app/out/preload/index.cjs', { devTools: false })).toStrictEqual({
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(webPreferencesFor('/p.cjs', { devTools: true }).devTools).toBe(true);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the documented policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'",
    );
  });
  it('never allows inline or eval scripts', () => {
    const script = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('isSafeExternalUrl', () => {
  const safe = [
    'https://example.com',
    'https://example.com/',
    'HTTPS://ok.example',
    'https://docs.example.org/path/to/page?q=1&r=2#section',
    'https://sub.domain.example.com:8443/x',
    'https://example.com/a%20b',
  ];
  const unsafe: [string, unknown][] = [
    ['plain http', 'http://example.com'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with https text', 'javascript://https://example.com/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:https://example.com/uuid'],
    ['app: (our own scheme)', 'app://fleetlab/index.html'],
    ['ftp:', 'ftp://example.com/'],
    ['mailto:', 'mailto:a@example.com'],
    ['custom scheme', 'ms-settings:privacy'],
    ['credentials', 'https://user:pass@evil.com'],
    ['user only', 'https://user@evil.com'],
    ['empty userinfo', 'https://@evil.com'],
    ['userinfo that looks like a host', 'https://example.com@evil.com'],
    ['encoded @', 'https://example.com%40evil.com'],
    ['no slashes', 'https:evil.com'],
    ['one slash', 'https:/evil.com'],
    ['backslashes', 'https:\\\\evil.com'],
    ['mixed slashes', 'https:/\\evil.com'],
    ['backslash in path', 'https://example.com\\@evil.com'],
    ['cyrillic a lookalike', 'https://аpple.com'],
    ['greek omicron lookalike', 'https://gοogle.com'],
    ['punycode host', 'https://xn--pple-43d.com'],
    ['fullwidth dot', 'https://example．com'],
    ['leading space', ' https://example.com'],
    ['trailing newline', 'https://example.com\n'],
    ['tab inside', 'https://exa\tmple.com'],
    ['NUL inside', 'https://example.com/\0'],
    ['no host', 'https://'],
    ['no host, path', 'https:///path'],
    ['localhost', 'https://localhost/'],
    ['sub.localhost', 'https://a.localhost/'],
    ['IPv4', 'https://127.0.0.1/'],
    ['IPv4 as integer', 'https://2130706433/'],
    ['IPv6', 'https://[::1]/'],
    ['single label', 'https://intranet/'],
    ['trailing dot', 'https://example.com./'],
    ['empty string', ''],
    ['not a string', 42],
    ['null', null],
    ['object', { href: 'https://example.com' }],
    ['too long', `https://example.com/${'a'.repeat(3000)}`],
  ];
  it.each(safe)('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });
  it.each(unsafe)('rejects %s', (_label, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('openExternalGuarded', () => {
  it('opens safe URLs, normalized', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    await expect(openExternalGuarded(shell, 'HTTPS://ok.example')).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://ok.example/');
  });
  it('never calls the shell for unsafe URLs', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    await expect(openExternalGuarded(shell, 'file:///etc/passwd')).resolves.toBe(false);
    await expect(openExternalGuarded(shell, 'https://user:pw@evil.com')).resolves.toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('origins', () => {
  it('computes scheme://host for app: and http:', () => {
    expect(originOf('app://fleetlab/index.html')).toBe('app://fleetlab');
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('not a url')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
  });
  it.each([
    ['app://fleetlab/index.html', true],
    ['app://fleetlab', true],
    ['APP://FLEETLAB/x', true],
    ['app://fleetlab.evil.com/', false],
    ['app://evil/', false],
    ['app://fleetlab:8080/', false],
    ['app://user@fleetlab/', false],
    ['https://fleetlab/', false],
    ['file:///app/index.html', false],
    ['about:blank', false],
    ['', false],
  ])('%s allowed: %s', (url, ok) => {
    expect(isAllowedOrigin(url, ['app://fleetlab'])).toBe(ok);
  });
});

type Listener = (...args: any[]) => void;
function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      openHandler = h;
    },
  };
  const input = (type: string, keyCode?: string) => {
    for (const l of listeners.get('input-event') ?? []) l({}, { type, ...(keyCode ? { keyCode } : {}) });
  };
  const emit = (name: string, url?: string) => {
    const event = { url, preventDefault: vi.fn() };
    for (const l of listeners.get(name) ?? []) l(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as WebContentsLike, emit, input, open: (url: string) => openHandler!({ url }), listeners };
}

describe('hardenWebContents', () => {
  const setup = (origins?: string[]) => {
    const wc = fakeWebContents();
    const shell = { openExternal: vi.fn(async () => undefined) };
    hardenWebContents(wc.contents, shell, origins);
    return { ...wc, shell };
  };

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s: blocks foreign URLs, allows the app', (name) => {
    const { emit } = setup();
    expect(emit(name, 'https://evil.com/')).toBe(true);
    expect(emit(name, 'file:///etc/passwd')).toBe(true);
    expect(emit(name, 'javascript:alert(1)')).toBe(true);
    expect(emit(name, 'app://evil/index.html')).toBe(true);
    expect(emit(name, 'http://localhost:5173/')).toBe(true);
    expect(emit(name, 'app://fleetlab/index.html')).toBe(false);
  });

  it('allows the dev server only when listed', () => {
    const { emit } = setup(['app://fleetlab', 'http://localhost:5173']);
    expect(emit('will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(emit('will-navigate', 'http://localhost:5174/')).toBe(true);
  });

  it('uses event.url when the listener gets no url argument', () => {
    const { listeners } = setup();
    const event = { url: 'https://evil.com', preventDefault: vi.fn() };
    listeners.get('will-navigate')![0]!(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open; a safe https link goes to the system browser after a click', async () => {
    const { open, shell, input } = setup();
    expect(open('https://docs.example.com/no-gesture')).toEqual({ action: 'deny' });
    input('mouseMove');
    expect(open('https://docs.example.com/no-gesture')).toEqual({ action: 'deny' });
    input('mouseDown');
    expect(open('https://docs.example.com/guide')).toEqual({ action: 'deny' });
    expect(open('http://example.com')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('app://fleetlab/index.html')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.example.com/guide');
    // One gesture, one link: a page cannot open a second one on the same click.
    expect(open('https://docs.example.com/again')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('an unsafe link does not use up the gesture', async () => {
    const { open, shell, input } = setup();
    input('keyDown', 'Enter');
    open('http://example.com');
    open('https://docs.example.com/guide');
    await Promise.resolve();
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.example.com/guide');
  });

  it('blocks webview attachment', () => {
    const { emit } = setup();
    expect(emit('will-attach-webview')).toBe(true);
  });
});

describe('createUserGestures', () => {
  const setup = () => {
    let t = 1_000;
    const gestures = createUserGestures(() => t);
    const listeners: ((e: unknown, input: { type: string; keyCode?: string }) => void)[] = [];
    gestures.observe({ on: ((name: string, l: never) => void (name === 'input-event' && listeners.push(l))) as never });
    return { gestures, input: (type: string, keyCode?: string) => listeners.forEach((l) => l({}, { type, keyCode })), advance: (ms: number) => void (t += ms) };
  };
  it.each(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'touchEnd', 'gestureTap', 'pointerDown', 'pointerUp'])('%s is a gesture, used once', (type) => {
    const { gestures, input } = setup();
    expect(gestures.consume()).toBe(false);
    input(type);
    expect(gestures.consume()).toBe(true);
    expect(gestures.consume()).toBe(false);
  });
  it.each(['mouseMove', 'mouseWheel', 'mouseEnter', 'keyUp', 'char', 'gestureScrollBegin'])('%s is not', (type) => {
    const { gestures, input } = setup();
    input(type);
    expect(gestures.consume()).toBe(false);
  });
  it('Escape is not a gesture; a gesture lasts USER_GESTURE_WINDOW_MS', () => {
    const { gestures, input, advance } = setup();
    input('keyDown', 'Escape');
    expect(gestures.consume()).toBe(false);
    input('mouseDown');
    advance(USER_GESTURE_WINDOW_MS);
    expect(gestures.consume()).toBe(true);
    input('mouseDown');
    advance(USER_GESTURE_WINDOW_MS + 1);
    expect(gestures.consume()).toBe(false);
  });
});

describe('denyAllPermissions', () => {
  it('denies requests and checks', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void, d: unknown) => void) | null = null;
    let check: ((wc: unknown, p: string, o: string, d: unknown) => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => void (request = h),
      setPermissionCheckHandler: (h) => void (check = h),
    });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'hid']) {
      const cb = vi.fn();
      request!({}, permission, cb, {});
      expect(cb).toHaveBeenCalledWith(false);
      expect(check!({}, permission, 'app://fleetlab', {})).toBe(false);
    }
  });
});
