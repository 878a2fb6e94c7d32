/**
 * Thrown when a value cannot be used as an amount of money: wrong format, too many digits,
 * negative where a price is expected, or not a finite number.
 *
 * `field` names the offending input so that an API layer can report it to the caller
 * without parsing the message.
 */
export class InvalidMoneyError extends Error {
  override readonly name = 'InvalidMoneyError';

  /**
   * @param field - Name of the input that was refused, as the caller knows it.
   * @param message - Full sentence for the caller; it starts with the field name.
   */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Thrown when token counts reported for a request cannot be priced: not a safe non-negative
 * integer, or more cached input tokens than input tokens.
 *
 * Usage comes from upstream providers, so this signals a provider or adapter bug rather than
 * a customer mistake; it must never be silently priced as zero.
 */
export class InvalidUsageError extends Error {
  override readonly name = 'InvalidUsageError';

  /**
   * @param field - Name of the token count that was refused.
   * @param message - Full sentence describing the problem.
   */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
