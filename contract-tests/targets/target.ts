import type { ProviderId } from "../model/provider-contract.js";

export type TargetName = "msw" | "mock" | "prism" | "live" | "url";
export const targetNames: readonly TargetName[] = ["msw", "mock", "prism", "live", "url"];

/** One provider as a target serves it. */
export interface ProviderEndpoint {
  /** Base URL including the spec's base path, e.g. `http://127.0.0.1:4010/v1`; no trailing slash. */
  baseUrl: string;
  /** The bearer credential. */
  credential: string;
  /** Known-good values for parameters (live fixtures such as `key_code_ref`); others come from the schema. */
  parameterValues: Readonly<Record<string, string>>;
  /**
   * Known-good values for body fields (a token request's `client_id`, `client_secret`, `audience`): where a
   * request still carries the spec example's value for such a field, the target's value is sent instead.
   */
  bodyValues: Readonly<Record<string, string>>;
  /** Why a token endpoint's client credentials are not known here (then its valid requests are skipped). */
  clientCredentialsMissing?: string | undefined;
  /** A Kombo token from a completed Connect flow (live only). */
  integrationToken?: string | undefined;
  /** A Kinde session whose user has consented; the suite reads its token, then revokes it (live only). */
  consentedSession?: string | undefined;
}

/** The click-through steps a person does in a browser; mocks complete them over HTTP. */
export interface FlowHelpers {
  /** Opens a create-link `link` the way the Connect page's button would, returns the token it hands out. */
  completeConnectLink(link: string): Promise<string>;
  /** Opens a Kinde consent `url` (without following the redirect to the callback). */
  grantConsent(url: string): Promise<void>;
}

export interface Capabilities {
  /** Honours `Prefer: code=` and `Prefer: example=` (mocks and Prism). */
  preferHeader: boolean;
  /** Keeps state between requests (links, sessions), so an unknown token is unknown. */
  stateful: boolean;
  /** Tells a wrong credential from a right one (`--any-credential`: it does not). */
  checksCredentials: boolean;
  /** Refuses a request without a credential in the provider's own way. */
  refusesMissingCredential: boolean;
  /** Answers a body that is not JSON in the provider's own error format. */
  rejectsMalformedJson: boolean;
  /** Runs a spec's token endpoint as an OAuth server: refuses an unsupported grant, issues tokens the guarded routes take. */
  issuesTokens: boolean;
}

export type Capability = keyof Capabilities;

export interface RunningTarget {
  /** Per provider: where to reach it, or why it is skipped. */
  providers: Readonly<Record<ProviderId, ProviderEndpoint | { skipped: string }>>;
  fetch: typeof fetch;
  flows?: FlowHelpers;
  stop(): Promise<void>;
}

export interface Target {
  name: TargetName;
  capabilities: Capabilities;
  /** Why a capability is missing, shown beside the scenarios skipped for it. */
  limitations?: Readonly<Partial<Record<Capability, string>>>;
  start(): Promise<RunningTarget>;
}

export function isSkipped(entry: ProviderEndpoint | { skipped: string }): entry is { skipped: string } {
  return "skipped" in entry;
}
