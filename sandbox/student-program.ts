// How a student's program is laid out for a run: a small trusted runner is main.py, the student's (validated) code
// is program.py beside it. The validator refuses input() and sys (issue: deny input), so the runner reads stdin and
// hands it to the program as the STDIN string; runpy executes exactly the validated text (UTF-8, see validate.py).
import type { RunRequest, SandboxLimits } from './types.js';

const RUNNER = `import os, runpy, sys
STDIN = sys.stdin.read()
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'program.py'), init_globals={'STDIN': STDIN}, run_name='__main__')
`;

export function studentProgram(code: string, limits: SandboxLimits, opts: { stdin?: string; files?: Record<string, string> } = {}): RunRequest {
  return { code: RUNNER, files: { ...opts.files, 'program.py': code }, stdin: opts.stdin ?? '', limits };
}
