import assert from 'node:assert/strict';
import { Disposable, disposeAll, toDisposable } from '../../src/shared/disposable';
import { CancelledError, isCancellation, messageOf, UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';

class Owner extends Disposable {
  own(fn: () => void) {
    return this._register(toDisposable(fn));
  }
}

describe('Disposable', () => {
  it('disposes what it owns once, in reverse order', () => {
    const order: number[] = [];
    const owner = new Owner();
    owner.own(() => order.push(1));
    owner.own(() => order.push(2));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(order, [2, 1]);
  });

  it('disposes at once what is registered after disposal', () => {
    const owner = new Owner();
    owner.dispose();
    let disposed = false;
    owner.own(() => (disposed = true));
    assert.equal(disposed, true);
  });

  it('disposeAll disposes everything even when one throws', () => {
    const done: string[] = [];
    assert.throws(() =>
      disposeAll([toDisposable(() => done.push('a')), { dispose: () => { throw new Error('boom'); } }, toDisposable(() => done.push('c'))]),
    /boom/);
    assert.deepEqual(done, ['a', 'c']);
  });
});

describe('errors', () => {
  it('recognizes cancellation from us, VS Code and fetch', () => {
    assert.ok(isCancellation(new CancelledError()));
    const vscodeCancel = new Error('Canceled');
    vscodeCancel.name = 'Canceled';
    assert.ok(isCancellation(vscodeCancel));
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    assert.ok(isCancellation(abort));
    assert.ok(!isCancellation(new UserError('x')));
    assert.ok(!isCancellation('Canceled'));
  });

  it('messageOf never says [object Object]', () => {
    assert.equal(messageOf(new Error('e')), 'e');
    assert.equal(messageOf('s'), 's');
    assert.equal(messageOf({ code: 3 }), '{"code":3}');
    assert.equal(messageOf({ message: 'from an error-like object' }), 'from an error-like object');
  });

  it('formatOnly fills placeholders and leaves unknown ones', () => {
    assert.equal(formatOnly('{0} failed for {1}: {2}', 'Extract Text', 'a.png', 'gone'), 'Extract Text failed for a.png: gone');
    assert.equal(formatOnly('{0} and {3}', 'x'), 'x and {3}');
  });
});
