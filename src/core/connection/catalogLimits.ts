/** Bounds on one catalog refresh, so a server that paginates forever cannot hang the engine or exhaust memory. */
export interface CatalogLimits {
  /** Pages of one list (tools, resources, templates or prompts). */
  maxPages: number;
  /** Items of one list, over all its pages. */
  maxItems: number;
  /** The whole refresh (every list, every page). */
  deadlineMs: number;
}

export const defaultCatalogLimits: CatalogLimits = { maxPages: 1000, maxItems: 100_000, deadlineMs: 120_000 };

/** Typed so callers can tell a cap from a server error without reading the message. */
export class CatalogLimitError extends Error {
  readonly kind = 'catalog-limit';
}
