/**
 * GPU model names as traces spell them → accelerator catalog ids (scenarios/accelerators.json).
 * Names are normalised (lower case, no spaces, dashes or underscores) before lookup. Internal or
 * undisclosed codes (Alibaba `G1`/`G2`/`G3`, `GPU-series-1`, `MISC`) map to null: the caller
 * reports them and the user maps them with `acceleratorMap`.
 */
const MODELS: Record<string, string> = {
  a100: 'nvidia-a100-80gb',
  a10080gb: 'nvidia-a100-80gb',
  a100sxm480gb: 'nvidia-a100-80gb',
  a100pcie80gb: 'nvidia-a100-80gb',
  a10040gb: 'nvidia-a100-40gb',
  a100sxm440gb: 'nvidia-a100-40gb',
  a800: 'nvidia-a800-80gb',
  a800sxm480gb: 'nvidia-a800-80gb',
  h100: 'nvidia-h100-80gb',
  h10080gb: 'nvidia-h100-80gb',
  h100sxm580gb: 'nvidia-h100-80gb',
  h800: 'nvidia-h800-80gb',
  h200: 'nvidia-h200-141gb',
  b200: 'nvidia-b200-180gb',
  v100: 'nvidia-v100-16gb',
  v10016gb: 'nvidia-v100-16gb',
  v100m16: 'nvidia-v100-16gb',
  v100sxm216gb: 'nvidia-v100-16gb',
  v10032gb: 'nvidia-v100-32gb',
  v100m32: 'nvidia-v100-32gb',
  v100sxm232gb: 'nvidia-v100-32gb',
  p100: 'nvidia-p100-16gb',
  p10016gb: 'nvidia-p100-16gb',
  t4: 'nvidia-t4',
  a10: 'nvidia-a10',
  a10g: 'nvidia-a10g',
  l4: 'nvidia-l4',
  l40s: 'nvidia-l40s',
  mi300x: 'amd-mi300x',
};

export function normalizeModelName(name: string): string {
  return name.trim().toLowerCase().replace(/^(nvidia|tesla|amd)[\s_-]*/, '').replace(/^tesla[\s_-]*/, '').replace(/[\s_-]+/g, '');
}

/** Catalog id for a trace's GPU model name, or null when unknown. */
export function catalogIdFor(name: string): string | null {
  return MODELS[normalizeModelName(name)] ?? null;
}

/** Maps a `|`-separated list of allowed models (Alibaba `gpu_spec`) model by model. */
export function mapModelList(spec: string): string {
  return spec.split('|').map((m) => catalogIdFor(m) ?? m.trim()).join('|');
}
