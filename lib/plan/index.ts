export * from "./schema";
export * from "./validate";
export * from "./graph";
export * from "./layout";
export { formatPath } from "./path";
export { planToJson, slugify } from "./export";
