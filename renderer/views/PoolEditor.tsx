/**
 * A fleet pool's card: name (renaming it renames every reference to it, references.ts),
 * accelerator, sizes, purchase option and its fields, provisioning and repair distributions.
 */
import { useRef } from 'react';
import { fmtUsd } from '../charts/format';
import { PURCHASE_OPTIONS, pricePerAcceleratorHour, type AcceleratorInfo } from '../state/catalog';
import { renamePoolReferences } from '../state/references';
import { setIn, type DocPath, type Json } from '../state/scenario-doc';
import { DistributionField } from './DistributionField';
import { Field, isObj, type Ctx } from './form-fields';

/**
 * The pool's name. Each keystroke renames the pool and the references that carry its name,
 * in one step (typing coalesces into one undo step). While the typed name is empty or another
 * pool's, the references keep the last free name, so typing through "a" on the way from
 * "ab" to "ac" never captures pool a's references.
 */
function PoolNameField({ ctx, index }: { ctx: Ctx; index: number }) {
  const path: DocPath = ['fleet', 'pools', index, 'name'];
  // While typing: the name the references carry, and the name this field last wrote (an undo
  // or any other change of the name in between ends the typing session).
  const carried = useRef<{ refs: string; wrote: unknown } | null>(null);
  const onValue = (v: unknown) => {
    const pools = isObj(ctx.doc.fleet) && Array.isArray(ctx.doc.fleet.pools) ? ctx.doc.fleet.pools : [];
    const current = pools[index];
    const own = isObj(current) ? current.name : undefined;
    if (carried.current && carried.current.wrote !== own) carried.current = null;
    const others = pools.flatMap((p, j) => (j !== index && isObj(p) && typeof p.name === 'string' ? [p.name] : []));
    const from = carried.current?.refs ?? (typeof own === 'string' ? own : '');
    const canCarry = from !== '' && !others.includes(from);
    const to = typeof v === 'string' ? v : '';
    const free = to !== '' && !others.includes(to);
    ctx.c.change((d) => {
      setIn(d, path, v);
      if (canCarry && free) renamePoolReferences(d, from, to);
    }, JSON.stringify(path));
    carried.current = canCarry ? { refs: free ? to : from, wrote: v } : null;
  };
  return <Field ctx={ctx} path={path} label="Name" required onValue={onValue} onBlur={() => (carried.current = null)} hint="policies refer to the pool by this name" />;
}

