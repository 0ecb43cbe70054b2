import { describe, expect, it } from 'vitest';
import {
  CONTEXT_EXPR,
  findParamUses,
  findTaskResultUses,
  finallyResultExpr,
  paramArrayExpr,
  paramExpr,
  paramIndexExpr,
  paramKeyExpr,
  resultPathExpr,
  stepResultExpr,
  stepResultPathExpr,
  taskResultArrayExpr,
  taskResultExpr,
  taskResultKeyExpr,
  taskStatusExpr,
  TASKS_STATUS_EXPR,
  workspaceExpr,
} from '../../src/tekton/index.js';

describe('expression builders', () => {
  it('builds param expressions, with bracket syntax for dotted names', () => {
    expect(paramExpr('IMAGE')).toBe('$(params.IMAGE)');
    expect(paramExpr('a.b')).toBe("$(params['a.b'])");
    expect(paramArrayExpr('args')).toBe('$(params.args[*])');
    expect(paramIndexExpr('args', 2)).toBe('$(params.args[2])');
    expect(paramKeyExpr('git', 'url')).toBe('$(params.git.url)');
  });

  it('builds result, workspace, step and context expressions', () => {
    expect(taskResultExpr('build', 'IMAGE_DIGEST')).toBe('$(tasks.build.results.IMAGE_DIGEST)');
    expect(taskResultArrayExpr('build', 'tags')).toBe('$(tasks.build.results.tags[*])');
    expect(taskResultKeyExpr('build', 'out', 'uri')).toBe('$(tasks.build.results.out.uri)');
    expect(finallyResultExpr('report', 'x')).toBe('$(finally.report.results.x)');
    expect(taskStatusExpr('build')).toBe('$(tasks.build.status)');
    expect(TASKS_STATUS_EXPR).toBe('$(tasks.status)');
    expect(workspaceExpr('source')).toBe('$(workspaces.source.path)');
    expect(workspaceExpr('cfg', 'bound')).toBe('$(workspaces.cfg.bound)');
    expect(resultPathExpr('IMAGE_URL')).toBe('$(results.IMAGE_URL.path)');
    expect(stepResultPathExpr('digest')).toBe('$(step.results.digest.path)');
    expect(stepResultExpr('build', 'digest')).toBe('$(steps.build.results.digest)');
    expect(CONTEXT_EXPR.pipelineRunName).toBe('$(context.pipelineRun.name)');
    expect(CONTEXT_EXPR.taskRetryCount).toBe('$(context.task.retry-count)');
  });

  it('finds task result uses in strings, including bracket forms and object keys', () => {
    const text = "$(tasks.build.results.IMAGE_URL)@$(tasks.build.results['IMAGE.DIGEST']) $(tasks.scan.results.report.uri)";
    expect(findTaskResultUses(text)).toEqual([
      { task: 'build', result: 'IMAGE_URL' },
      { task: 'build', result: 'IMAGE.DIGEST' },
      { task: 'scan', result: 'report' },
    ]);
    expect(findTaskResultUses('$(params.x) ${HOME}')).toEqual([]);
  });

  it('finds param uses', () => {
    expect(findParamUses("$(params.a) $(params.b[*]) $(params.obj.key) $(params['c.d'])")).toEqual(['a', 'b', 'obj', 'c.d']);
  });
});
