import { describe, expect, it } from 'vitest';

import { CATALOG_REGISTRY, catalogContents } from '../../src/patterns/catalog-contents.js';

describe('the catalog registry', () => {
  it('lists every task and pipeline once, by the name its resource carries', () => {
    const names = CATALOG_REGISTRY.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    const contents = catalogContents();
    expect([...contents.tasks.map((t) => t.task.name), ...contents.pipelines.map((p) => p.pipeline.name)]).toEqual(names);
    expect(CATALOG_REGISTRY.map((r) => r.kind)).toEqual(['task', 'task', 'task', 'task', 'pipeline']);
  });

  it('builds only the resources it is given', () => {
    const contents = catalogContents(CATALOG_REGISTRY.filter((r) => r.kind === 'pipeline'));
    expect(contents.tasks).toEqual([]);
    expect(contents.pipelines.map((p) => p.pipeline.name)).toEqual(['build-and-sign']);
  });
});
