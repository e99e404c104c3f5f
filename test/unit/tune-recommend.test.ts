// The tuning recommendations follow from their inputs: each test moves one measurement and checks the
// direction and the bound it must produce, not a hard-coded answer.
import { describe, expect, it } from 'vitest';
import { HEADROOM, MAX_SLOTS, recommend, type Recommendation, type TuneInputs } from '../../scripts/tune/recommend.js';

const GiB = 2 ** 30;

function inputs(over: (i: TuneInputs) => void = () => {}): TuneInputs {
  const i: TuneInputs = {
    targets: { cpu: 0.8, memory: 0.8 },
    host: {
      effectiveCores: 4,
      busyCores: 0.1,
      sparkleBusyCores: 0,
      memoryAvailableBytes: 16 * GiB,
      sparkleRssBytes: 0,
      heapLimitBytes: 4 * GiB,
      sdkSeesCpuLimit: true,
    },
    turn: { cpuMs: 3, localCpuMs: 0.5, streamMs: 4000, deltas: 400, heapBytes: 200 * 1024 },
    job: { cpuMs: 0.3, importLineCpuMs: 1, heapBytes: 5 * 2 ** 20 },
    sdkCpuMsPerTask: 0.1,
    workflowBytes: 2 ** 20,
    workerBaselineBytes: 200 * 2 ** 20,
    postgres: { rttMs: 0.5, vectorQueryMs: 3, usableConnections: 97 },
    redisRttMs: 0.2,
    temporalRttMs: 1,
    wftExecMs: 4,
    processes: { gateways: 1 },
  };
  over(i);
  return i;
}

const setting = (r: Recommendation, kind: 'interactive' | 'jobs', name: string) => r[kind].settings.find((s) => s.name === name)!.value;
const activities = (r: Recommendation, kind: 'interactive' | 'jobs') => setting(r, kind, 'WORKER_MAX_CONCURRENT_ACTIVITIES');
const jobsTotal = (r: Recommendation) => r.jobs.processes * activities(r, 'jobs');

