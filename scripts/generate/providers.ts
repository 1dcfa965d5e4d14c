import { providers, type ProviderId } from "../../providers/registry.js";

/** What the generator needs to know about each provider beyond the registry; everything else comes from its spec. */
export interface ClientProvider {
  id: ProviderId;
  specFile: string;
  factory: string;
  /** The option that carries the bearer credential. */
  credentialOption: string;
  /** Named server choices from the spec's `servers`, first one the default; empty when the base URL must be given. */
  regions: readonly string[];
  /** Friendly names for component schemas: alias -> `components.schemas` key. */
  schemaAliases: Readonly<Record<string, string>>;
  /**
   * When the client can fetch its bearer token itself (OAuth client credentials): the spec operation that
   * issues it, and what is appended to the base URL for the default `audience`.
   */
  clientCredentials?: { tokenOperationId: string; audiencePath: string };
}

export const clientProviders: readonly ClientProvider[] = [
  {
    id: "kombo",
    specFile: providers.kombo.specFile,
    factory: "createKomboClient",
    credentialOption: "apiKey",
    regions: ["eu", "us"],
    schemaAliases: {
      CreateLinkRequest: "PostConnectCreateLinkRequestBody",
      CreateLinkResponse: "PostConnectCreateLinkPositiveResponse",
      IntegrationByTokenResponse: "GetConnectIntegrationByTokenTokenPositiveResponse",
      KomboError: "ErrorResponse",
    },
  },
  {
    id: "kinde",
    specFile: providers.kinde.specFile,
    factory: "createKindeClient",
    credentialOption: "token",
    regions: [],
    clientCredentials: { tokenOperationId: "RequestM2MToken", audiencePath: "/api" },
    schemaAliases: {
      ConnectedAppsAuthUrl: "connected_apps_auth_url",
      ConnectedAppsAccessToken: "connected_apps_access_token",
      SuccessResponse: "success_response",
      KindeErrorResponse: "error_response",
      KindeError: "error",
      M2MToken: "m2m_token",
      OAuthError: "oauth_error",
    },
  },
];
