/**
 * Sessions for validation that cdk8s runs by itself (a user's own `app.synth()`, `app.synthYaml()`,
 * `chart.toJson()`, `Testing.synth()`), without `withValidationCache`. Internal to the constructs.
 *
 * cdk8s validates the whole app in one synchronous loop (a "pass"), constructs in tree order, the root first,
 * with no user code in between; `app.synth()`/`app.synthYaml()` run one pass and then one more per chart
 * (`chart.toJson()` validates the app again). So:
 *
 * - the root's validation, called by cdk8s' loop (checked on the call stack), starts a pass; each Tekton
 *   object's hook then takes the next object in tree order and shares the pass's session. A hook out of that
 *   order, an exception in a hook, or the end of the current job ends it. (What is left: a user validation that
 *   throws inside the loop, caught by the user, who then changes a Tekton object and validates exactly the next
 *   one directly, all in the same job.)
 * - the per-chart passes inside one `App.synth`/`App.synthYaml` call reuse the session of that call's first
 *   pass. They are recognised from the call stack: `_synthChart` called by `Chart.toJson` called directly by
 *   `App.synth`/`App.synthYaml`, all cdk8s frames. Anything else (a bundled cdk8s, a user's own
 *   `chart.toJson()`) gets a fresh session per pass, which is always correct, only slower.
 */
import type { IConstruct } from 'constructs';
import { currentTreeGeneration, ValidationSession } from './_validation-session.js';

/**
 * Who validated the root: cdk8s' own validation loop, called by `App.synth`/`App.synthYaml` directly, or by the
 * `Chart.toJson` that one of them calls for each chart, or by something else (`Testing.synth`, a user's
 * `chart.toJson()`); or not cdk8s' loop at all (a user's `app.node.validate()`), which starts no pass.
 */
type PassOrigin = 'app-synth' | 'chart-of-app-synth' | 'other-cdk8s-loop' | 'not-a-cdk8s-loop';

interface Pass<O extends object> {
  readonly root: IConstruct;
  readonly order: readonly O[];
  next: number;
}

interface SynthCall<O extends object> {
  readonly root: IConstruct;
  readonly session: ValidationSession<O>;
  readonly generation: number;
  readonly order: readonly O[];
}

/** Tracks the running pass and the session of the running cdk8s synth call. */
export class PassTracker<O extends object> {
  private pass?: Pass<O>;
  private session?: ValidationSession<O>;
  private synth?: SynthCall<O>;

  /** Starts a pass: `listObjects` gives the Tekton objects below `root` in tree order. */
  public begin(root: IConstruct, listObjects: () => readonly O[]): void {
    const origin = passOrigin();
    if (origin === 'not-a-cdk8s-loop') {
      this.end();
      return;
    }
    const synth = this.synth;
    const generation = currentTreeGeneration();
    if (origin === 'chart-of-app-synth' && synth?.root === root && synth.generation === generation) {
      this.start({ root, order: synth.order, next: 0 }, synth.session);
      return;
    }
    const order = listObjects();
    const session = new ValidationSession<O>();
    this.synth = origin === 'other-cdk8s-loop' ? undefined : { root, session, generation, order };
    this.start({ root, order, next: 0 }, session);
  }

  /** The session for `object`'s hook when it is the next object of the running pass; otherwise ends the pass. */
  public take(object: O): ValidationSession<O> | undefined {
    const pass = this.pass;
    if (!pass) return undefined;
    if (pass.order[pass.next] !== object) {
      this.end();
      return undefined;
    }
    const session = this.session;
    pass.next += 1;
    if (pass.next === pass.order.length) this.pass = undefined;
    return session;
  }

  /** Ends the running pass and synth call (after an exception, or a hook out of order). */
  public end(): void {
    this.pass = undefined;
    this.session = undefined;
    this.synth = undefined;
  }

  private start(pass: Pass<O>, session: ValidationSession<O>): void {
    this.pass = pass.order.length > 0 ? pass : undefined;
    this.session = session;
    // whatever cut a pass or a synth short (an exception elsewhere), it must not outlive the job that began it.
    queueMicrotask(() => {
      if (this.session === session) this.end();
    });
  }
}

const APP_FILE = /[\\/]cdk8s[\\/]lib[\\/]app\.js$/;
const CHART_FILE = /[\\/]cdk8s[\\/]lib[\\/]chart\.js$/;

/** Reads the call stack of the root's validation (once per pass): was the pass started by an App synth? */
function passOrigin(): PassOrigin {
  const sites = callSites();
  // innermost first: ..., cdk8s' validate(app), then who called it.
  const validate = sites.findIndex((s) => s.getFunctionName() === 'validate' && APP_FILE.test(s.getFileName() ?? ''));
  if (validate < 0) return 'not-a-cdk8s-loop';
  const caller = sites[validate + 1];
  if (caller && isAppSynth(caller)) return 'app-synth';
  const toJson = sites[validate + 2];
  const synth = sites[validate + 3];
  if (
    caller?.getFunctionName() === '_synthChart' &&
    APP_FILE.test(caller.getFileName() ?? '') &&
    toJson?.getFunctionName() === 'toJson' &&
    CHART_FILE.test(toJson.getFileName() ?? '') &&
    synth &&
    isAppSynth(synth)
  ) {
    return 'chart-of-app-synth';
  }
  return 'other-cdk8s-loop';
}

function isAppSynth(site: NodeJS.CallSite): boolean {
  const name = site.getFunctionName();
  return (name === 'synth' || name === 'synthYaml') && APP_FILE.test(site.getFileName() ?? '');
}

/** The raw call sites of the caller (file names as loaded, not source-mapped). */
function callSites(): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 16;
    Error.prepareStackTrace = (_error, sites) => sites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, callSites);
    return Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}
