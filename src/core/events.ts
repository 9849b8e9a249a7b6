/** A minimal typed event emitter with VS Code's `Event<T>` shape, so core code stays vscode-free. */
export interface Disposable { dispose(): void }
export type Event<T> = (listener: (e: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(e: T) => void>();
  readonly event: Event<T> = listener => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) {
      try { l(e); } catch (err) { queueMicrotask(() => { throw err; }); }
    }
  }
  get hasListeners(): boolean { return this.listeners.size > 0; }
  dispose(): void { this.listeners.clear(); }
}

/** Collects disposables and disposes them in reverse order; used for the per-connection and per-extension scopes. */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;
  add<D extends Disposable>(d: D): D {
    if (this.disposed) d.dispose(); else this.items.push(d);
    return d;
  }
  dispose(): void {
    this.disposed = true;
    const items = this.items.reverse();
    this.items = [];
    for (const d of items) { try { d.dispose(); } catch { /* keep disposing the rest */ } }
  }
}

/** Base for classes that own disposables: `_register` ties them to this object's lifetime, disposed in reverse order. */
export abstract class DisposableBase implements Disposable {
  private readonly _store = new DisposableStore();
  protected _register<D extends Disposable>(d: D): D { return this._store.add(d); }
  protected _registerAll(...ds: Disposable[]): void { for (const d of ds) this._store.add(d); }
  dispose(): void { this._store.dispose(); }
}
