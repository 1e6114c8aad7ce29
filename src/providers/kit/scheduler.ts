import { systemClock, type Clock } from './clock';
import { Lane, type Pace } from './lane';

/**
 * The one scheduler of the window: every analysis (one image, a multi-select, a folder, a paste)
 * sends its requests through the lane of their kind, so that all of them together keep each
 * provider's quota and concurrency. Lanes are made on first use and live as long as the window.
 */
export class Scheduler {
  private readonly lanes = new Map<string, Lane>();

  constructor(readonly clock: Clock = systemClock) {}

  /** The lane named `key` ("google:annotate"), with the pace the settings give now. */
  lane(key: string, pace: Pace): Lane {
    let lane = this.lanes.get(key);
    if (lane) lane.setPace(pace);
    else this.lanes.set(key, (lane = new Lane(key, pace, this.clock)));
    return lane;
  }
}
