// The network step of <device-check>: the media adapter measures the path to its server, when it
// offers a test. Otherwise the step says why not, and never waits on a test that cannot run.
import type { NetworkMeasurement } from '../../core/diagnostics/network-rating.js';
import { logger } from '../../core/logger.js';
import { resolveAdapter, type AdapterName } from '../../core/media/registry.js';
import type { MediaAdapter, NetworkTestOptions } from '../../core/media/types.js';
import type { NetworkUntested } from './device-check-state.js';

/** Asks `adapter` (an object, or a registered name) to measure the network; why not when it cannot. */
export async function measureNetwork(
  adapter: MediaAdapter | AdapterName,
  options: NetworkTestOptions,
): Promise<NetworkMeasurement | NetworkUntested> {
  let resolved: MediaAdapter;
  try {
    resolved = await resolveAdapter(adapter);
  } catch (error) {
    // An unknown name (the page's mistake) or a chunk that failed to download: say so to the
    // page's developer; the person only learns that the connection was not tested.
    logger.warn('<device-check>: no media adapter for the network test:', error);
    return 'test-failed';
  }
  if (!resolved.testNetwork) return 'no-network-test';
  try {
    return await resolved.testNetwork(options);
  } catch (error) {
    logger.warn(`<device-check>: the network test of the "${resolved.name}" adapter failed:`, error);
    return 'test-failed';
  }
}
