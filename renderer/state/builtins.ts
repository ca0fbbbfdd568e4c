/** Built-in scenarios (scenarios/*.yaml) and the trace files they refer to, bundled by Vite. */
const texts = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const traceUrls = import.meta.glob(['../../scenarios/traces/**/*', '!../../scenarios/traces/**/*.md'], { query: '?url', import: 'default', eager: true }) as Record<string, string>;

export interface BuiltinScenario {
  fileName: string;
  text: string;
}

const ORDER = ['default.yaml'];

export const BUILTIN_SCENARIOS: BuiltinScenario[] = Object.entries(texts)
  .map(([key, text]) => ({ fileName: key.slice(key.lastIndexOf('/') + 1), text }))
  .sort((a, b) => {
    const ia = ORDER.indexOf(a.fileName);
    const ib = ORDER.indexOf(b.fileName);
    if (ia !== ib) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return a.fileName.localeCompare(b.fileName);
  });

/** URL of a bundled trace, by the path a built-in scenario writes (`traces/x.csv`, relative to scenarios/). */
export function builtinTraceUrl(path: string): string | undefined {
  const clean = path.replace(/^\.\//, '');
  return traceUrls[`../../scenarios/${clean}`];
}
