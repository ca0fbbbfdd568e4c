import { describe, expect, it, vi } from 'vitest';
import { createRecentFiles, parseRecentJson } from '../../main/recent-files.js';
import { memFs } from './fakes.js';

const FILE = '/user/data/recent-files.json';

describe('recent files store', () => {
  it('starts empty when there is no file', async () => {
    const store = createRecentFiles({ fs: memFs(), file: FILE });
    expect(await store.list()).toEqual([]);
  });

  it('adds most recent first, deduplicates, caps at 10, persists atomically', async () => {
    const fs = memFs();
    const onChange = vi.fn();
    const store = createRecentFiles({ fs, file: FILE, onChange });
    for (let i = 0; i < 12; i++) await store.add(`/s/${i}.yaml`);
    await store.add('/s/5.yaml');
    const list = await store.list();
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('/s/5.yaml');
    expect(list.filter((p) => p === '/s/5.yaml')).toHaveLength(1);
    expect(list).not.toContain('/s/0.yaml');
    expect(JSON.parse(fs.text(FILE)!)).toEqual({ version: 1, paths: list });
    expect(fs.ops.some((o) => /^rename \/user\/data\/\.recent-files\.json\..+\.tmp -> \/user\/data\/recent-files\.json$/.test(o))).toBe(true);
    expect(onChange).toHaveBeenLastCalledWith(list);
    // A fresh store reads the same list back.
    expect(await createRecentFiles({ fs, file: FILE }).list()).toEqual(list);
  });

  it('concurrent adds are serialized and none is lost', async () => {
    const fs = memFs();
    const store = createRecentFiles({ fs, file: FILE });
    await Promise.all(['/a', '/b', '/c'].map((p) => store.add(p)));
    expect(await store.list()).toEqual(['/c', '/b', '/a']);
    expect(await createRecentFiles({ fs, file: FILE }).list()).toEqual(['/c', '/b', '/a']);
  });

  it('has, remove and clear', async () => {
    const store = createRecentFiles({ fs: memFs(), file: FILE });
    await store.add('/a.yaml');
    await store.add('/b.yaml');
    expect(await store.has('/a.yaml')).toBe(true);
    expect(await store.has('/c.yaml')).toBe(false);
    expect(await store.remove('/a.yaml')).toEqual(['/b.yaml']);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });

  it('a corrupt or hostile file reads as a clean list', async () => {
    expect(parseRecentJson('{not json')).toEqual([]);
    expect(parseRecentJson('null')).toEqual([]);
    expect(parseRecentJson('{"paths": "x"}')).toEqual([]);
    expect(parseRecentJson(JSON.stringify({ paths: ['/a', 'relative.yaml', 3, '', '/b\0', '/a', '/c'] }))).toEqual(['/a', '/c']);
    expect(parseRecentJson(JSON.stringify({ paths: Array.from({ length: 50 }, (_, i) => `/f${i}`) }))).toHaveLength(10);
    const store = createRecentFiles({ fs: memFs({ [FILE]: '{oops' }), file: FILE });
    expect(await store.list()).toEqual([]);
    expect(await store.add('/x')).toEqual(['/x']);
  });
});