describe('tune recommendations', () => {
  it('gives CPU-heavy jobs more slots in total on more cores, through more processes', () => {
    const cpuHeavy = (cores: number) =>
      recommend(
        inputs((i) => {
          i.host.effectiveCores = cores;
          i.job.cpuMs = 20; // mostly CPU: a slot per process, processes per core
          i.job.importLineCpuMs = 20;
        }),
      );
    const [two, eight, thirtyTwo] = [cpuHeavy(2), cpuHeavy(8), cpuHeavy(32)];
    expect(jobsTotal(eight)).toBeGreaterThan(jobsTotal(two));
    expect(jobsTotal(thirtyTwo)).toBeGreaterThan(jobsTotal(eight));
    expect(eight.jobs.processes).toBeGreaterThan(two.jobs.processes);
    expect(eight.jobs.binding).toBe('cpu');
  });

  it('gives a process fewer jobs slots when a job uses more CPU', () => {
    const light = recommend(inputs((i) => (i.job.importLineCpuMs = 0.5)));
    const heavy = recommend(inputs((i) => (i.job.importLineCpuMs = 4)));
    expect(activities(heavy, 'jobs')).toBeLessThan(activities(light, 'jobs'));
  });

  it('caps slots by memory when memory is low', () => {
    const roomy = recommend(inputs());
    const tight = recommend(
      inputs((i) => {
        i.host.memoryAvailableBytes = 3 * GiB;
        i.host.heapLimitBytes = 512 * 2 ** 20; // a small heap also means a small workflow cache
      }),
    );
    expect(tight.interactive.binding).toBe('memory');
    expect(activities(tight, 'interactive')).toBeLessThan(activities(roomy, 'interactive'));
    const perSlot = 200 * 1024 + 2 ** 20;
    expect(activities(tight, 'interactive') * perSlot).toBeLessThanOrEqual(512 * 2 ** 20 * 0.8);
  });

  it('bounds every pool by max_connections shared across processes, and slots by that pool', () => {
    const few = recommend(
      inputs((i) => {
        i.postgres!.usableConnections = 20;
        i.processes = { interactive: 2, jobs: 2, gateways: 2 };
        i.postgres!.vectorQueryMs = 200; // slow queries: each turn keeps a connection busy long
      }),
    );
    const budget = Math.floor((20 * 0.9) / 6);
    expect(setting(few, 'interactive', 'DATABASE_POOL_MAX')).toBeLessThanOrEqual(budget);
    expect(setting(few, 'jobs', 'DATABASE_POOL_MAX')).toBeLessThanOrEqual(budget);
    expect(few.interactive.binding).toBe('postgres');
    const total = (r: Recommendation) =>
      r.interactive.processes * setting(r, 'interactive', 'DATABASE_POOL_MAX') + r.jobs.processes * setting(r, 'jobs', 'DATABASE_POOL_MAX');
    expect(total(few) + 2 * budget).toBeLessThanOrEqual(20);

    const many = recommend(inputs((i) => (i.postgres!.usableConnections = 1000)));
    expect(setting(many, 'interactive', 'DATABASE_POOL_MAX')).toBeGreaterThanOrEqual(setting(few, 'interactive', 'DATABASE_POOL_MAX'));
  });

  it("sizes the pool by Little's law: the same slots with twice the Postgres time need about twice the connections", () => {
    const fast = recommend(inputs((i) => (i.postgres!.usableConnections = 10_000)));
    const slow = recommend(
      inputs((i) => {
        i.postgres!.usableConnections = 10_000;
        i.postgres!.rttMs *= 2;
        i.postgres!.vectorQueryMs! *= 2;
      }),
    );
    expect(activities(slow, 'interactive')).toBe(activities(fast, 'interactive'));
    const [a, b] = [setting(fast, 'interactive', 'DATABASE_POOL_MAX') - 1, setting(slow, 'interactive', 'DATABASE_POOL_MAX') - 1];
    expect(b).toBeGreaterThanOrEqual(2 * a - 1);
    expect(b).toBeLessThanOrEqual(2 * a + 1);
  });

  it('adds chat processes when measured demand needs more busy slots than one process has', () => {
    const quiet = recommend(inputs((i) => (i.demand = { interactivePerSecond: 1 })));
    expect(quiet.interactive.processes).toBe(1);
    const slots = activities(quiet, 'interactive');
    const busy = slots * 3; // turns/s that keep three processes' worth of slots busy at HEADROOM
    const rate = busy / (4000 / 1000) / HEADROOM;
    const loud = recommend(inputs((i) => (i.demand = { interactivePerSecond: rate })));
    expect(loud.interactive.processes).toBeGreaterThanOrEqual(3);
    expect(loud.interactive.processesWhy).toMatch(/Little's law/);
  });

  it('adds no more chat processes than there are free cores for, and warns when the load needs more CPU', () => {
    const r = recommend(
      inputs((i) => {
        i.host.effectiveCores = 2;
        i.turn.liveCpuMs = 60;
        i.demand = { interactivePerSecond: 100 }; // 6 cores of chat
      }),
    );
    expect(r.interactive.processes).toBeLessThanOrEqual(Math.floor(((2 - 0.1) * 0.8) / 0.8));
    expect(r.warnings.join('\n')).toMatch(/chat needs 6\.00 cores/);
  });

  it('leaves less for everyone when other work keeps the host busy, and then advises fixed slots', () => {
    const idle = recommend(inputs());
    const busy = recommend(inputs((i) => (i.host.busyCores = 3)));
    expect(activities(busy, 'interactive')).toBeLessThanOrEqual(activities(idle, 'interactive'));
    expect(jobsTotal(busy)).toBeLessThan(jobsTotal(idle));
    expect(idle.jobs.tuner.use).toBe(true);
    expect(busy.jobs.tuner.use).toBe(false);
    // The workers' own CPU is not "other load".
    const ours = recommend(
      inputs((i) => {
        i.host.busyCores = 3;
        i.host.sparkleBusyCores = 3;
      }),
    );
    expect(ours.jobs.tuner.use).toBe(true);
  });

  it('bounds the resource tuner by the computed slots, and never recommends it for chat or behind a cgroup v1 quota', () => {
    const r = recommend(inputs());
    expect(r.jobs.tuner.options?.activitySlots.max).toBe(activities(r, 'jobs'));
    expect(r.jobs.tuner.options?.workflowSlots.max).toBe(setting(r, 'jobs', 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'));
    expect(r.jobs.tuner.env).toMatchObject({ WORKER_TUNER: 'resource-based', WORKER_TUNER_TARGET_CPU: '0.8' });
    expect(r.interactive.tuner.use).toBe(false);
    expect(recommend(inputs((i) => (i.host.sdkSeesCpuLimit = false))).jobs.tuner.use).toBe(false);
  });

  it('keeps every value within the SDK limits and the ceiling', () => {
    const huge = recommend(
      inputs((i) => {
        i.host.effectiveCores = 256;
        i.host.memoryAvailableBytes = 1024 * GiB;
        i.turn.cpuMs = 0.001;
        i.postgres!.usableConnections = 100_000;
      }),
    );
    const tiny = recommend(
      inputs((i) => {
        i.host.effectiveCores = 0.5;
        i.host.busyCores = 0.5;
        i.host.memoryAvailableBytes = 64 * 2 ** 20;
        i.postgres!.usableConnections = 3;
      }),
    );
    for (const r of [huge, tiny]) {
      for (const kind of ['interactive', 'jobs'] as const) {
        expect(activities(r, kind)).toBeGreaterThanOrEqual(1);
        expect(activities(r, kind)).toBeLessThanOrEqual(MAX_SLOTS);
        expect(setting(r, kind, 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS')).toBeGreaterThanOrEqual(2);
        expect(setting(r, kind, 'DATABASE_POOL_MAX')).toBeGreaterThanOrEqual(1);
      }
    }
    expect(huge.interactive.binding).toBe('ceiling');
    expect(tiny.warnings.length).toBeGreaterThan(0);
  });

  it("lets a running worker's CPU per turn, SDK included, override the probed code's", () => {
    const probed = recommend(inputs());
    const live = recommend(inputs((i) => (i.turn.liveCpuMs = 70)));
    expect(live.interactive.binding).toBe('cpu');
    expect(activities(live, 'interactive')).toBeLessThan(activities(probed, 'interactive'));
    expect(live.interactive.settings[0]!.measured).toMatch(/live, SDK included/);
  });

  it('lists what it assumed, and only that', () => {
    expect(recommend(inputs()).assumptions).toEqual([]);
    const blind = recommend(
      inputs((i) => {
        delete i.postgres;
        delete i.redisRttMs;
        delete i.workflowBytes;
        delete i.turn.streamMs;
        delete i.sdkCpuMsPerTask;
      }),
    );
    const text = blind.assumptions.join('\n');
    for (const what of [/Postgres round trip/, /Postgres connections/, /Redis/, /cached workflow/, /model stream/, /SDK CPU/]) expect(text).toMatch(what);
    expect(text).not.toMatch(/Temporal/);
  });

  it('says why, with the numbers it used', () => {
    const r = recommend(inputs());
    for (const s of [...r.interactive.settings, ...r.jobs.settings]) {
      expect(s.measured).toMatch(/\d/);
      expect(s.why).toMatch(String(s.value));
    }
  });
});
