/**
 * One way a request or an answer breaks the spec. The same shape from the check that finds it to the
 * report that shows it: the mock's refusals and answer checks, the proxy, replay and the contract suite.
 */
export interface Violation {
  /**
   * Where: a JSONPath into the body (`$.data.link`, `$` for all of it), `status`, `header content-type`,
   * or a request location (`query.key_code_ref`, `body.end_user_email`, `header.authorization`); empty
   * when no one place is at fault (`expected` is then the whole sentence, e.g. `Content-Type is missing`).
   */
  path: string;
  /** What the spec wants, worded to follow the path: `must be a valid uri`, `is required`. */
  expected: string;
  /** What came, already shown for a message (see `preview`); undefined when there is nothing to show. */
  got?: string | undefined;
  /**
   * Set when the spec lets the server do this (it only does not declare it): a warning, never a failure
   * (unless --strict). The text says why it is allowed.
   */
  lenient?: string | undefined;
}

/** `$.data.link must be a valid uri (got "not a uri")`: a violation as one line. */
export function describeViolation(violation: Violation): string {
  const what = violation.path === "" ? violation.expected : `${violation.path} ${violation.expected}`;
  return violation.got === undefined ? what : `${what} (got ${violation.got})`;
}
