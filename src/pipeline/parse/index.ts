// The parse stage's public surface: decoded text in, raw feed items out.
export { parseFeed } from './parseFeed.ts';
export { DEFAULT_PARSE_LIMITS, prepareXml } from './prepareXml.ts';
export type { ParseLimits, PreparedXml, RootElement } from './prepareXml.ts';
export { combineBase } from './mapFeed.ts';
