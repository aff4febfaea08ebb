/**
 * A service URL as messages show it (logs, errors, `/readyz`, which answers without a token):
 * its password replaced by `***`. Text that is no URL is shown as it is.
 */
export function maskedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.password === '') return url;
  parsed.password = '***';
  return parsed.toString();
}
