/** The fleetlab version written into results.json (kept equal to package.json by a test). */
export const FLEETLAB_VERSION = '0.1.0';
