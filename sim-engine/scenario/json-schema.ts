/** The scenario schema as JSON Schema (draft 2020-12), for editors such as VS Code's YAML extension. */
import { z } from 'zod';
import { Scenario } from './schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'fleetlab scenario', description: 'A fleetlab scenario: workload, fleet and the policies to compare (see the README).' };
}
