/** The shape of `vscode.Disposable`, without importing vscode. */
export interface IDisposable {
  dispose(): void;
}

/**
 * Base class for every long-lived object: it owns what it registers and disposes all of it,
 * in reverse order, exactly once.
 */
export abstract class Disposable implements IDisposable {
  private readonly owned: IDisposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `value` and returns it, so a field can be declared and owned at once. */
  protected _register<T extends IDisposable>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this.owned.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.owned.splice(0).reverse());
  }
}

/** Disposes every item even when one throws; rethrows the first error afterwards. */
export function disposeAll(items: Iterable<IDisposable>): void {
  const errors: unknown[] = [];
  for (const item of items) {
    try {
      item.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1 && errors[0] instanceof Error) throw errors[0];
  if (errors.length > 0) throw new AggregateError(errors, 'Some disposables failed to dispose');
}

/** A Disposable made of a function. */
export function toDisposable(fn: () => void): IDisposable {
  let done = false;
  return {
    dispose: () => {
      if (!done) {
        done = true;
        fn();
      }
    },
  };
}
