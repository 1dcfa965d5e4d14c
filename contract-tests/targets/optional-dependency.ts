/**
 * Loads a target whose package is optional for users of connect-contracts (msw is a peer dependency): when
 * the package is missing, says how to install it instead of Node's bare ERR_MODULE_NOT_FOUND.
 */
export async function loadNeeding<Loaded>(target: string, dependency: string, load: () => Promise<Loaded>): Promise<Loaded> {
  try {
    return await load();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && (error as Error).message.includes(`'${dependency}'`);
    if (missing) throw new Error(`the ${target} target needs ${dependency}, which is not installed here. Install it in your project: npm i -D ${dependency}`);
    throw error;
  }
}