export function PoolCard({ ctx, index, pool, catalog, count }: { ctx: Ctx; index: number; pool: Record<string, unknown>; catalog: AcceleratorInfo[]; count: number }) {
  const base: DocPath = ['fleet', 'pools', index];
  const acc = catalog.find((a) => a.id === pool.accelerator);
  const purchase = typeof pool.purchase === 'string' ? pool.purchase : 'on-demand';
  const perAcc = pricePerAcceleratorHour(acc, purchase);
  const perNode = typeof pool.perNode === 'number' ? pool.perNode : null;
  const override = typeof pool.pricePerNodeHour === 'number' ? pool.pricePerNodeHour : null;
  const vendors = [...new Set(catalog.map((a) => a.vendor))];
  const accOptions = vendors.flatMap((v) => catalog.filter((a) => a.vendor === v).map((a) => ({ value: a.id, label: `${a.vendor} ${a.name} · ${a.memoryGiB} GiB · ${fmtUsd(a.prices['on-demand'])}/h` })));
  const failing = isObj(pool.failures);
  return (
    <div className="card" data-testid={`pool-${index}`}>
      <div className="card-head">
        <span className="card-title">{typeof pool.name === 'string' && pool.name ? pool.name : `pool ${index + 1}`}</span>
        <span className="card-sub">{acc ? `${acc.vendor} ${acc.name}` : 'unknown accelerator'}</span>
        <button
          className="icon-btn"
          title="Remove this pool"
          aria-label={`Remove pool ${String(pool.name ?? index + 1)}`}
          disabled={count <= 1}
          onClick={() => ctx.c.change((d) => void (d.fleet as { pools: Json[] }).pools.splice(index, 1))}
        >
          ✕
        </button>
      </div>
      <div className="grid-fields">
        <PoolNameField ctx={ctx} index={index} />
        <Field ctx={ctx} path={[...base, 'accelerator']} label="Accelerator" kind="select" options={accOptions} wide required />
        <Field ctx={ctx} path={[...base, 'perNode']} label="Per node" kind="number" required hint="accelerators per node" />
        <Field ctx={ctx} path={[...base, 'purchase']} label="Purchase" kind="select" options={PURCHASE_OPTIONS.map((p) => ({ value: p, label: p }))} emptyLabel="on-demand (default)" />
        <Field ctx={ctx} path={[...base, 'initial']} label="Initial nodes" kind="number" placeholder="0" />
        <Field ctx={ctx} path={[...base, 'min']} label="Min nodes" kind="number" placeholder="0" />
        <Field ctx={ctx} path={[...base, 'max']} label="Max nodes" kind="number" placeholder="= initial" />
        <DistributionField ctx={ctx} path={[...base, 'provisioning']} label="Provisioning delay" of="duration" placeholder="0s" hint="from request to ready (billed meanwhile)" />
        <Field ctx={ctx} path={[...base, 'failures', 'mtbf']} label="MTBF" kind="duration" placeholder="never" required={failing} hint="mean time between a node's failures" />
        <DistributionField ctx={ctx} path={[...base, 'failures', 'mttr']} label="MTTR" of="duration" placeholder="4h" required={failing} hint="repair time (the node stays billed)" />
        {purchase === 'owned' && (
          <>
            <Field ctx={ctx} path={[...base, 'owned', 'capexUsdPerNode']} label="Capex per node ($)" kind="number" placeholder="250000" />
            <Field ctx={ctx} path={[...base, 'owned', 'amortization']} label="Amortization" kind="duration" placeholder="3y" />
            <Field ctx={ctx} path={[...base, 'owned', 'opexUsdPerNodeHour']} label="Opex per node-hour ($)" kind="number" placeholder="0" hint="power, space, operations" />
          </>
        )}
        {purchase === 'on-demand' && (
          <>
            <Field ctx={ctx} path={[...base, 'commitment', 'nodes']} label="Committed nodes" kind="number" placeholder="0" hint="billed whether used or not" />
            <Field ctx={ctx} path={[...base, 'commitment', 'discount']} label="Commitment discount" kind="number" placeholder="0.3" />
          </>
        )}
        <Field ctx={ctx} path={[...base, 'billing', 'granularity']} label="Billing granularity" kind="duration" placeholder="1s" />
        {purchase === 'spot' && (
          <>
            <Field ctx={ctx} path={[...base, 'availability']} label="Spot availability" kind="number" placeholder="1" hint="chance a request is fulfilled" />
            <Field ctx={ctx} path={[...base, 'preemption', 'ratePerNodeHour']} label="Preemptions / node-hour" kind="number" placeholder="0" />
            <Field ctx={ctx} path={[...base, 'preemption', 'notice']} label="Preemption notice" kind="duration" placeholder="0s" hint="jobs die when it ends" />
          </>
        )}
      </div>
      <div className="card-foot muted small">
        {override !== null
          ? `Price override: ${fmtUsd(override)} per node-hour`
          : perAcc !== null && perNode !== null
            ? `≈ ${fmtUsd(perAcc * perNode)} per node-hour (${perNode} × ${fmtUsd(perAcc)} ${purchase})`
            : 'Pick an accelerator and the accelerators per node to see the price.'}
        {acc?.priceDate ? ` · list price of ${acc.priceDate}` : ''}
      </div>
    </div>
  );
}

