// The one rule for ids: every id the database stores is a uuid, so anything that is not one in
// canonical 8-4-4-4-12 hex form cannot name a row and must never reach Postgres (an invalid uuid
// cast is a 500). `/^[0-9a-f-]{36}$/` is not enough: 36 dashes pass it. Framework-free, so the
// database queries use it too; request handling is in lib/http/ids.ts.

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid in canonical form (any version; upper or lower case hex). */
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID_PATTERN.test(value);

/** The largest value of a Postgres `integer` column (plan versions). */
export const MAX_INT4 = 2_147_483_647;

/** A positive number an `integer` column can hold (a plan version). */
export const isVersionNumber = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 1 && value <= MAX_INT4;
