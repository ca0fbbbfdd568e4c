/**
 * The planner's requirements in the results view: max cost, min availability, max wait p95.
 * Empty = not set; text that does not parse shows why under its field and is ignored. Every
 * keystroke re-evaluates the verdict and the KPI table (no re-run).
 */
import { formatValue } from '../../sim-engine/report/metric-rows';
import type { ParsedRequirements, RequirementField, RequirementTexts } from '../state/requirements';

interface FieldSpec {
  field: RequirementField;
  label: string;
  unit: string;
  example: string;
}

const FIELDS: FieldSpec[] = [
  { field: 'maxCost', label: 'Max cost', unit: 'USD', example: 'e.g. 150k' },
  { field: 'minAvailability', label: 'Min availability', unit: '%', example: 'e.g. 99' },
  { field: 'maxWaitP95', label: 'Max wait p95', unit: '', example: 'e.g. 30m' },
];

export function RequirementsForm({ texts, parsed, onChange, target, sloSet }: { texts: RequirementTexts; parsed: ParsedRequirements; onChange: (patch: Partial<RequirementTexts>) => void; target: number; sloSet: boolean }) {
  const anySet = Object.values(texts).some((t) => t !== '');
  const hint = (f: RequirementField): string => {
    if (f === 'minAvailability') return sloSet ? `empty = the target, ${formatValue('availability', target)}` : 'needs an SLO (slo.maxQueueWait)';
    return 'empty = no limit';
  };
  return (
    <fieldset className="requirements" data-testid="requirements">
      <legend>
        Your requirements <span className="muted small">— the verdict and the table update as you type</span>
      </legend>
      <div className="requirements-fields">
        {FIELDS.map(({ field, label, unit, example }) => {
          const id = `req-${field}`;
          const error = parsed.errors[field];
          const disabled = field === 'minAvailability' && !sloSet;
          return (
            <div className="field requirement" key={field}>
              <label htmlFor={id}>{label}</label>
              <div className="input-unit">
                <input
                  id={id}
                  className={`input${error ? ' invalid' : ''}`}
                  data-testid={`requirement-${field}`}
                  value={disabled ? '' : texts[field]}
                  disabled={disabled}
                  placeholder={example}
                  inputMode={field === 'maxWaitP95' ? 'text' : 'decimal'}
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={`${id}-msg`}
                  onChange={(e) => onChange({ [field]: e.target.value })}
                />
                {unit && <span className="unit" aria-hidden="true">{unit}</span>}
              </div>
              {error ? (
                <span id={`${id}-msg`} className="field-error" role="alert">
                  Ignored: {error}
                </span>
              ) : (
                <span id={`${id}-msg`} className="field-hint">
                  {hint(field)}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {anySet && (
        <button type="button" className="link small requirements-clear" onClick={() => onChange({ maxCost: '', minAvailability: '', maxWaitP95: '' })}>
          Clear requirements
        </button>
      )}
    </fieldset>
  );
}
