import type { Construct } from 'constructs';
import type { TektonObjectProps } from '../constructs/index.js';
import { CatalogTask } from './catalog-task.js';
import { CATALOG_IMAGES, checkPinnedImage } from './images.js';

/** Catalog name of {@link GitCloneTask}: the Task name, directory and file name in `catalog/task/`. */
export const GIT_CLONE_TASK_NAME = 'git-clone';

/** Catalog version of {@link GitCloneTask}. */
export const GIT_CLONE_TASK_VERSION = '0.1';

/** Result names of {@link GitCloneTask}; feed `commit` and `url` to Chains as `CHAINS-GIT_COMMIT`/`CHAINS-GIT_URL`. */
export const GIT_CLONE_RESULTS = {
  commit: 'commit',
  url: 'url',
  committerDate: 'committer-date',
} as const;

/** Props of a {@link GitCloneTask}. */
export interface GitCloneTaskProps extends TektonObjectProps {
  /**
   * The image with `/ko-app/git-init` and `git`, pinned by digest (replaces the catalog's `gitInitImage` param, so
   * the step image is always a literal, pinned reference).
   * @default CATALOG_IMAGES.gitInit.reference
   */
  readonly gitInitImage?: string;
}

/**
 * Clones a Git repository into the `output` workspace and reports the exact commit, as tektoncd/catalog's
 * git-clone does: same params (except `gitInitImage`, a prop here), results `commit`, `url` and
 * `committer-date`, and workspaces `output`, `ssh-directory`, `basic-auth` and `ssl-ca-directory`.
 *
 * The step runs as uid 65532: run it with `podTemplate.securityContext.fsGroup: 65532` so it can write to the
 * volume behind `output`.
 *
 * @see tekton-catalog.md §7 (git-clone)
 */
export class GitCloneTask extends CatalogTask {
  /** The git-init image the step runs. */
  public readonly gitInitImage: string;

