// My tasks with their live status. The list (GET /api/tasks) comes from Temporal's visibility, which lags a moment
// behind a workflow, and a `notify` frame arrives just before its workflow ends; so a task shown as running is
// asked about on its own (GET /api/tasks/:id, which is current) until it has ended.
import { api, $, node } from './common.js';

let listed = [];
/** The latest answer of GET /api/tasks/:id per task, or what a job start told us before the list has it. */
const latest = new Map();
/** Tasks started from this page, newest first: shown even before the list has them. */
const started = [];
let timer;
let delay = 1000;

const ended = (t) => t.status !== 'running';

function current() {
  const ids = [...started.filter((id) => !listed.some((t) => t.workflowId === id)), ...listed.map((t) => t.workflowId)];
  return ids.map((id) => {
    const fromList = listed.find((t) => t.workflowId === id);
    const asked = latest.get(id);
    // Whichever saw the end is newer; an ended task never runs again.
    return asked && (!fromList || ended(asked) || !ended(fromList)) ? { ...fromList, ...asked } : fromList;
  });
}

function item(t) {
  const li = node('li', `task ${t.status}`);
  li.dataset.workflowId = t.workflowId;
  li.append(node('span', 'kind', t.kind ?? 'task'), ' · ', node('span', 'status', t.status));
  if (/^https?:\/\//.test(t.uiUrl ?? '')) {
    const a = node('a', undefined, 'history');
    a.href = t.uiUrl;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    li.append(' ', a);
  }
  return li;
}

function render() {
  const tasks = current();
  $('tasks').replaceChildren(...(tasks.length ? tasks.map(item) : [node('li', 'empty', 'No tasks yet.')]));
  if (tasks.some((t) => !ended(t))) watch();
}

function watch(soon = false) {
  if (soon) {
    clearTimeout(timer);
    timer = undefined;
    delay = 1000;
  }
  timer ??= setTimeout(poll, soon ? 0 : delay);
}

async function poll() {
  timer = undefined;
  const running = current()
    .filter((t) => !ended(t))
    .slice(0, 5);
  await Promise.all(
    running.map(async (t) => {
      try {
        latest.set(t.workflowId, await api(`/tasks/${encodeURIComponent(t.workflowId)}`));
      } catch {
        /* asked again on the next round */
      }
    }),
  );
  delay = Math.min(10_000, delay * 1.5); // a long import is not asked about every second for an hour
  render();
}

export async function refreshTasks() {
  try {
    listed = (await api('/tasks?limit=20')).items;
    render();
  } catch (err) {
    $('tasks').replaceChildren(node('li', 'blocked', String(err.message)));
  }
}

/** A job this page just started: listed at once as running, then followed to its end. */
export function trackTask(workflowId, kind) {
  started.unshift(workflowId);
  latest.set(workflowId, { workflowId, kind, status: 'running' });
  render();
  watch(true);
}

/** A `notify` frame: something of mine finished or changed. */
export function onNotify() {
  watch(true);
  void refreshTasks();
}
