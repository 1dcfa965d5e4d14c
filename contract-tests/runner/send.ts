import type { ContractRequest, ContractResponse } from "../model/http.js";

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
