/**
 * A scrypt derivation started before anyone asks for it: `signet sign` knows its key file and
 * password from the command line before it has loaded the code that needs them, and scrypt is most
 * of a first signature's time. Started at once on the libuv thread pool (node:crypto), it runs while
 * the main thread loads the CLI and makes the requests that need no key.
 *
 * A derivation ahead is only ever used for exactly the inputs it was started with (password, salt,
 * cost and length compared byte for byte), so it can change when the key is ready but never which
 * key comes out: scrypt is a function of those inputs.
 */
import { timingSafeEqual } from 'node:crypto';

import type { ScryptCost } from './scrypt.js';
import { nodeCryptoScrypt } from './scrypt-node.js';

/** A derivation started ahead; hand it to `decryptPrivateKeyWith`. */
export interface ScryptAhead {
  /**
   * The derivation's result when `password`, `salt`, `cost` and `length` are the ones it was started
   * with, otherwise undefined (the caller derives the key itself). Answers once: later calls get
   * undefined, and the copy of the password it held is wiped by the first.
   */
  take(password: Uint8Array, salt: Uint8Array, cost: ScryptCost, length: number): Promise<Uint8Array> | undefined;
}

/**
 * Starts deriving `length` bytes from `password` and `salt` on the thread pool. The password bytes
 * are copied (the caller may wipe its own); a result nobody takes is wiped when it arrives.
 */
export function startScryptAhead(password: Uint8Array, salt: Uint8Array, cost: ScryptCost, length: number): ScryptAhead {
  const started = { password: Uint8Array.from(password), salt: Uint8Array.from(salt), cost: { N: cost.N, r: cost.r, p: cost.p }, length };
  // node:crypto, not the WebAssembly ROMix: this one must run beside the main thread, not on it
  const result = nodeCryptoScrypt(started.password, started.salt, started.cost, length);
  // a failure surfaces, if at all, in the caller that takes it
  result.catch(() => undefined);
  let taken = false;
  return {
    take(password, salt, { N, r, p }, wanted) {
      if (taken) return undefined;
      taken = true;
      const same =
        wanted === started.length &&
        N === started.cost.N &&
        r === started.cost.r &&
        p === started.cost.p &&
        equalBytes(salt, started.salt) &&
        equalBytes(password, started.password);
      started.password.fill(0);
      if (same) return result;
      void result.then((key) => key.fill(0), () => undefined);
      return undefined;
    },
  };
}

/** Byte equality in time independent of where the inputs differ (the password is one of them). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
