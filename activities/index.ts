// All activities, built from their dependencies by the worker. Workflows import only the type.
import { createChatActivities, type ChatDeps } from './chat.js';
import { createCodeRunActivities, type CodeRunDeps } from './code-runs.js';
import { createErrorBookActivities, type ErrorBookDeps } from './error-book.js';
import { createAuditActivities, type AuditDeps } from './audit.js';
import { createInputGuardActivities, type InputGuardDeps } from './input-guard.js';
import { createQuotaActivities, type QuotaDeps } from './quota.js';
import { createImportActivities, type ImportDeps } from './imports.js';
import { createKnowledgeActivities, type KnowledgeDeps } from './knowledge.js';
import { createNoteFastPath } from './knowledge-fast-path.js';
import { createLlmActivities, type LlmDeps } from './llm-stream.js';
import { createMaintenanceActivities, type MaintenanceDeps } from './maintenance.js';
import { createNotifyActivities, type NotifyDeps } from './notify.js';
import { createRetentionActivities, type RetentionDeps } from './retention.js';
import { createRetrievalActivities, type RetrievalDeps } from './retrieval.js';
import { createStrategyLabActivities, type StrategyLabDeps } from './strategy-lab.js';
import { createSettlementFastPath } from './turn-settlement.js';

export type ActivityDeps = ChatDeps &
  LlmDeps &
  InputGuardDeps &
  QuotaDeps &
  AuditDeps &
  RetentionDeps &
  KnowledgeDeps &
  RetrievalDeps &
  ErrorBookDeps &
  ImportDeps &
  MaintenanceDeps &
  CodeRunDeps &
  StrategyLabDeps &
  NotifyDeps;

export function createActivities(deps: ActivityDeps) {
  const guards = { ...createInputGuardActivities(deps), ...createQuotaActivities(deps), ...createAuditActivities(deps) };
  const knowledge = createKnowledgeActivities(deps);
  const chat = createChatActivities(deps);
  const retention = createRetentionActivities(deps);
  const notify = createNotifyActivities(deps);
  return {
    ...chat,
    ...createLlmActivities(deps),
    ...guards,
    ...retention,
    ...createSettlementFastPath({ ...guards, ...chat, ...retention }),
    ...knowledge,
    ...notify,
    ...createNoteFastPath({ ...guards, ...knowledge, ...notify }),
    ...createRetrievalActivities(deps),
    ...createErrorBookActivities(deps),
    ...createImportActivities(deps),
    ...createMaintenanceActivities(deps),
    ...createCodeRunActivities(deps),
    ...createStrategyLabActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
