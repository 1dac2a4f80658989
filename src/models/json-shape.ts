/** A parsed JSON or YAML value that is a plain object. */
export type Obj = Record<string, unknown>;

/** Whether a parsed value is a plain object (not null, not an array). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value if it is an array, else an empty one: validators read files that may have any shape. */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
