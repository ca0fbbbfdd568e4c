/** A tiny immer store read through useSyncExternalStore. Plain data only: no typed arrays. */
import { produce, type Draft } from 'immer';
import { useSyncExternalStore } from 'react';

export class Store<S> {
  private listeners = new Set<() => void>();
  constructor(private state: S) {}

  get = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(recipe: (draft: Draft<S>) => void): void {
    const next = produce(this.state, recipe);
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l();
  }
}

export function useStore<S>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
