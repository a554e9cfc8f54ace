// Janus answers a plugin request later, through the handle's `onmessage` (or not at all), so a
// request and its reply are paired by hand. This is the one place that pairs them.
import type { JanusHandle, JanusJsep } from './janus-library.js';

/** A plugin request: its body, and the SDP that goes with it when it (re)negotiates. */
export interface JanusRequest {
  message: { request: string } & Record<string, unknown>;
  jsep?: JanusJsep;
}

/**
 * One request that waits for its reply on a handle. The handle's `onmessage` settles it with
 * `resolve` or `reject` once it recognises the reply. One at a time: a request sent while an
 * earlier one still waits takes its place, and the earlier one then never settles (the
 * VideoRoom answers one request at a time, and the adapter sends them one at a time).
 */
export class PendingReply<T> {
  private waiter: { resolve: (value: T) => void; reject: (error: Error) => void } | undefined;

  /** Whether a request waits for its reply. */
  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  /**
   * Sends `request` on `handle` and waits for the reply. With `failOnSendError`, it also fails
   * when janus.js reports that the request could not be sent (no server, unknown handle);
   * without, such a request waits on: janus.js drops those errors unless asked for them.
   */
  send(handle: JanusHandle, request: JanusRequest, options: { failOnSendError?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter = { resolve, reject };
      this.waiter = waiter;
      handle.send({
        ...request,
        ...(options.failOnSendError
          ? {
              error: (error: unknown) => {
                if (this.waiter === waiter) this.waiter = undefined;
                reject(new Error(String(error)));
              },
            }
          : {}),
      });
    });
  }

  /** The reply came: the request succeeded. Nothing happens when no request waits. */
  resolve(value: T): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve(value);
  }

  /** The reply was an error. Nothing happens when no request waits. */
  reject(error: Error): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }

  /** Stops waiting without settling (an error already answered another request of the handle). */
  forget(): void {
    this.waiter = undefined;
  }
}
