import type { Pipeline, PipelineTask } from '../../constructs/index.js';

/**
 * The task graph of a pipeline as a Mermaid flowchart, read from the construct (so a README cannot go stale).
 *
 * Nodes are pipeline tasks labelled with the Task they run; a solid arrow is a data edge (a result reference),
 * a dotted arrow is a `runAfter` ordering edge, and finally tasks sit in their own subgraph.
 */
export function pipelineMermaid(pipeline: Pipeline): string {
  const lines = ['flowchart LR'];
  const node = (t: PipelineTask) => `  ${nodeId(t.name)}["${t.name}<br/><small>${taskLabel(t)}</small>"]`;
  for (const t of pipeline.tasks) lines.push(node(t));
  for (const t of pipeline.tasks) {
    const order = new Set(t.toModel().runAfter ?? []);
    for (const dep of t.dependencies) {
      lines.push(order.has(dep) ? `  ${nodeId(dep)} -.-> ${nodeId(t.name)}` : `  ${nodeId(dep)} --> ${nodeId(t.name)}`);
    }
  }
  if (pipeline.finallyTasks.length > 0) {
    lines.push('  subgraph finally');
    for (const t of pipeline.finallyTasks) lines.push(`  ${node(t)}`);
    lines.push('  end');
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid ids may not contain '-' in every renderer; task names are DNS labels, so '_' keeps them unique. */
function nodeId(name: string): string {
  return name.replace(/-/g, '_');
}

function taskLabel(t: PipelineTask): string {
  const binding = t.definition.bindTask();
  return binding.taskRef?.name ?? (binding.taskRef?.resolver ? `${binding.taskRef.resolver} resolver` : 'inline task');
}
