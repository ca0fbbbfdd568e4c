// The app's Content-Security-Policy, written once. Plain, dependency-free ESM so that every
// place that serves the renderer can import it: main/security.ts (the `app://` protocol,
// compiled by tsc with allowJs), vite.config.ts (the built index.html and `vite preview`) and
// scripts/web.js (web mode, plain Node). test/main/csp.test.ts checks that they all send it.

/**
 * One directive a line:
 * - `script-src 'self'`: no inline script, no eval, and no `'wasm-unsafe-eval'` — WebAssembly
 *   stays refused (the worker reads Parquet with pure-JS codecs, sim-engine/worker/trace-bytes.ts).
 * - `worker-src 'self'`: the engine worker (renderer/engine/client.ts) is a bundled file of the
 *   app, never a blob: URL. (Web mode's downloads are blob: links, which no fetch directive governs.)
 * - `style-src 'unsafe-inline'`: React inline styles (`style={...}`).
 * - `img-src data:`: the empty `data:,` favicon of renderer/index.html (charts draw on canvas or SVG).
 * - `connect-src 'self'`: built-in scenarios and traces are fetched from the app itself.
 * - fonts, media, manifests fall back to `default-src 'self'`.
 * - `frame-ancestors 'none'`: no page may frame the app.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** The header value, sent with every response that serves the app. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** Directives a `<meta http-equiv>` policy may not carry (the browser ignores them there, with a console warning). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/**
 * The same policy for the `<meta http-equiv="Content-Security-Policy">` tag of the built
 * index.html (for hosts that cannot set headers): every directive but the header-only ones.
 */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.filter((d) => !HEADER_ONLY.has(d.split(' ')[0] ?? '')).join('; ');