  public constructor(scope: Construct, id: string, props: GitCloneTaskProps = {}) {
    super(scope, id, {
      metadata: { name: GIT_CLONE_TASK_NAME, ...props.metadata },
      catalog: { version: GIT_CLONE_TASK_VERSION, categories: ['Git'], tags: ['git'], displayName: 'git clone' },
      description: [
        'Clones a Git repository into a workspace and reports the exact commit it checked out.',
        '',
        'The clone goes into the root of the output workspace, or into its subdirectory param. Shallow clones,',
        'submodules, sparse checkouts, proxies, SSH keys, basic-auth credentials and extra CA certificates are',
        'supported. Results commit and url are what Tekton Chains records as the build source',
        '(pass them on as CHAINS-GIT_COMMIT and CHAINS-GIT_URL). The step runs as uid 65532.',
      ].join('\n'),
    });
    this.gitInitImage = checkPinnedImage(`${this.node.path}: gitInitImage`, props.gitInitImage ?? CATALOG_IMAGES.gitInit.reference);

    const url = this.addParam('url', { type: 'string', description: 'Repository URL to clone.' });
    const revision = this.addParam('revision', { type: 'string', default: '', description: 'Branch, tag, commit SHA or ref to check out; empty means the remote HEAD.' });
    const refspec = this.addParam('refspec', { type: 'string', default: '', description: 'Refspec to fetch before checking out the revision.' });
    const submodules = this.addParam('submodules', { type: 'string', default: 'true', description: 'Initialize and fetch Git submodules: true or false.' });
    const depth = this.addParam('depth', { type: 'string', default: '1', description: 'Fetch only the last N commits; 0 fetches the whole history.' });
    const sslVerify = this.addParam('sslVerify', { type: 'string', default: 'true', description: 'Set git http.sslVerify; false only for remotes you trust.' });
    const crtFileName = this.addParam('crtFileName', { type: 'string', default: 'ca-bundle.crt', description: 'CA bundle file name in the ssl-ca-directory workspace.' });
    const subdirectory = this.addParam('subdirectory', { type: 'string', default: '', description: 'Subdirectory of the output workspace to clone into: a relative path without .. components that stays inside the workspace.' });
    const sparse = this.addParam('sparseCheckoutDirectories', { type: 'string', default: '', description: 'Comma-separated directory patterns for a sparse checkout.' });
    const deleteExisting = this.addParam('deleteExisting', { type: 'string', default: 'true', description: 'Empty the destination directory before cloning: true or false.' });
    const httpProxy = this.addParam('httpProxy', { type: 'string', default: '', description: 'HTTP proxy for non-TLS requests.' });
    const httpsProxy = this.addParam('httpsProxy', { type: 'string', default: '', description: 'HTTPS proxy for TLS requests.' });
    const noProxy = this.addParam('noProxy', { type: 'string', default: '', description: 'Hosts that bypass the proxies.' });
    const verbose = this.addParam('verbose', { type: 'string', default: 'false', description: 'Log every command the step runs (set -x): true or false. Off by default: the trace would print the url and proxy params, which may carry credentials.' });
    const userHome = this.addParam('userHome', { type: 'string', default: '/home/git', description: 'Absolute path of the home directory git uses (an emptyDir).' });

    const commit = this.addResult(GIT_CLONE_RESULTS.commit, { description: 'The SHA of the commit that was checked out.' });
    const fetchedUrl = this.addResult(GIT_CLONE_RESULTS.url, { description: 'The URL that was cloned.' });
    const committerDate = this.addResult(GIT_CLONE_RESULTS.committerDate, { description: 'Committer date of that commit, in seconds since the epoch.' });

    const output = this.addWorkspace('output', { description: 'Receives the clone.' });
    const ssh = this.addWorkspace('ssh-directory', {
      optional: true,
      description: 'A .ssh directory (private key, known_hosts, config) for SSH remotes; bind a Secret.',
    });
    const basicAuth = this.addWorkspace('basic-auth', {
      optional: true,
      description: 'A .gitconfig and a .git-credentials file for HTTPS remotes; bind a Secret. Prefer ssh-directory.',
    });
    const sslCa = this.addWorkspace('ssl-ca-directory', { optional: true, description: 'CA certificates git trusts for HTTPS remotes.' });

    this.addVolume({ name: 'user-home', emptyDir: {} });
    this.addStep({
      name: 'clone',
      image: this.gitInitImage,
      env: [
        userHome.toEnv('HOME'),
        url.toEnv('PARAM_URL'),
        revision.toEnv('PARAM_REVISION'),
        refspec.toEnv('PARAM_REFSPEC'),
        submodules.toEnv('PARAM_SUBMODULES'),
        depth.toEnv('PARAM_DEPTH'),
        sslVerify.toEnv('PARAM_SSL_VERIFY'),
        crtFileName.toEnv('PARAM_CRT_FILE_NAME'),
        subdirectory.toEnv('PARAM_SUBDIRECTORY'),
        sparse.toEnv('PARAM_SPARSE_CHECKOUT_DIRECTORIES'),
        deleteExisting.toEnv('PARAM_DELETE_EXISTING'),
        httpProxy.toEnv('PARAM_HTTP_PROXY'),
        httpsProxy.toEnv('PARAM_HTTPS_PROXY'),
        noProxy.toEnv('PARAM_NO_PROXY'),
        verbose.toEnv('PARAM_VERBOSE'),
        { name: 'OUTPUT_PATH', value: output.path },
        { name: 'SSH_DIRECTORY_BOUND', value: ssh.bound },
        { name: 'SSH_DIRECTORY_PATH', value: ssh.path },
        { name: 'BASIC_AUTH_BOUND', value: basicAuth.bound },
        { name: 'BASIC_AUTH_PATH', value: basicAuth.path },
        { name: 'SSL_CA_DIRECTORY_BOUND', value: sslCa.bound },
        { name: 'SSL_CA_DIRECTORY_PATH', value: sslCa.path },
      ],
      volumeMounts: [{ name: 'user-home', mountPath: userHome.expression }],
      script: cloneScript({ commit: commit.path, url: fetchedUrl.path, committerDate: committerDate.path }),
    });
  }
}

