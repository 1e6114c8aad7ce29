import type { Localize } from '../shared/localize';

/**
 * A batch's progress line: how many images are done, how many failed, and — once a few are done —
 * about how long the rest will take at the pace so far ("12 of 30 images, 1 failed · about 40 s
 * left"). Pure, for the progress notification and its tests.
 */
export class BatchProgress {
  private done = 0;
  private failed = 0;

  constructor(
    private readonly total: number,
    private readonly started: number,
    private readonly t: Localize,
  ) {}

  /** One more image is done; returns the notification's increment (percent) and message. */
  next(failed: boolean, now: number): { increment: number; message: string } {
    this.done++;
    if (failed) this.failed++;
    return { increment: 100 / this.total, message: this.message(now) };
  }

  message(now: number): string {
    const t = this.t;
    const count = this.failed > 0 ? t('{0} of {1} images, {2} failed', this.done, this.total, this.failed) : t('{0} of {1} images', this.done, this.total);
    const left = this.secondsLeft(now);
    return left === undefined ? count : `${count} · ${left < 60 ? t('about {0} s left', left) : t('about {0} min left', Math.ceil(left / 60))}`;
  }

  /** Undefined until there is a pace to go by (two images, or a second of work), and at the end. */
  private secondsLeft(now: number): number | undefined {
    const elapsed = now - this.started;
    if (this.done >= this.total || this.done < 2 || elapsed < 1000) return undefined;
    return Math.max(1, Math.ceil(((elapsed / this.done) * (this.total - this.done)) / 1000));
  }
}
