/**
 * "The set of steps waiting for a decision may have changed": raised where the browser learns it
 * first (a run's live events, a decision just sent), so the inbox badge and list reload at once
 * instead of on their next poll. Other tabs of the app hear it through a BroadcastChannel.
 */
const EVENT = "planvas:inbox-changed";
const CHANNEL = "planvas-inbox";

let channel: BroadcastChannel | null | undefined;
function broadcast(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
  return channel;
}

/** Run events that cannot open or close a gate; every other one may change the inbox. */
const NOT_INBOX = new Set(["step.running", "step.retrying"]);
export function changesInbox(eventType: string): boolean {
  return !NOT_INBOX.has(eventType);
}

export function signalInboxChanged(): void {
  if (typeof window === "undefined") return;
  window.dispatchEvent(new Event(EVENT));
  broadcast()?.postMessage(EVENT);
}

/** Calls `listener` on every signal from this tab or another; returns the unsubscribe function. */
export function onInboxChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  const ch = broadcast();
  ch?.addEventListener("message", listener);
  return () => {
    window.removeEventListener(EVENT, listener);
    ch?.removeEventListener("message", listener);
  };
}
