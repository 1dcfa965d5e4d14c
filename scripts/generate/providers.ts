/** What the generator needs to know about each provider; everything else comes from its spec. */
export interface ClientProvider {
  id: "kombo" | "kinde";
  specFile: string;
  factory: string;
  /** The option that carries the bearer credential. */
  credentialOption: string;
  /** Named server choices from the spec's `servers`, first one the default; empty when the base URL must be given. */
  regions: readonly string[];
  /** Friendly names for component schemas: alias -> `components.schemas` key. */
  schemaAliases: Readonly<Record<string, string>>;
}

export const clientProviders: readonly ClientProvider[] = [
  {
    id: "kombo",
    specFile: "specs/kombo.yaml",
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
    specFile: "specs/kinde.yaml",
    factory: "createKindeClient",
    credentialOption: "token",
    regions: [],
    schemaAliases: {
      ConnectedAppsAuthUrl: "connected_apps_auth_url",
      ConnectedAppsAccessToken: "connected_apps_access_token",
      SuccessResponse: "success_response",
      KindeErrorResponse: "error_response",
      KindeError: "error",
    },
  },
];
