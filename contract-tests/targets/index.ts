import type { ProviderId } from "../model/provider-contract.js";
import { withCapabilityFlags, type CapabilityFlags } from "./capability-flags.js";
import { liveTarget, urlTarget } from "./live.js";
import { loadNeeding } from "./optional-dependency.js";
import type { Target, TargetName } from "./target.js";

type Environment = Readonly<Record<string, string | undefined>>;

export interface TargetSettings extends CapabilityFlags {
  /** Base URLs for `--target url`. */
  urls: Readonly<Partial<Record<ProviderId, string>>>;
}

async function knownTarget(name: TargetName, env: Environment, settings: TargetSettings): Promise<Target> {
  switch (name) {
    case "live":
      return liveTarget(env);
    case "url":
      return urlTarget(settings.urls, settings, env);
    case "mock":
      return (await import("./mock.js")).mockTarget();
    case "prism":
      return (await import("./prism.js")).prismTarget();
    case "msw":
      return (await loadNeeding("msw", "msw", () => import("./msw.js"))).mswTarget();
  }
}

export async function createTarget(name: TargetName, env: Environment, settings: TargetSettings = { urls: {}, stateless: false, anyCredential: false }): Promise<Target> {
  return withCapabilityFlags(await knownTarget(name, env, settings), settings);
}
