/**
 * Queued jobs in groups (a priority level, a tenant), each group in submit order, kept up to
 * date incrementally for schedulers that do not serve the queue in plain submit order:
 * - jobs the queue gained since the last pass (ids above the last one seen) join their group;
 * - a job leaves its group when the scheduler starts it (`started`);
 * - killed jobs come back to the queue with their old ids: when the view's kill count moved,
 *   the whole queue is walked once and every queued job is (re)added.
 * Cost per pass: O(new jobs + groups) plus, after kills, O(queue); membership is a bitset per
 * group (`OrderedIdSet`), so iteration is in submit order without sorting.
 */
import { OrderedIdSet } from '../../core/ordered-set.js';
import type { SchedulerView } from '../types.js';

export class QueueGroups {
  /** Group keys in serving order, and their members. */
  readonly keys: number[] = [];
  readonly members: OrderedIdSet[] = [];
  private lastSeen = -1;
  private kills = 0;

  constructor(
    /** The group key of a job (e.g. its priority, or its tenant id). */
    private readonly keyOf: (view: SchedulerView, job: number) => number,
    /** Serving order of keys: negative when a comes first (e.g. higher priority first). */
    private readonly compare: (a: number, b: number) => number,
  ) {}

  /** Bring the groups up to date with the queue. */
  refresh(view: SchedulerView): void {
    const kills = view.killCount();
    if (kills !== this.kills) {
      this.kills = kills;
      for (let j = view.firstQueued(); j >= 0; j = view.nextQueued(j)) this.add(view, j);
    } else {
      for (let j = this.lastSeen < 0 ? view.firstQueued() : view.nextQueued(this.lastSeen); j >= 0; j = view.nextQueued(j)) this.add(view, j);
    }
  }

  /** The scheduler started the job: it leaves its group. */
  started(view: SchedulerView, job: number): void {
    const g = this.indexOf(this.keyOf(view, job));
    if (g >= 0) this.members[g]!.delete(job);
  }

  /** The first queued member of group g at or after `from`, or -1 (members no longer queued are dropped). */
  nextIn(view: SchedulerView, g: number, from: number): number {
    const set = this.members[g]!;
    for (let j = set.next(from); j >= 0; j = set.next(j + 1)) {
      if (view.isQueued(j)) return j;
      set.delete(j); // started elsewhere or gone: a kill brings it back through refresh
    }
    return -1;
  }

  private add(view: SchedulerView, j: number): void {
    if (j > this.lastSeen) this.lastSeen = j;
    const key = this.keyOf(view, j);
    let g = this.indexOf(key);
    if (g < 0) g = this.insertGroup(key);
    this.members[g]!.add(j);
  }

  private indexOf(key: number): number {
    // Few groups (priority levels, tenants): a linear scan beats a map here.
    for (let g = 0; g < this.keys.length; g++) if (this.keys[g] === key) return g;
    return -1;
  }

  private insertGroup(key: number): number {
    let g = this.keys.length;
    while (g > 0 && this.compare(key, this.keys[g - 1]!) < 0) g--;
    this.keys.splice(g, 0, key);
    this.members.splice(g, 0, new OrderedIdSet(1024));
    return g;
  }
}
