// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { AppController } from '../../renderer/state/controller';
import { CATALOG, createFakeEngine, SCENARIO } from './fake-engine';

function setup() {
  const engine = createFakeEngine();
  const controller = new AppController({ engine, builtins: [{ fileName: 'test.yaml', text: SCENARIO }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  return { controller };
}

describe('saving an edited built-in (web mode, defect 4)', () => {
  it('downloads a copy, leaves the built-in pristine, and re-opening the download replaces the copy', async () => {
    const clicks: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const { controller } = setup();
    const builtin = controller.state.library[0]!;
    controller.edit(['fleet', 'pools', 0, 'max'], 2);
    const edited = controller.currentText();
    expect(edited).toContain('max: 2\n');
    await controller.save();
    expect(clicks).toEqual(['test.yaml']);

    const s = controller.state;
    expect(s.dirty).toBe(false);
    // The built-in's text is what it was; the copy holds the edit and is active.
    expect(s.library.find((e) => e.id === builtin.id)!.text).toBe(SCENARIO);
    expect(s.library).toHaveLength(2);
    expect(controller.active!.source).toBe('file');
    expect(controller.active!.text).toBe(edited);

    // Opening the downloaded file again replaces the copy instead of adding a third entry.
    controller.loadFile('test.yaml', edited);
    expect(controller.state.library).toHaveLength(2);
    expect(controller.active!.id).toBe('file:test.yaml');

    // The built-in itself re-opens unedited.
    controller.selectScenario(builtin.id);
    expect(controller.currentText()).toBe(SCENARIO);
    click.mockRestore();
  });
});
