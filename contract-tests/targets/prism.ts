import type { Target } from "./target.js";

export function prismTarget(): Target {
  return {
    name: "prism",
    capabilities: { preferHeader: true, stateful: true, checksCredentials: true, rejectsMalformedJson: true },
    start: () => Promise.reject(new Error("the prism target is not wired yet: its adapter is still being built")),
  };
}
