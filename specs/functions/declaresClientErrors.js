// Spectral function: an operation must declare, for each group of `groups`, at least one of its
// statuses (e.g. [["400"], ["401", "403"], ["429"]]: bad input, bad credentials, throttling).
export default function declaresClientErrors(operation, options, context) {
  if (typeof operation !== "object" || operation === null) return [];
  const declared = Object.keys(operation.responses ?? {});
  const results = [];
  for (const group of options.groups) {
    if (group.some((status) => declared.includes(status))) continue;
    results.push({
      message: `${operation.operationId ?? "operation"} declares none of ${group.join(" / ")}: declare its 4xx answers`,
      path: [...context.path, "responses"],
    });
  }
  return results;
}
