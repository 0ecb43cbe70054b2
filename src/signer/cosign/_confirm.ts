/**
 * The confirm wait of a read-modify-write on a tag without compare-and-swap (the `.sig` tag, the
 * referrers tag schema index): how long to wait after our `PUT` before re-reading, and when a
 * confirming read counts as settled.
 *
 * Why a wait at all: a writer B that read the tag before our `PUT` landed and writes after it
 * replaces our entry with its stale view. B's `PUT` lands at most B's read→write window after B's
 * read, so a re-read later than that window after our `PUT` sees B's write and repairs it. What a
 * concurrent writer can do: drop entries it did not see (never add wrong ones: every entry is a
 * signature whose blobs exist). What it cannot do within its window: anything we would miss,
 * provided our wait is longer than its window. We cannot see other writers' windows, so we measure
 * our own (from sending the read that our write is based on to the `PUT`'s answer, which covers the
 * registry's own latency) and wait a multiple of it: signers on the same registry, running the same
 * steps, see windows of the same order. Every writer keeps its window short by re-checking a stale
 * read with a `HEAD` just before its `PUT`, so nobody's window is the key decryption or a long
 * pause before the write.
 *
 * When the confirming read shows writes by others (our entry kept, but the tag is not what we
 * wrote), writers are active right now and one of them may still be in its window: wait again
 * (doubled) until two reads in a row agree. When our own wait overran by much, the machine is
 * stalling processes right now, and a writer stalled inside its window may land later than our
 * window suggests: wait again, twice as long as the wait really took. A quiet tag on a machine that
 * keeps time confirms at the first read.
 *
 * What no wait can do: a writer stalled inside its window for longer than everybody's wait (a
 * paused process, a registry that holds a `PUT` for seconds) can still drop an entry after every
 * other writer has confirmed. Only compare-and-swap on tags would close that, and registries do not
 * offer it.
 */

/** The confirm wait is this multiple of our own read→write window. */
export const CONFIRM_WINDOW_FACTOR = 3;
/** Shortest confirm wait, in milliseconds, however fast our own window (timer and scheduling noise). */
export const MIN_CONFIRM_DELAY_MS = 10;
/** Longest confirm wait, in milliseconds, however slow our own window. */
export const MAX_CONFIRM_DELAY_MS = 5000;
/** Confirming reads after the first when other writers keep changing the tag. */
export const MAX_SETTLE_READS = 6;
/** Extra confirming reads because a wait overran by much (see {@link settle}). */
export const MAX_STALL_RECHECKS = 2;
/** How far a wait may overrun (beyond twice its length) before it counts as a stall, in milliseconds. */
const STALL_SLACK_MS = 5;

/**
 * The wait before the confirming read.
 *
 * @param windowMs our read→write window: from sending the read to the `PUT`'s answer
 * @param floorMs a lower bound (the deprecated `confirmDelayMs`), or undefined for {@link MIN_CONFIRM_DELAY_MS}
 */
export function confirmDelayMs(windowMs: number, floorMs: number | undefined): number {
  const floor = floorMs ?? MIN_CONFIRM_DELAY_MS;
  return Math.round(Math.min(MAX_CONFIRM_DELAY_MS, Math.max(floor, CONFIRM_WINDOW_FACTOR * windowMs)));
}

/** Scheduling jitter (a timer turn, a GC pause) that does not make a read stale, in milliseconds. */
const STALE_SLACK_MS = 2;

/**
 * Whether a read made `ageMs` ago (measured from sending it) should be re-checked with a `HEAD`
 * before we write from it: when something that took at least another round trip ran after it (blob
 * uploads, the key decryption, a pause). Writing from it makes our window the read's age plus the
 * `PUT`; a `HEAD` costs about the read's round trip and puts that in the age's place, so with the
 * wait at {@link CONFIRM_WINDOW_FACTOR} times the window, a read older than two round trips saves
 * more wait than the `HEAD` costs. Younger reads are written from as they are (one request fewer).
 * This also keeps every writer's window within about two requests, the order of window the others'
 * waits are measured from.
 */
export function readIsStale(ageMs: number, readRoundTripMs: number): boolean {
  return ageMs > 2 * readRoundTripMs + STALE_SLACK_MS;
}

/** One read of the tag for {@link settle}: its digest (undefined when missing) and whether our write is intact. */
export interface ConfirmRead<T> {
  readonly digest: string | undefined;
  /** True when every entry we wrote is still there. */
  readonly kept: boolean;
  /** The read itself, for the caller's repair. */
  readonly value: T;
}

/** What {@link settle} found. */
export type Settled<T> = { readonly kept: true } | { readonly kept: false; readonly last: T };

/**
 * Waits `firstDelayMs`, re-reads, and keeps re-reading while the tag is not settled, until it is what
 * we wrote (or two reads in a row agree), or an entry of ours is gone. Not settled: other writers
 * changed the tag during the wait (wait again, doubled), or the wait itself overran by much (this
 * machine is stalling processes right now, and another writer may be stalled inside its window as
 * long: wait again, twice what the wait really took, at most {@link MAX_STALL_RECHECKS} times).
 */
export async function settle<T>(
  written: string,
  firstDelayMs: number,
  read: () => Promise<ConfirmRead<T>>,
  sleep: (ms: number) => Promise<void>,
  clock: () => number,
): Promise<Settled<T>> {
  let delay = firstDelayMs;
  let previous: string | undefined = written;
  let stallRechecks = 0;
  for (let reads = 0; ; reads += 1) {
    const started = clock();
    if (delay > 0) await sleep(delay);
    const slept = clock() - started;
    const now = await read();
    if (!now.kept) return { kept: false, last: now.value };
    if (delay === 0 || reads >= MAX_SETTLE_READS) return { kept: true };
    const stalled = slept > 2 * delay + STALL_SLACK_MS && stallRechecks < MAX_STALL_RECHECKS;
    // Our own bytes, or the same foreign state twice: nobody wrote during the last wait.
    if ((now.digest === written || now.digest === previous) && !stalled) return { kept: true };
    if (stalled) stallRechecks += 1;
    previous = now.digest;
    delay = Math.min(MAX_CONFIRM_DELAY_MS, Math.max(2 * delay, stalled ? 2 * slept : 0));
  }
}
