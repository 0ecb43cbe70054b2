/**
 * The error hierarchy shared by every layer of signet.
 *
 * Each class carries a string-literal `code` so that callers (and the CLI's exit-code table) can
 * branch on the kind of failure without parsing messages. Messages are one line, start lower-case,
 * say what is wrong, where, and what to do, and never contain secret material.
 */
export abstract class SignetError<Code extends string = string> extends Error {
  /** A stable machine-readable code, e.g. `REGISTRY_UNAUTHORIZED`. */
  public readonly code: Code;

  protected constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
