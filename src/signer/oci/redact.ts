/** Query parameters whose values are safe to show (everything else is replaced by `redacted`). */
const SAFE_QUERY_KEYS = new Set(['digest', 'service', 'scope', 'n', 'last', 'mount', 'from']);

/**
 * Renders a URL for messages and logs: user-info dropped, query values other than a few known-safe
 * ones replaced (upload `_state` blobs and pre-signed storage URLs can carry credentials).
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '<invalid url>';
  }
  parsed.username = '';
  parsed.password = '';
  const keys = [...new Set(parsed.searchParams.keys())];
  for (const key of keys) {
    if (!SAFE_QUERY_KEYS.has(key)) parsed.searchParams.set(key, 'redacted');
  }
  return parsed.toString();
}

/** `METHOD URL` with the URL redacted, the form every {@link RegistryError} carries. */
export function describeRequest(method: string, url: string | URL): string {
  return `${method} ${redactUrl(url)}`;
}
