import { ApiObject, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Task, TektonObject } from '../../src/constructs/index.js';

describe('TektonObject', () => {
  it('is not mistaken for other ApiObjects in the same chart', () => {
    // GIVEN a chart with a Tekton Task and a plain Kubernetes object
    const chart = Testing.chart();
    const task = new Task(chart, 'hello', { steps: [{ name: 'hi', image: 'registry.example.com/busybox@sha256:' + 'a'.repeat(64), command: ['true'] }] });
    const configMap = new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } });

    // THEN only the Task counts as a Tekton object, and validating the chart works
    expect(task instanceof TektonObject).toBe(true);
    expect(configMap instanceof TektonObject).toBe(false);
    expect(TektonObject.allIn(chart)).toEqual([task]);
    expect(TektonObject.validateAll(chart).filter((i) => i.severity === 'error')).toEqual([]);
  });
});
