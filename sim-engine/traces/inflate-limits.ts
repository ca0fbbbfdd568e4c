/**
 * The gzip caps a trace entry sets (`maxInflatedBytes`, `maxInflateRatio`) as importer options:
 * its own module, so code that reads a scenario (a synthetic run) does not load the decoder.
 */
import type { ImportOptions } from './types.js';

export function inflateLimits(spec: { maxInflatedBytes?: number | undefined; maxInflateRatio?: number | undefined }): ImportOptions {
  const o: ImportOptions = {};
  if (spec.maxInflatedBytes !== undefined) o.maxInflatedBytes = spec.maxInflatedBytes;
  if (spec.maxInflateRatio !== undefined) o.maxInflateRatio = spec.maxInflateRatio;
  return o;
}
