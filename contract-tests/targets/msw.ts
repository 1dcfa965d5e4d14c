import type { Target } from "./target.js";

export function mswTarget(): Target {
  return {
    name: "msw",
    capabilities: { preferHeader: true, stateful: true, checksCredentials: true, rejectsMalformedJson: true },
    start: () => Promise.reject(new Error("the msw target is not wired yet: its adapter is still being built")),
  };
}
