/** The import graph: file → the files of `dir` it imports. */
export function importGraph(dir: string): Map<string, string[]>;
/** The import cycles of `graph`, each a sorted list of files. */
export function importCycles(graph: Map<string, string[]>): string[][];
