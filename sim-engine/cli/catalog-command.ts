/** `fleetlab catalog`: the accelerator catalog as a table or JSON. */
import Table from 'cli-table3';
import { CATALOG, REFERENCE_ACCELERATOR } from '../model/catalog.js';
import type { CliIo } from './common.js';

export function catalogCommand(json: boolean, io: CliIo): number {
  if (json) {
    io.stdout(`${JSON.stringify({ reference: REFERENCE_ACCELERATOR, accelerators: CATALOG }, null, 2)}\n`);
    return 0;
  }
  const tty = process.stdout.isTTY === true;
  const table = new Table({
    head: ['id', 'memory', 'power W busy/idle', 'speed train/infer', 'on-demand $/h', 'spot', 'reserved', 'price as of'],
    style: tty ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  const money = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));
  for (const a of CATALOG) {
    table.push([a.id, `${a.memoryGiB} GiB`, `${a.powerW} / ${a.idlePowerW ?? '—'}`, `${a.speed.training} / ${a.speed.inference}`, money(a.prices['on-demand']), money(a.prices.spot), money(a.prices.reserved), a.priceDate]);
  }
  io.stdout(`Accelerator catalog (speed relative to ${REFERENCE_ACCELERATOR}; prices per accelerator-hour, USD; sources: fleetlab catalog --json)\n${table.toString()}\n`);
  return 0;
}
