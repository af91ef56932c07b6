/**
 * Query parameters that may carry a credential, whatever their case or separator: the hub's own
 * `api_key`, and the names other clients and libraries use (OAuth's `access_token`, `token`,
 * signed URLs' `signature`, ...). Their values never reach a log line or a trace.
 */
const CREDENTIAL_PARAMETER =
  /^(api[-_.]?key|apikey|key|access[-_.]?token|id[-_.]?token|refresh[-_.]?token|token|auth|authorization|bearer|jwt|secret|client[-_.]?secret|password|passwd|pwd|session|sig|signature)$/i;

/**
 * A request URL as it may be logged: the value of every credential-shaped query parameter
 * replaced by `[redacted]` (names are compared decoded, so `api%5Fkey` is caught too). A query
 * string that cannot be parsed is dropped whole.
 */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const path = url.slice(0, mark);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(url.slice(mark + 1));
  } catch {
    return `${path}?[redacted]`;
  }
  let redacted = false;
  const kept: [string, string][] = [];
  for (const [name, value] of params) {
    const secret = CREDENTIAL_PARAMETER.test(name.trim());
    redacted ||= secret;
    kept.push([name, secret ? '[redacted]' : value]);
  }
  return redacted ? `${path}?${new URLSearchParams(kept).toString()}` : url;
}
