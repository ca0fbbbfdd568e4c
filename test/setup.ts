// Property tests run with a fixed seed so CI is reproducible; set FLEETLAB_FUZZ_SEED to explore.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env['FLEETLAB_FUZZ_SEED'] ?? 20261128) });
