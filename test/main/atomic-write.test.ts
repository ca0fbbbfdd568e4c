import { describe, expect, it } from 'vitest';
import { atomicWriteFile, atomicWriteFiles, tempPathFor } from '../../main/atomic-write.js';
import { memFs } from './fakes.js';

describe('atomic writes', () => {
  it('writes a temp file in the same directory, then renames it over the target', async () => {
    const fs = memFs({ '/out/results.json': 'old' });
    await atomicWriteFile(fs, '/out/results.json', 'new');
    expect(fs.text('/out/results.json')).toBe('new');
    const [write, rename] = fs.ops;
    expect(write).toMatch(/^writeFile \/out\/\.results\.json\..+\.tmp$/);
    expect(rename).toBe(`rename ${write!.slice('writeFile '.length)} -> /out/results.json`);
    expect([...fs.files.keys()]).toEqual(['/out/results.json']);
  });

  it('temp names are unique, random and hidden next to the target', () => {
    const a = tempPathFor('/d/x.csv');
    const b = tempPathFor('/d/x.csv');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\/d\/\.x\.csv\.[0-9a-f]{16}\.tmp$/);
    expect(a).not.toContain(String(process.pid));
  });

  it('temp files are created exclusively: something already at the name is neither written through nor removed', async () => {
    const fs = memFs({ '/out/results.json': 'old' });
    const writeFile = fs.writeFile.bind(fs);
    const flags: unknown[] = [];
    fs.writeFile = async (p, data, options) => {
      flags.push(options?.flag);
      fs.files.set(p, new TextEncoder().encode('planted')); // an attacker won the race for this name
      return writeFile(p, data, options);
    };
    await expect(atomicWriteFile(fs, '/out/results.json', 'new')).rejects.toThrow('EEXIST');
    expect(flags).toEqual(['wx']);
    expect(fs.text('/out/results.json')).toBe('old');
    expect([...fs.files.values()].map((b) => new TextDecoder().decode(b)).sort()).toEqual(['old', 'planted']);
  });

  it('a failed write leaves the target untouched and no temp file behind', async () => {
    const fs = memFs({ '/out/results.json': 'old' });
    fs.failOn = (op) => op === 'writeFile';
    await expect(atomicWriteFile(fs, '/out/results.json', 'new')).rejects.toThrow('ENOSPC');
    expect(fs.text('/out/results.json')).toBe('old');
    expect([...fs.files.keys()]).toEqual(['/out/results.json']);
  });

  it('a set of files: a failure in any write renames none of them', async () => {
    const fs = memFs({ '/out/results.json': 'old-r', '/out/series.csv': 'old-s' });
    fs.failOn = (op, p) => op === 'writeFile' && p.includes('jobs.csv');
    await expect(
      atomicWriteFiles(fs, [
        { path: '/out/results.json', data: 'new-r' },
        { path: '/out/series.csv', data: 'new-s' },
        { path: '/out/jobs.csv', data: 'new-j' },
      ]),
    ).rejects.toThrow();
    expect(fs.text('/out/results.json')).toBe('old-r');
    expect(fs.text('/out/series.csv')).toBe('old-s');
    expect([...fs.files.keys()].sort()).toEqual(['/out/results.json', '/out/series.csv']);
    expect(fs.ops.filter((o) => o.startsWith('rename'))).toEqual([]);
  });

  it('a set of files: all temps are written before the first rename', async () => {
    const fs = memFs();
    fs.dirs.add('/out');
    await atomicWriteFiles(fs, [
      { path: '/out/a', data: '1' },
      { path: '/out/b', data: new Uint8Array([2]) },
    ]);
    expect(fs.ops.map((o) => o.split(' ')[0])).toEqual(['writeFile', 'writeFile', 'rename', 'rename']);
    expect(fs.text('/out/a')).toBe('1');
    expect(fs.files.get('/out/b')).toEqual(new Uint8Array([2]));
  });
});
