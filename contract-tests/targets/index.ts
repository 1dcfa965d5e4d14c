import { liveTarget } from "./live.js";
import { loadNeeding } from "./optional-dependency.js";
import type { Target, TargetName } from "./target.js";

type Environment = Readonly<Record<string, string | undefined>>;

export async function createTarget(name: TargetName, env: Environment): Promise<Target> {
  switch (name) {
    case "live":
      return liveTarget(env);
    case "mock":
      return (await import("./mock.js")).mockTarget();
    case "prism":
      return (await import("./prism.js")).prismTarget();
    case "msw":
      return (await loadNeeding("msw", "msw", () => import("./msw.js"))).mswTarget();
  }
}
