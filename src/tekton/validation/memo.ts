/**
 * A memo of work the validator repeats for objects that several validations reference: the
 * defaulted copy of a referenced Task, Pipeline or StepAction. One Task used by 5,000 pipeline
 * tasks is then defaulted once instead of 5,000 times.
 */
import { applyDefaults } from './defaults.js';
import type { Obj } from './_model.js';

/**
 * Shared by the validations of one pass (pass it as `ValidationContext.memo`). Entries are keyed by the
 * identity of the manifest that `findTask`/`findPipeline`/`findStepAction` returned, so it is only correct
 * while those manifests are not modified; start a new memo when they may have changed.
 */
export class ValidationMemo {
  private readonly defaultedByKind = new Map<string, WeakMap<object, Obj>>();
  private readonly derivedByManifest = new WeakMap<object, Map<string, unknown>>();

  /** `applyDefaults({ ...manifest, kind })`, computed once per manifest object and kind. Do not modify the result. */
  public defaulted(manifest: Obj, kind: string): Obj {
    let byManifest = this.defaultedByKind.get(kind);
    if (!byManifest) {
      byManifest = new WeakMap();
      this.defaultedByKind.set(kind, byManifest);
    }
    let result = byManifest.get(manifest);
    if (!result) {
      result = applyDefaults({ ...manifest, kind });
      byManifest.set(manifest, result);
    }
    return result;
  }

  /** `compute()`, once per manifest object and `key`: for anything derived from a referenced manifest alone. */
  public derived<T>(manifest: object, key: string, compute: () => T): T {
    let byKey = this.derivedByManifest.get(manifest);
    if (!byKey) {
      byKey = new Map();
      this.derivedByManifest.set(manifest, byKey);
    }
    if (byKey.has(key)) return byKey.get(key) as T;
    const value = compute();
    byKey.set(key, value);
    return value;
  }
}

/** The defaulted copy of a referenced manifest, through the memo when there is one. */
export function defaultedReference(manifest: Obj, kind: string, memo: ValidationMemo | undefined): Obj {
  return memo ? memo.defaulted(manifest, kind) : applyDefaults({ ...manifest, kind });
}
