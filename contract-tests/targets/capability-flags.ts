import type { Capability, Target } from "./target.js";

/** What a target cannot know, said on the command line; each flag only takes capabilities away. */
export interface CapabilityFlags {
  /** `--stateless`: it keeps no state. */
  stateless: boolean;
  /** `--any-credential`: it accepts every credential. */
  anyCredential: boolean;
}

const flagLimitations: readonly [keyof CapabilityFlags, Capability, string][] = [
  ["stateless", "stateful", "--stateless: the target keeps no state, so an unknown token or session and the flows mean nothing there"],
  ["anyCredential", "checksCredentials", "--any-credential: the target accepts every credential, so a wrong one cannot be told apart"],
];

/** `target` with the capabilities the flags deny switched off, each with the flag as the reason. */
export function withCapabilityFlags(target: Target, flags: CapabilityFlags): Target {
  const denied = flagLimitations.filter(([flag, capability]) => flags[flag] && target.capabilities[capability]);
  if (denied.length === 0) return target;
  return {
    ...target,
    capabilities: { ...target.capabilities, ...Object.fromEntries(denied.map(([, capability]) => [capability, false])) },
    limitations: { ...target.limitations, ...Object.fromEntries(denied.map(([, capability, reason]) => [capability, reason])) },
  };
}
