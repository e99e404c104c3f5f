// `npm run tune [-- --json ...]`: measures this machine, its current load, what one task costs and the services
// it waits on, and recommends worker concurrency settings, each with the measurement and reasoning behind it.
// Nothing it measures is written anywhere (the optional workflow probe cleans up after itself).
import { parseArgs } from 'node:util';
import { z } from 'zod';

const USAGE = `usage: npm run tune -- [options]
  --json                     one JSON document instead of the table
  --sample-ms N              CPU sample window (default 1500, 200-30000)
  --cpu-target X             CPU utilisation to plan for, 0-1 (default 0.8)
  --memory-target X          memory utilisation to plan for, 0-1 (default 0.8)
  --interactive-workers N    chat worker processes to plan for (default: from measured load, else as many as poll now, else 1)
  --jobs-workers N           jobs worker processes to plan for (default: from the cores left after chat)
  --gateways N               gateway processes sharing Postgres (default 1)
  --interactive-metrics URL  a chat worker's /metrics (default http://127.0.0.1:9464/metrics)
  --jobs-metrics URL         a jobs worker's /metrics (default http://127.0.0.1:9465/metrics)
  --probe-llm                stream one short completion (48 tokens) from LLM_BASE_URL to time it
  --probe-workflows N        run a worker here and cache N workflows: their memory and the SDK's CPU per task (default 0; try 200)`;

const fraction = z.coerce.number().gt(0, 'must be above 0').max(1, 'must be at most 1');
const count = z.coerce.number().int().min(1).max(1000);
const Args = z
  .object({
    json: z.boolean().default(false),
    'sample-ms': z.coerce.number().int().min(200).max(30_000).default(1500),
    'cpu-target': fraction.default(0.8),
    'memory-target': fraction.default(0.8),
    'interactive-workers': count.optional(),
    'jobs-workers': count.optional(),
    gateways: z.coerce.number().int().min(0).max(1000).default(1),
    'interactive-metrics': z.string().url().default('http://127.0.0.1:9464/metrics'),
    'jobs-metrics': z.string().url().default('http://127.0.0.1:9465/metrics'),
    'probe-llm': z.boolean().default(false),
    'probe-workflows': z.coerce.number().int().min(0).max(5000).default(0),
    help: z.boolean().default(false),
  })
  .strict();

function fail(message: string): never {
  process.stderr.write(`tune: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv: string[]): z.infer<typeof Args> {
  const str = { type: 'string' } as const;
  const bool = { type: 'boolean' } as const;
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        json: bool,
        'sample-ms': str,
        'cpu-target': str,
        'memory-target': str,
        'interactive-workers': str,
        'jobs-workers': str,
        gateways: str,
        'interactive-metrics': str,
        'jobs-metrics': str,
        'probe-llm': bool,
        'probe-workflows': str,
        help: bool,
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  const r = Args.safeParse(values);
  if (!r.success) fail(r.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

const args = parse(process.argv.slice(2));
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
// stdout carries the report (or the JSON) only: this process's own logs, and the SDK's through them, are off.
// Anything that fails is in the report's "not measured". Hence the imports after this line, not above.
process.env.LOG_LEVEL = 'silent';
const { config, ConfigError } = await import('../lib/config.js');
const { measure } = await import('./tune/measure.js');
const { recommend } = await import('./tune/recommend.js');
const { renderText } = await import('./tune/report.js');
let c: ReturnType<typeof config>;
try {
  c = config();
} catch (err) {
  fail(err instanceof ConfigError ? err.message : String(err));
}

const m = await measure(c, {
  sampleMs: args['sample-ms'],
  targets: { cpu: args['cpu-target'], memory: args['memory-target'] },
  metricsUrls: { interactive: args['interactive-metrics'], jobs: args['jobs-metrics'] },
  processes: { interactive: args['interactive-workers'], jobs: args['jobs-workers'], gateways: args.gateways },
  probeLlm: args['probe-llm'],
  probeWorkflows: args['probe-workflows'],
});
const rec = recommend(m.inputs);
const streamSource = m.measured.modelEndpoint.streamMsPerTurn?.source;
const assumptions = [...rec.assumptions, ...(streamSource?.includes('assumed') ? [`model stream of one turn: ${streamSource}`] : [])];
const now = {
  WORKER_MAX_CONCURRENT_ACTIVITIES: c.WORKER_MAX_CONCURRENT_ACTIVITIES,
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
  DATABASE_POOL_MAX: c.DATABASE_POOL_MAX,
  WORKER_TUNER: c.WORKER_TUNER,
};
const queues = { interactive: c.TASK_QUEUE_INTERACTIVE, jobs: c.TASK_QUEUE_JOBS };
const text = args.json
  ? JSON.stringify({ measured: m.measured, notMeasured: m.notMeasured, inputs: m.inputs, now, queues, recommendation: { ...rec, assumptions } }, null, 2)
  : renderText(m, rec, now, queues, assumptions);
// Exit once stdout is flushed (it may be a pipe): open handles (the workflow probe's Temporal runtime) must not keep us alive.
process.stdout.write(`${text}\n`, () => process.exit(0));