/** The clone step's script; every input arrives through env, results are written to the given paths. */
function cloneScript(results: { commit: string; url: string; committerDate: string }): string {
  return `#!/usr/bin/env sh
set -eu
if [ "\${PARAM_VERBOSE}" = "true" ]; then set -x; fi

# Credentials are copied into HOME (an emptyDir) so their modes can be tightened; git refuses loose SSH keys.
if [ "\${BASIC_AUTH_BOUND}" = "true" ]; then
  for f in .git-credentials .gitconfig; do
    cp "\${BASIC_AUTH_PATH}/\${f}" "\${HOME}/\${f}"
    chmod 400 "\${HOME}/\${f}"
  done
fi
if [ "\${SSH_DIRECTORY_BOUND}" = "true" ]; then
  cp -R "\${SSH_DIRECTORY_PATH}" "\${HOME}/.ssh"
  chmod 700 "\${HOME}/.ssh"
  chmod -R 400 "\${HOME}"/.ssh/*
fi
if [ "\${SSL_CA_DIRECTORY_BOUND}" = "true" ]; then
  export GIT_SSL_CAPATH="\${SSL_CA_DIRECTORY_PATH}"
  if [ -n "\${PARAM_CRT_FILE_NAME}" ]; then export GIT_SSL_CAINFO="\${SSL_CA_DIRECTORY_PATH}/\${PARAM_CRT_FILE_NAME}"; fi
fi
if [ -n "\${PARAM_HTTP_PROXY}" ]; then export HTTP_PROXY="\${PARAM_HTTP_PROXY}"; fi
if [ -n "\${PARAM_HTTPS_PROXY}" ]; then export HTTPS_PROXY="\${PARAM_HTTPS_PROXY}"; fi
if [ -n "\${PARAM_NO_PROXY}" ]; then export NO_PROXY="\${PARAM_NO_PROXY}"; fi

# The clone stays inside the output workspace: no absolute path, no '..' component, and no symbolic
# link on the way that leads out (an earlier clone may have left one). Checked before anything is emptied.
refuse_subdirectory() {
  printf 'git-clone: subdirectory "%s" leaves the output workspace (params.subdirectory); %s\n' "\${PARAM_SUBDIRECTORY}" "$1" >&2
  exit 1
}
case "\${PARAM_SUBDIRECTORY}" in /*) refuse_subdirectory 'use a path relative to the workspace' ;; esac
case "/\${PARAM_SUBDIRECTORY}/" in */../*) refuse_subdirectory "use a relative path without '..' components" ;; esac
CHECKOUT_DIR="\${OUTPUT_PATH}/\${PARAM_SUBDIRECTORY}"
EXISTING="\${CHECKOUT_DIR}"
while [ -n "\${EXISTING}" ] && [ ! -d "\${EXISTING}" ]; do EXISTING="\${EXISTING%/*}"; done
WORKSPACE_REAL="$(cd "\${OUTPUT_PATH}" && pwd -P)"
EXISTING_REAL="$(cd "\${EXISTING:-\${OUTPUT_PATH}}" && pwd -P)"
case "\${EXISTING_REAL}/" in "\${WORKSPACE_REAL%/}"/*) ;; *) refuse_subdirectory 'it leads out through a symbolic link, pick another directory' ;; esac

if [ "\${PARAM_DELETE_EXISTING}" = "true" ] && [ -d "\${CHECKOUT_DIR}" ]; then
  # Empty the directory rather than remove it: it may be the root of the mounted volume.
  rm -rf "\${CHECKOUT_DIR:?}"/* "\${CHECKOUT_DIR}"/.[!.]* "\${CHECKOUT_DIR}"/..?*
fi

git config --global --add safe.directory "\${CHECKOUT_DIR}"
/ko-app/git-init \\
  -url="\${PARAM_URL}" \\
  -revision="\${PARAM_REVISION}" \\
  -refspec="\${PARAM_REFSPEC}" \\
  -path="\${CHECKOUT_DIR}" \\
  -sslVerify="\${PARAM_SSL_VERIFY}" \\
  -submodules="\${PARAM_SUBMODULES}" \\
  -depth="\${PARAM_DEPTH}" \\
  -sparseCheckoutDirectories="\${PARAM_SPARSE_CHECKOUT_DIRECTORIES}"

cd "\${CHECKOUT_DIR}"
printf '%s' "$(git rev-parse HEAD)" > "${results.commit}"
printf '%s' "$(git log -1 --pretty=%ct)" > "${results.committerDate}"
printf '%s' "\${PARAM_URL}" > "${results.url}"
`;
}
