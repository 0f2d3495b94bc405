/**
 * Thrown when a FlowFilter cannot be compiled: an invalid regex, CIDR, label selector, port,
 * pattern, or a field we do not support. Names the field and the offending value so the message
 * can go straight back to whoever sent the filter (gRPC INVALID_ARGUMENT, HTTP 400).
 */
export class FilterError extends Error {
  override readonly name = 'FilterError';
  /** The FlowFilter field (proto name), e.g. 'source_ip'. */
  readonly field: string;
  /** The offending value as given. */
  readonly value: unknown;

  constructor(field: string, value: unknown, reason: string) {
    super(`invalid ${field} filter ${describeValue(value)}: ${reason}`);
    this.field = field;
    this.value = value;
  }
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
