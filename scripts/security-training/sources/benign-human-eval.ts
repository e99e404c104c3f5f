// openai/human-eval: the 164 HumanEval prompts, Python signatures with docstrings and doctests, pasted the
// way a student pastes an exercise (bare, or with a short request of our own wording).
import { gunzipAt, pick, type BenignRow, type BenignSource } from './benign-lib.js';

const REQUESTS = [
  '',
  'Complete this function.',
  'How do I implement this? I keep failing the second doctest.',
  'Write the body of this function so that the examples in the docstring pass.',
  'Can you give me a hint for this exercise without the full solution?',
  'What is this function supposed to do? Explain the docstring.',
];

export const sources: BenignSource[] = [
  {
    source: 'human-eval',
    repo: 'openai/human-eval',
    family: 'human-eval',
    licence: 'MIT (LICENSE)',
    note: 'data/HumanEval.jsonl.gz: every prompt (signature + docstring), bare or after a short request (our wording)',
    build(s) {
      const path = 'data/HumanEval.jsonl.gz';
      const rows: BenignRow[] = gunzipAt(s, path)
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => {
          const prompt = (JSON.parse(l) as { prompt: string }).prompt;
          const request = pick(REQUESTS, prompt);
          return { text: request ? `${request}\n\n\`\`\`python\n${prompt}\`\`\`` : prompt, kind: 'code' };
        });
      return { paths: [path], rows };
    },
  },
];
