/** One request as the suite sends it, kept whole so a failure can print it as `curl`. */
export interface ContractRequest {
  method: string;
  /** Absolute URL, query included. */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface ContractResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  bodyText: string;
  /** Parsed JSON; undefined when the body is empty or not JSON (see `jsonError`). */
  json: unknown;
  jsonError?: string;
}

async function readResponse(response: Response): Promise<ContractResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const bodyText = await response.text();
  if (bodyText.trim() === "") return { status: response.status, headers, bodyText, json: undefined };
  try {
    return { status: response.status, headers, bodyText, json: JSON.parse(bodyText) as unknown };
  } catch (error) {
    return { status: response.status, headers, bodyText, json: undefined, jsonError: (error as Error).message };
  }
}

/** A live API that stops answering must not hang CI. */
const requestTimeoutMs = 30_000;

export async function send(fetchFn: typeof fetch, request: ContractRequest): Promise<ContractResponse> {
  const response = await fetchFn(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: "manual",
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  return readResponse(response);
}
