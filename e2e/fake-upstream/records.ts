/** Reads an untrusted value as an object; anything else becomes `{}` so lookups stay safe. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}
