// The one shape every side-by-side benchmark reports its headline figures in, so one table and one chart can
// put our numbers, the ceiling and each peer next to each other.
import { z } from 'zod';

export const resultRow = z.object({
  scenario: z.string().min(1),
  system: z.string().min(1),
  metric: z.string().min(1),
  value: z.number().finite(),
  unit: z.string(),
  note: z.string().optional(),
});
export type ResultRow = z.infer<typeof resultRow>;

export const resultFile = z.object({ when: z.string().optional(), rows: z.array(resultRow) }).passthrough();

/** The engine's own rows carry this system name; every other system is compared with it. */
export const OURS = 'sparkle';
