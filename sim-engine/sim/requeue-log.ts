/**
 * What killed-and-requeued jobs need beyond the job columns (DESIGN.md §11): each one's total
 * queued time, its current queued episode, every ended episode (shortfallHours counts each
 * one from its start + maxQueueWait) and the runs kills cut short (busy time the job's final
 * row does not show). Stored only for jobs that were killed: a run without kills allocates
 * nothing here. The fleet state calls it at kills and restarts.
 */
import { f64Column, i32Column, OptionalColumn } from '../core/columns.js';
import type { RequeueOutcomes } from '../metrics/outcomes.js';

export class RequeueLog {
  /** Seconds a killed job spent queued in its queued episodes that have ended (NaN: never killed). */
  readonly queuedS = new OptionalColumn((n) => new Float64Array(n), NaN);
  /** When a killed job's current queued episode began (NaN: not waiting after a kill). */
  readonly queuedSinceS = new OptionalColumn((n) => new Float64Array(n), NaN);
  /** The ended queued episodes of killed jobs, [fromS, toS) each. */
  readonly episodes = { fromS: f64Column(16), toS: f64Column(16) };
  /** Runs cut short by a kill: [fromS, toS) of job. */
  readonly killedRuns = { job: i32Column(16), fromS: f64Column(16), toS: f64Column(16) };

  /** Whether any job was killed. */
  get used(): boolean {
    return this.queuedS.used;
  }

  grow(capacity: number): void {
    this.queuedS.grow(capacity);
    this.queuedSinceS.grow(capacity);
  }

  clear(i: number): void {
    this.queuedS.clear(i);
    this.queuedSinceS.clear(i);
  }

  remap(capacity: number, from: number, to: number, oldMask: number, newMask: number): void {
    this.queuedS.remap(capacity, from, to, oldMask, newMask);
    this.queuedSinceS.remap(capacity, from, to, oldMask, newMask);
  }

  /** Job j, submitted at submitS and running since startS, is killed now and queued again. */
  killed(j: number, submitS: number, startS: number, now: number, capacity: number): void {
    // The first kill: the first queued episode [submit, first start) becomes a logged episode.
    if (!(this.queuedS.get(j) === this.queuedS.get(j))) {
      this.queuedS.set(j, 0, capacity);
      this.episodeEnded(j, submitS, startS, capacity);
    }
    this.killedRuns.job.push(j);
    this.killedRuns.fromS.push(startS);
    this.killedRuns.toS.push(now);
    this.queuedSinceS.set(j, now, capacity);
  }

  /** A job starts now: if it was waiting after a kill, that queued episode ends. */
  started(j: number, now: number, capacity: number): void {
    const since = this.queuedSinceS.get(j);
    if (since === since) this.episodeEnded(j, since, now, capacity);
  }

  /** The outcomes at the end of a run of n jobs: open episodes closed at endS. */
  outcomes(n: number, endS: number): Omit<RequeueOutcomes, 'restarts' | 'lostS'> {
    const queuedS = this.queuedS.slice(n);
    const fromS = Array.from(this.episodes.fromS.finish());
    const toS = Array.from(this.episodes.toS.finish());
    for (let j = 0; j < n; j++) {
      const since = this.queuedSinceS.get(j);
      if (since === since) {
        queuedS[j]! += endS - since;
        fromS.push(since);
        toS.push(endS);
      }
    }
    const runs = this.killedRuns;
    return { queuedS, episodes: { fromS: Float64Array.from(fromS), toS: Float64Array.from(toS) }, killedRuns: { job: runs.job.finish(), fromS: runs.fromS.finish(), toS: runs.toS.finish() } };
  }

  private episodeEnded(j: number, fromS: number, toS: number, capacity: number): void {
    this.queuedS.set(j, this.queuedS.get(j) + (toS - fromS), capacity);
    this.queuedSinceS.set(j, NaN, capacity);
    this.episodes.fromS.push(fromS);
    this.episodes.toS.push(toS);
  }
}
