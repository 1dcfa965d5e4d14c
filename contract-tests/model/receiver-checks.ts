/**
 * The checks of the receiver contract test (`connect-contracts webhooks`): what the user's webhook endpoint
 * must do with what the provider may send it. Each name is a finding's `check`; docs/webhooks.md lists them.
 */
export const receiverChecks = {
  webhook_accepted: "a validly signed event of each declared type is accepted (2xx)",
  webhook_tampered_refused: "the same body with a field added, under the original signature, is refused (4xx)",
  webhook_wrong_secret_refused: "an event signed with another secret is refused (4xx)",
  webhook_padded_signature_refused: "the signature with base64 `=` padding appended is refused (4xx): Kombo never pads",
  webhook_unsigned_refused: "an event without the signature header is refused (4xx)",
  webhook_unknown_type_tolerated: "a validly signed event of a type the spec does not declare yet is accepted (2xx)",
  webhook_redelivery_accepted: "the same event delivered twice is accepted both times (2xx): handle it idempotently",
} as const;

export type ReceiverCheckName = keyof typeof receiverChecks;
