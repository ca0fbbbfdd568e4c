/**
 * One Content-Security-Policy (main/csp.js) for every place that serves the renderer: the
 * `app://` protocol of the desktop app, `vite preview` (and the meta tag of the built
 * index.html), and web mode (scripts/web.js). They used to be three copies that had drifted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, PluginOption } from 'vite';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as SHARED, CONTENT_SECURITY_POLICY_META } from '../../main/csp.js';
import { createAppProtocolHandler } from '../../main/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../main/security.js';
import { rendererConfig } from '../../vite.config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts scripts/web.js on a free port serving `dir`; resolves to its URL and a stop function. */
async function startWeb(dir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(root, 'scripts/web.js'), `--dir=${dir}`], { cwd: root, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /fleetlab web: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`web mode exited (${code}):\n${out}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function flatPlugins(options: PluginOption[] | undefined): Plugin[] {
  return (options ?? []).flat(Infinity as 1).filter((p): p is Plugin => typeof p === 'object' && p !== null && 'name' in p);
}

describe('Content-Security-Policy', () => {
  it('is the one policy of main/csp.js wherever the app is served', async () => {
    const headers: Record<string, string | null> = {};

    const appProtocol = createAppProtocolHandler({ root: '/app/out/renderer', readFile: async () => new TextEncoder().encode('<!doctype html>'), pathModule: path.posix });
    headers['app:// (main/protocol.ts)'] = (await appProtocol({ url: 'app://fleetlab/index.html', method: 'GET' })).headers.get('content-security-policy');
    headers['main/security.ts'] = CONTENT_SECURITY_POLICY;

    const preview = rendererConfig().preview?.headers as Record<string, string> | undefined;
    headers['vite preview'] = preview?.['Content-Security-Policy'] ?? null;

    const dir = mkdtempSync(path.join(tmpdir(), 'fleetlab-csp-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>fleetlab</title>');
    writeFileSync(path.join(dir, 'worker.js'), 'self.x = 1;');
    const web = await startWeb(dir);
    try {
      headers['web mode index.html'] = (await fetch(web.url)).headers.get('content-security-policy');
      headers['web mode worker.js'] = (await fetch(`${web.url}worker.js`)).headers.get('content-security-policy');
    } finally {
      web.stop();
      rmSync(dir, { recursive: true, force: true });
    }

    expect(headers).toEqual(Object.fromEntries(Object.keys(headers).map((k) => [k, SHARED])));
  });

  it('is meant: no inline or eval script, no WebAssembly, no framing', () => {
    const directives = SHARED.split('; ');
    expect(directives.find((d) => d.startsWith('script-src '))).toBe("script-src 'self'");
    expect(SHARED).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/);
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("frame-ancestors 'none'");
  });

  it('goes into the built index.html as a meta tag, without the header-only directives', async () => {
    const plugin = flatPlugins(rendererConfig().plugins).find((p) => p.name === 'fleetlab-csp-meta');
    expect(plugin?.apply).toBe('build');
    const transform = plugin!.transformIndexHtml as () => { tag: string; attrs: Record<string, string> }[];
    const [tag] = transform();
    expect(tag).toMatchObject({ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy' } });
    expect(tag!.attrs.content).toBe(CONTENT_SECURITY_POLICY_META);
    // A meta policy ignores frame-ancestors (and Chrome logs a CSP warning for it): everything else is the header's.
    expect(CONTENT_SECURITY_POLICY_META).toBe(SHARED.split('; ').filter((d) => !d.startsWith('frame-ancestors ')).join('; '));
  });

  it('is written nowhere else', () => {
    const skip = new Set(['node_modules', 'out', 'dist', '.git', 'test', 'coverage']);
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!skip.has(e.name)) walk(p);
        } else if (/\.(ts|tsx|js|mjs|cjs|html|yml|yaml|json)$/.test(e.name) && /default-src|frame-ancestors/.test(readFileSync(p, 'utf8'))) {
          found.push(path.relative(root, p));
        }
      }
    };
    walk(root);
    expect(found).toEqual([path.join('main', 'csp.js')]);
  });
});
