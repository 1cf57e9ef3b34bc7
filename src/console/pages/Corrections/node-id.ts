/** The database id inside a Relay global id (base64 of `Type:id`): deadlines name their subject by it. */
export function rawId(globalId: string): string {
  try {
    const decoded = atob(globalId);
    return decoded.slice(decoded.indexOf(':') + 1);
  } catch {
    return globalId;
  }
}
