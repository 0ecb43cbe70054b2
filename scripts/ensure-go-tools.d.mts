/** Absolute path of a Go tool's binary from test/tools/go-tools.json (built or not). */
export function toolPath(name: string): string;
/** The folder the Go tools are built into. */
export function toolsCacheDir(): string;
