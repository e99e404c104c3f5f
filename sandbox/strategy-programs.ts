// The strategy lab's trusted Python programs as sandbox runs: the harness evaluates the user's (validated)
// strategy.py beside it; Monte Carlo needs no user code at all. Both run in the sandbox anyway.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HarnessJob } from '../lib/strategy-lab.js';
import type { RunRequest, SandboxLimits } from './types.js';

const programs = new Map<string, string>();
const program = (name: string) => {
  let text = programs.get(name);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`./strategy/${name}`, import.meta.url)), 'utf8');
    programs.set(name, text);
  }
  return text;
};

export function evaluationRun(strategyCode: string, job: HarnessJob, limits: SandboxLimits): RunRequest {
  return { code: program('evaluate.py'), files: { 'strategy.py': strategyCode }, stdin: JSON.stringify(job), limits };
}

export function monteCarloRun(
  job: { returns: number[]; paths: number; seed: number; ruinThreshold: number; initialEquity: number },
  limits: SandboxLimits,
): RunRequest {
  return { code: program('montecarlo.py'), stdin: JSON.stringify(job), limits };
}
