import type { Construct } from 'constructs';
import { Task } from '../../src/constructs/index.js';

/** A digest-pinned placeholder image for tests. */
export const IMAGE = `docker.io/library/alpine@sha256:${'a'.repeat(64)}`;

/** A Task declaring IMAGE (required) and results IMAGE_URL, IMAGE_DIGEST; workspace `source`. */
export function buildTask(scope: Construct, id = 'build'): Task {
  const task = new Task(scope, id);
  const image = task.addParam('IMAGE');
  task.addParam('CONTEXT', { default: '.' });
  const url = task.addResult('IMAGE_URL');
  const digest = task.addResult('IMAGE_DIGEST');
  task.addWorkspace('source');
  task.addStep({ name: 'build', image: IMAGE, env: [image.toEnv()], script: `echo "$IMAGE" > ${url.path}; echo sha256:0 > ${digest.path}` });
  return task;
}

/** A Task declaring IMAGE (required); optional workspace `dockerconfig`. */
export function signTask(scope: Construct, id = 'sign'): Task {
  const task = new Task(scope, id);
  const image = task.addParam('IMAGE');
  task.addWorkspace('dockerconfig', { optional: true });
  task.addStep({ name: 'sign', image: IMAGE, env: [image.toEnv()], command: ['true'] });
  return task;
}
