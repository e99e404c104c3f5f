// An error-book analysis: record the mistake, then ask the model what misconception produced it, through the
// same security chain as a chat turn (input guard, quota with compensation, model + output guard, audit),
// link the student's related notes, store the analysis and notify. When every model's circuit is open the job
// waits durably and tries again, instead of storing an apology as the analysis.
import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { sanitisedText } from '../lib/contracts/chat.js';
import { mistakeText, type ErrorBookInput, type ErrorBookResult } from '../lib/contracts/knowledge.js';
import { ErrorCode, temporalFailure } from '../lib/errors.js';
import { analysisMessages } from '../lib/prompts.js';
import { JOB_MODEL_CALL, JOB_STEP, NOTIFICATION } from './activity-options.js';
import {
  callWithinReservation,
  checkInput,
  inputEvents,
  outputEvents,
  recordBlock,
  recordEvents,
  releaseReservation,
  reserveQuota,
  usedTokens,
  type Reservation,
} from './security-chain.js';
import { settleTurn } from './turn-settlement.js';

const { recordMistake, findRelatedNodes, saveAnalysis } = proxyActivities<Activities>(JOB_STEP);
const { llmStream } = proxyActivities<Activities>(JOB_MODEL_CALL);
const { notifyUser } = proxyActivities<Activities>(NOTIFICATION);

/** How long and how often to wait for a model whose circuits are all open. */
const DEGRADED_WAIT = '2 minutes';
const DEGRADED_TRIES = 15;

export async function errorBookAnalysisWorkflow(input: ErrorBookInput): Promise<ErrorBookResult> {
  const { workflowId } = workflowInfo();
  const { userId, entryId } = input;
  const notify = (event: string, data: Record<string, unknown>) =>
    notifyUser({ userId, notification: { event, data: { workflowId, entryId, ...data } } }).catch(() => undefined);
  const blocked = async (layer: 'input' | 'quota', reason: string, rules: string[]): Promise<ErrorBookResult> => {
    await recordBlock(workflowId, userId, layer, rules);
    await saveAnalysis({ userId, entryId, status: 'blocked', analysis: null, relatedNodeIds: [] });
    await notify('error_book.blocked', { layer, rules });
    return { status: 'blocked', entryId, layer, reason, rules };
  };

  await recordMistake({ entry: input, workflowId });
  const mistake = mistakeText(input);
  const guard = await checkInput(mistake);
  if (!guard.allowed) return blocked('input', guard.reason, guard.rules);
  const events = inputEvents(guard);
  const messages = analysisMessages(sanitisedText(guard) ?? mistake);
  const day = new Date().toISOString().slice(0, 10);

  // Each attempt has its own reservation, settled or released at once (else by a settlement workflow).
  let reply;
  for (let attempt = 1; ; attempt++) {
    const reservation: Reservation = { userId, reservationId: `${workflowId}:${attempt}`, day };
    const quota = await reserveQuota(reservation, messages);
    if (!quota.allowed) return blocked('quota', quota.reason, quota.rules);
    reply = await callWithinReservation(reservation, String(attempt), () => llmStream({ workflowId, messages, publish: false }));
    if (!reply.degraded) {
      await settleTurn({ userId, quota: { reservationId: reservation.reservationId, day, tokens: usedTokens(reply) } }, String(attempt));
      break;
    }
    await releaseReservation(reservation, String(attempt));
    if (attempt >= DEGRADED_TRIES) throw temporalFailure(ErrorCode.LLM_UNAVAILABLE, 'the language model stayed unavailable');
    await sleep(DEGRADED_WAIT);
  }
  events.push(...outputEvents(reply));

  const relatedNodeIds = await findRelatedNodes({ userId, text: `${input.question}\n${input.correctAnswer}` });
  await saveAnalysis({ userId, entryId, status: 'analysed', analysis: reply.text, relatedNodeIds });
  await recordEvents(workflowId, userId, events);
  await notify('error_book.analysed', { relatedNodeIds });
  return { status: 'analysed', entryId, relatedNodeIds };
}
